//! `[site]` in the spec's `guifan.toml`: what a project may change about its
//! website.
//!
//! ```toml
//! [site]
//! remote_images = true   # default false: pages never fetch anything
//! ```

use std::path::Path;

use serde::Deserialize;

/// The website's settings.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Keep images (and other `src`) that point outside the site. Off by
    /// default, because a page opened from disk would then fetch them (a
    /// tracking pixel tells its owner who read which page, and when); a
    /// project that serves its site on its intranet, with images on the same
    /// server, may opt in.
    #[serde(default)]
    pub remote_images: bool,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    site: SiteConfig,
}

impl SiteConfig {
    /// `[site]` of the `guifan.toml` under `spec_root`, or the defaults.
    pub fn load(spec_root: &Path) -> Result<SiteConfig, String> {
        let file = crate::lint::config::read::<File>(spec_root)?;
        Ok(file.map(|f| f.site).unwrap_or_default())
    }
}
