//! `guifan schema`: the JSON Schema of a spec file, derived from the Rust
//! types of [`crate::spec::model`] so it can never disagree with the loader.
//! Their doc comments are its descriptions; each property's title is the
//! first phrase of its description, so editors show something on hover and
//! in completion lists alike.

use serde_json::Value;

use crate::spec::model::SpecFile;

pub fn to_json() -> String {
    let mut schema = schemars::schema_for!(SpecFile);
    schema.insert("title".into(), "guifan spec file".into());
    schema.insert(
        "description".into(),
        "One YAML file of a guifan standards spec (see docs/format.md).".into(),
    );
    let mut value = schema.to_value();
    title_properties(&mut value);
    let mut out = serde_json::to_string_pretty(&value).expect("a schema serialises to JSON");
    out.push('\n');
    out
}

/// Give every property without a title the first phrase of its description.
fn title_properties(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for property in properties.values_mut() {
                    let phrase = property
                        .get("description")
                        .and_then(Value::as_str)
                        .map(first_phrase);
                    if let (Some(phrase), Value::Object(p)) = (phrase, &mut *property) {
                        p.entry("title").or_insert(phrase.into());
                    }
                }
            }
            map.values_mut().for_each(title_properties);
        }
        Value::Array(items) => items.iter_mut().for_each(title_properties),
        _ => {}
    }
}

/// `The flow's id: lower-case …` → `The flow's id`.
fn first_phrase(description: &str) -> String {
    let line = description.lines().next().unwrap_or("");
    // Punctuation ends the phrase only where a space follows it, so that
    // `HH:MM` or `2.5` stay whole.
    let end = [": ", ". ", "; ", " (", "：", "。"]
        .iter()
        .filter_map(|stop| line.find(stop))
        .min()
        .unwrap_or(line.len());
    line[..end].trim().trim_end_matches(['.', ',']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_property_has_a_title_and_a_description() {
        let schema: Value = serde_json::from_str(&to_json()).unwrap();
        let mut seen = 0;
        let mut check = |name: &str, props: &serde_json::Map<String, Value>| {
            for (key, p) in props {
                seen += 1;
                let title = p["title"].as_str().unwrap_or("");
                assert!(!title.is_empty(), "{name}.{key} has no title");
                assert!(
                    p["description"].is_string(),
                    "{name}.{key} has no description"
                );
            }
        };
        check("SpecFile", schema["properties"].as_object().unwrap());
        for (name, def) in schema["$defs"].as_object().unwrap() {
            if let Some(props) = def["properties"].as_object() {
                check(name, props);
            }
        }
        assert!(seen > 140, "{seen} properties");
        assert_eq!(first_phrase("The flow's id: lower-case"), "The flow's id");
        assert_eq!(
            first_phrase("Hours, `HH:MM-HH:MM`. More"),
            "Hours, `HH:MM-HH:MM`"
        );
    }
}
