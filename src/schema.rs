//! `guifan schema`: the JSON Schema of a spec file, derived from the Rust
//! types of [`crate::spec::model`] so it can never disagree with the loader.

use crate::spec::model::SpecFile;

pub fn to_json() -> String {
    let mut schema = schemars::schema_for!(SpecFile);
    schema.insert("title".into(), "guifan spec file".into());
    schema.insert(
        "description".into(),
        "One YAML file of a guifan standards spec (see docs/format.md).".into(),
    );
    let mut out = serde_json::to_string_pretty(&schema).expect("a schema serialises to JSON");
    out.push('\n');
    out
}
