//! Arbitrary bytes as a spec file, through the exact path of `guifan
//! check`: parse, resolve, and render the diagnostics in every format.
#![no_main]

use guifan::diag;
use guifan::spec::{load, resolve};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let outcome = load::parse_bytes("fuzz.yaml".to_owned(), data.to_vec());
    let mut loaded = load::Loaded::default();
    if let Some(file) = outcome.parsed {
        loaded.files.push(("fuzz.yaml".to_owned(), file));
    }
    loaded.diagnostics.extend(outcome.diagnostic);
    loaded.sources.add(outcome.source);
    let (spec, diags) = resolve::resolve(loaded);
    let rules = guifan::lint::all_rule_infos();
    let cx = diag::Context {
        sources: &spec.sources,
        rules: &rules,
        base: "spec/".to_owned(),
        colour: true,
    };
    for format in [
        diag::Format::Human,
        diag::Format::Json,
        diag::Format::Sarif,
        diag::Format::Github,
        diag::Format::Gitlab,
        diag::Format::Junit,
    ] {
        let _ = diag::render(format, &diags, &cx);
    }
    let _ = guifan::export::to_json(&spec);
});
