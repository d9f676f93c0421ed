//! A spec file as its authors wrote it, highlighted, one anchor per line.

use serde_json::{Value, json};

use super::Site;
use crate::site::highlight;

pub fn page(site: &Site, i: usize) -> Value {
    let file = &site.spec.sources.files()[i];
    json!({
        "page_title": file.path,
        "nav": "",
        "path": file.path,
        "code": highlight::yaml_html(&file.text),
    })
}
