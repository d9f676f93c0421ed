//! Arbitrary text as a duration: parsing, rendering and re-parsing the
//! rendering must never panic, and a rendering must read back the same.
#![no_main]

use guifan::spec::duration;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(d) = duration::parse(text) {
        let _ = d.normalised().map(|q| q.clock_seconds());
        let shown = d.to_string();
        if let Ok(again) = duration::parse(&shown) {
            assert_eq!(again.to_string(), shown, "rendering of {text:?} is not stable");
        }
    }
});
