//! Arbitrary bytes as a records file of `guifan audit`, through its exact
//! reading path: encoding detection (UTF-8, BOM, GBK), CSV or JSON Lines,
//! column layout, times, and the rendering of every bad row.
#![no_main]

use guifan::audit::columns::Mapping;
use guifan::audit::records::{self, Encoding, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let mapping = Mapping::new(std::path::Path::new("/nonexistent"), &[]).expect("defaults");
    let encoding = [Encoding::Auto, Encoding::Utf8, Encoding::Gbk][usize::from(mode % 3)];
    let options = Options {
        mapping: &mapping,
        encoding,
        tz: jiff::tz::TimeZone::get("Asia/Shanghai").expect("bundled zone"),
    };
    let json = mode & 4 != 0;
    let input = std::io::Cursor::new(bytes.to_vec());
    let _ = records::read_from("fuzz.csv", input, json, &options, &mut |row, _| {
        if let Err(bad) = row {
            let _ = bad.render(true);
        }
    });
});
