//! `guifan export --format json`: the resolved model for other tools, in a
//! versioned format documented in `docs/export.md` and published as a JSON
//! Schema (`guifan schema --export`).
//!
//! Items are exported as written (citations split into standard and
//! clause), plus everything a consumer would otherwise have to work out
//! again from the format's rules: effective owners, each step's successors
//! and whether it ends its flow, durations read and normalised with exact
//! amounts, where each limit is used, and which calendar counts its time.
//! All of it comes from [`crate::spec::relations`]; nothing is derived here.

mod model;

use crate::output::{Checked, Dest, Output, Rendered};
use crate::spec::Spec;
pub use model::Export;

/// Version of the export's shape; bumped when a field changes meaning.
pub const EXPORT_VERSION: u32 = 2;

/// The export as an output (one JSON document).
pub struct Json;

impl Output for Json {
    fn name(&self) -> &'static str {
        "export"
    }

    fn render(&self, checked: &Checked, dest: &dyn Dest) -> Result<Rendered, String> {
        dest.write("export.json", to_json(&checked.spec).as_bytes())
            .map_err(|e| format!("cannot write the export: {e}"))?;
        Ok(Rendered {
            files: 1,
            summary: "the export".to_owned(),
        })
    }
}

/// The export as pretty JSON.
pub fn to_json(spec: &Spec) -> String {
    let mut out =
        serde_json::to_string_pretty(&Export::new(spec)).expect("the export serialises to JSON");
    out.push('\n');
    out
}

/// The JSON Schema of the export, pretty-printed.
pub fn schema() -> String {
    let mut schema = schemars::schema_for!(Export);
    schema.insert("title".into(), "guifan export".into());
    schema.insert(
        "description".into(),
        "The resolved model of a guifan spec, as `guifan export` writes it (docs/export.md)."
            .into(),
    );
    // A citation is written `standard#clause` but exported split in two.
    if let Some(defs) = schema.get_mut("$defs").and_then(|d| d.as_object_mut()) {
        defs.insert(
            "Cite".into(),
            serde_json::json!({
                "description": "A citation: the standard's id and the clause number.",
                "type": "object",
                "properties": {
                    "standard": {"type": "string"},
                    "clause": {"type": "string"}
                },
                "required": ["standard"],
                "additionalProperties": false
            }),
        );
    }
    let mut out = serde_json::to_string_pretty(&schema).expect("a schema serialises to JSON");
    out.push('\n');
    out
}
