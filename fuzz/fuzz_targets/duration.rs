//! Arbitrary text as a duration: parsing, rendering and re-parsing the
//! rendering must never panic, and a rendering must read back to the same
//! duration.
#![no_main]

use guifan::spec::duration;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(d) = duration::parse(text) {
        let _ = d.normalised().map(|q| q.clock_seconds());
        let shown = d.to_string();
        assert_eq!(duration::parse(&shown), Ok(d), "{text:?} renders as {shown:?}");
    }
});
