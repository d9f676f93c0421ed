//! Arbitrary text as a spec file, read by both parsers: whatever the quick
//! path (libyaml) reads, serde-saphyr must read to the same model, with
//! the same positions; where the quick path gives up, serde-saphyr decides.
#![no_main]

use guifan::spec::{load, model::SpecFile, quick};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(quick) = quick::from_str::<SpecFile>(text) {
        match load::parse_by_saphyr(text) {
            Ok(saphyr) => assert_eq!(format!("{quick:?}"), format!("{saphyr:?}"), "{text:?}"),
            Err(e) => panic!("the quick path read what serde-saphyr refuses ({e}): {text:?}"),
        }
    }
});
