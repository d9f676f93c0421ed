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
//! The pages a browser has open ([`super::visited`]) come first: made
//! with the last build's practice quizzes (drawing the bank again is the
//! largest part of an update), written if changed, and the reload sent;
//! then the whole site is compared as above, the bank drawn again, and an
//! open page it changes (its quiz, its quiz link) written and reloaded
//! again. So the page being read shows an edit in the time of checking the
//! spec and making that page; the rest follows.
//!
//! When unsure, everything is built again as `guifan build` does (staged,
//! swapped in whole): the first build, a change of the templates, a page
//! that appeared or went, a build after a failed one, `--pdf`.

use std::collections::HashMap;
use std::hash::Hasher as _;
use std::io;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;
use siphasher::sip128::{Hasher128 as _, SipHasher13};

use crate::lint::LintConfig;
use crate::output::{Checked, Dest, Output, Rendered};
use crate::site::pages::{Page, Site};
use crate::site::{Options, Outcome, Practice, SHARED, Select, Website, url};
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
    /// The practice quizzes' questions of the last build: the open pages
    /// are rendered with them after an edit, before the bank is drawn again
    /// (a page whose quiz link the new bank changes is written again after).
    practice: Option<Practice>,
}

/// What a build or an update did.
pub struct Updated {
    pub outcome: Outcome,
    /// When the pages open in a browser were written and told to reload,
    /// before the rest of the site.
    pub open_first: Option<Duration>,
    /// Whether open pages must reload now: always after a full build; after
    /// an update, unless they already did and the rest changed none of them.
    pub reload: bool,
}

impl Updated {
    fn whole(outcome: Outcome) -> Updated {
        Updated {
            outcome,
            open_first: None,
            reload: true,
        }
    }
}

impl Preview {
    pub fn new(opts: Options) -> Preview {
        Preview {
            opts,
            website: None,
            made: None,
            parsed: Memo::default(),
            practice: None,
        }
    }

    /// Build everything, as `guifan build` does, with the theme read again.
    pub fn full(&mut self) -> Result<Updated, String> {
        self.made = None;
        let website = self.website.insert(Website::of(&self.opts)?);
        let record = Record::new(None, &[]);
        let recorded = Recorded {
            website,
            record: &record,
            practice: Mutex::new(None),
        };
        let outcome =
            crate::site::build_with(&self.opts, open(&self.opts, &mut self.parsed)?, &recorded)?;
        self.practice = recorded.practice.into_inner().unwrap_or_default();
        if outcome.written.is_some() && !self.opts.pdf {
            self.made = Some(record.into_made());
        }
        Ok(Updated::whole(outcome))
    }

    /// Bring the site up to date after an edit of the spec: first the
    /// `open` pages (files of the site), then `reloaded` is called if any
    /// changed, then the rest.
    pub fn update(&mut self, open: &[String], reloaded: &dyn Fn()) -> Result<Updated, String> {
        let started = Instant::now();
        let (Some(website), Some(mut made)) = (&self.website, self.made.take()) else {
            return self.full();
        };
        let checked = self::open(&self.opts, &mut self.parsed)?;
        if checked.errors() > 0 && !self.opts.allow_errors {
            self.made = Some(made);
            return Ok(Updated {
                outcome: Outcome {
                    checked,
                    written: None,
                },
                open_first: None,
                reload: false,
            });
        }
        let dest = InPlace(&self.opts.out);
        let (mut open_first, mut written_first) = (None, 0);
        if let Some(practice) = self.practice.as_ref().filter(|_| !open.is_empty()) {
            let first = Record::new(Some(&made), open);
            written_first = website.render_pages(&checked, &dest, &OpenOnly(&first), practice)?;
            if first.open_changed() {
                reloaded();
                open_first = Some(started.elapsed());
            }
            // What the rest compares with: the open pages as just written
            // (only pages that were there: one that appeared means a full
            // build, below), but not what every page shows.
            for (path, hash) in first.into_made() {
                if let Some(known) = made.get_mut(&path).filter(|_| path != SHARED) {
                    *known = hash;
                }
            }
        }
        let record = Record::new(Some(&made), open);
        let (mut rendered, practice) = website.render_keeping(&checked, &dest, &record)?;
        rendered.files += written_first;
        self.practice = Some(practice);
        let reload = open_first.is_none() || record.open_changed();
        let now = record.into_made();
        if now.len() != made.len() || now.keys().any(|path| !made.contains_key(path)) {
            return self.full();
        }
        self.made = Some(now);
        Ok(Updated {
            outcome: Outcome {
                checked,
                written: Some(rendered),
            },
            open_first,
            reload,
        })
    }
}

/// The spec checked again, parsing only the files changed since the last time.
fn open(opts: &Options, parsed: &mut Memo) -> Result<Checked, String> {
    Checked::open_again(&opts.spec, LintConfig::load(&opts.spec)?, parsed)
}

/// The website, recording what it writes and keeping the practice quizzes.
struct Recorded<'a> {
    website: &'a Website,
    record: &'a Record<'a>,
    practice: Mutex<Option<Practice>>,
}

impl Output for Recorded<'_> {
    fn name(&self) -> &'static str {
        "site"
    }

    fn render(&self, checked: &Checked, dest: &dyn Dest) -> Result<Rendered, String> {
        let (rendered, practice) = self.website.render_keeping(checked, dest, self.record)?;
        if let Ok(mut kept) = self.practice.lock() {
            *kept = Some(practice);
        }
        Ok(rendered)
    }
}

/// What a build makes, compared with what the previous one made.
struct Record<'a> {
    before: Option<&'a Made>,
    now: Mutex<Made>,
    /// The files of the pages open in a browser.
    open: &'a [String],
    /// Whether one of them changed, or what every page shows.
    open_changed: AtomicBool,
}

impl<'a> Record<'a> {
    fn new(before: Option<&'a Made>, open: &'a [String]) -> Record<'a> {
        Record {
            before,
            now: Mutex::new(Made::new()),
            open,
            open_changed: AtomicBool::new(false),
        }
    }

    /// Note what `path` is made from; whether that changed.
    fn changed(&self, path: &str, hash: u128) -> bool {
        if let Ok(mut now) = self.now.lock() {
            now.insert(path.to_owned(), hash);
        }
        let changed = self
            .before
            .is_none_or(|before| before.get(path) != Some(&hash));
        if changed && (path == SHARED || self.is_open(path)) {
            self.open_changed.store(true, Ordering::Relaxed);
        }
        changed
    }

    /// Whether the page at `path` (as the site links it) is open.
    fn is_open(&self, path: &str) -> bool {
        !self.open.is_empty() && self.open.contains(&url::file_of(path))
    }

    fn open_changed(&self) -> bool {
        self.open_changed.load(Ordering::Relaxed)
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

/// The open pages alone, as [`Record`] sees them.
struct OpenOnly<'a>(&'a Record<'a>);

impl Select for OpenOnly<'_> {
    fn wants(&self, site: &Site, path: &str, page: Page) -> bool {
        self.0.is_open(path) && self.0.wants(site, path, page)
    }

    fn keeps(&self, path: &str, data: &Value) -> bool {
        self.0.keeps(path, data)
    }

    fn reads_data(&self) -> bool {
        true
    }

    /// Only what every page shows is asked: left to the pass of the whole
    /// site, which writes every page when it changed.
    fn keeps_file(&self, _path: &str, _bytes: &[u8]) -> bool {
        false
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
