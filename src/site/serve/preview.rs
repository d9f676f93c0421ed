//! The site as `serve` keeps it up to date: after the first build, an edit
//! rewrites only the files it changes.
//!
//! Which pages an edit affects: a page shows what its data holds, and the
//! data is made from the model — an item and what its relations reach (a
//! role page lists the limits its role and its parents must meet, a flow
//! page the limits of its steps, every list its items' titles). So a page
//! is affected exactly when its data changed, whichever file, item or
//! relation caused it. Each build records a hash of every page's data (of
//! a source page, of its file's text, all it shows, so unchanged files are
//! not highlighted again) and of every other file; an update makes the
//! data again and renders and writes only the pages whose hash changed,
//! each file replaced by one rename. Making the data is a small part of
//! rendering a page.
//!
//! When unsure, everything is built again as `guifan build` does (staged,
//! swapped in whole): the first build, a change of the templates, a page
//! that appeared or went, a build after a failed one, `--pdf`.

use std::collections::HashMap;
use std::hash::Hasher as _;
use std::io;
use std::path::Path;
use std::sync::Mutex;

use serde_json::Value;
use siphasher::sip128::{Hasher128 as _, SipHasher13};

use crate::lint::LintConfig;
use crate::output::{Checked, Dest, Output, Rendered};
use crate::site::pages::{Page, Site};
use crate::site::{Options, Outcome, Select, Website};
use crate::spec::load::Memo;

/// What each file of the site on disk was made from, by its path.
type Made = HashMap<String, u128>;

pub struct Preview {
    opts: Options,
    /// The theme, as the last full build loaded it.
    website: Option<Website>,
    /// `None` until a full build succeeds, and after any failure to write.
    made: Option<Made>,
    /// The spec files as last parsed.
    parsed: Memo,
}

impl Preview {
    pub fn new(opts: Options) -> Preview {
        Preview {
            opts,
            website: None,
            made: None,
            parsed: Memo::default(),
        }
    }

    /// Build everything, as `guifan build` does, with the theme read again.
    pub fn full(&mut self) -> Result<Outcome, String> {
        self.made = None;
        let website = self.website.insert(Website::of(&self.opts)?);
        let record = Record::new(None);
        let outcome = crate::site::build_with(
            &self.opts,
            open(&self.opts, &mut self.parsed)?,
            &Recorded {
                website,
                record: &record,
            },
        )?;
        if outcome.written.is_some() && !self.opts.pdf {
            self.made = Some(record.into_made());
        }
        Ok(outcome)
    }

    /// Bring the site up to date after an edit of the spec.
    pub fn update(&mut self) -> Result<Outcome, String> {
        let (Some(website), Some(made)) = (&self.website, self.made.take()) else {
            return self.full();
        };
        let checked = open(&self.opts, &mut self.parsed)?;
        if checked.errors() > 0 && !self.opts.allow_errors {
            self.made = Some(made);
            return Ok(Outcome {
                checked,
                written: None,
            });
        }
        let record = Record::new(Some(&made));
        let rendered = website.render_some(&checked, &InPlace(&self.opts.out), &record)?;
        let now = record.into_made();
        if now.len() != made.len() || now.keys().any(|path| !made.contains_key(path)) {
            return self.full();
        }
        self.made = Some(now);
        Ok(Outcome {
            checked,
            written: Some(rendered),
        })
    }
}

/// The spec checked again, parsing only the files changed since the last time.
fn open(opts: &Options, parsed: &mut Memo) -> Result<Checked, String> {
    Checked::open_again(&opts.spec, LintConfig::load(&opts.spec)?, parsed)
}

/// The website, recording what it writes.
struct Recorded<'a> {
    website: &'a Website,
    record: &'a Record<'a>,
}

impl Output for Recorded<'_> {
    fn name(&self) -> &'static str {
        "site"
    }

    fn render(&self, checked: &Checked, dest: &dyn Dest) -> Result<Rendered, String> {
        self.website.render_some(checked, dest, self.record)
    }
}

/// What a build makes, compared with what the previous one made.
struct Record<'a> {
    before: Option<&'a Made>,
    now: Mutex<Made>,
}

impl<'a> Record<'a> {
    fn new(before: Option<&'a Made>) -> Record<'a> {
        Record {
            before,
            now: Mutex::new(Made::new()),
        }
    }

    /// Note what `path` is made from; whether that changed.
    fn changed(&self, path: &str, hash: u128) -> bool {
        if let Ok(mut now) = self.now.lock() {
            now.insert(path.to_owned(), hash);
        }
        self.before
            .is_none_or(|before| before.get(path) != Some(&hash))
    }

    /// Whether `path` was already noted (a source page, by its file).
    fn noted(&self, path: &str) -> bool {
        self.now.lock().is_ok_and(|now| now.contains_key(path))
    }

    fn into_made(self) -> Made {
        self.now.into_inner().unwrap_or_default()
    }
}

impl Select for Record<'_> {
    fn wants(&self, site: &Site, path: &str, page: Page) -> bool {
        match page {
            Page::Source(i) => {
                let text = &site.spec.sources.files()[i].text;
                self.changed(path, hash(|h| h.write(text.as_bytes())))
            }
            _ => true,
        }
    }

    fn keeps(&self, path: &str, data: &Value) -> bool {
        if self.noted(path) {
            return true;
        }
        let hash = hash(|h| {
            let _ = serde_json::to_writer(HashWriter(h), data);
        });
        self.changed(path, hash)
    }

    fn reads_data(&self) -> bool {
        true
    }

    fn keeps_file(&self, path: &str, bytes: &[u8]) -> bool {
        self.changed(path, hash(|h| h.write(bytes)))
    }
}

/// A 128-bit SipHash of what `feed` writes: collisions are out of reach.
fn hash(feed: impl FnOnce(&mut SipHasher13)) -> u128 {
    let mut hasher = SipHasher13::new();
    feed(&mut hasher);
    hasher.finish128().as_u128()
}

struct HashWriter<'a>(&'a mut SipHasher13);

impl io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The site folder itself: each file replaced by one rename, so the server
/// sends the old page or the new one, never a part.
struct InPlace<'a>(&'a Path);

impl Dest for InPlace<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let file = self.0.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        crate::output::staging::write_file(&file, bytes).map_err(io::Error::other)
    }
}
