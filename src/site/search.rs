//! Search: a build-time index of the site, split into shards that the
//! browser loads with `<script>` tags.
// TEMPORARY until the search branch merges.
use crate::spec::Spec;
use std::collections::BTreeMap;
pub const KINDS: &[&str] = &["standard"];
pub struct Labels {
    pub kinds: BTreeMap<&'static str, String>,
}
pub fn build_index(_: &Spec, _: &Labels) -> Vec<(String, String)> {
    Vec::new()
}
