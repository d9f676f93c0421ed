//! Outputs: what guifan renders from a checked spec (the website, the
//! export, quizzes, printed checklists, the compliance matrix, the audit
//! report), and what they share.
//!
//! Every command starts from one [`Checked`] spec: opened, resolved and
//! linted, with every diagnostic. An [`Output`] (in the spirit of mdBook's
//! `Renderer`) reads it and writes files to a [`Dest`]; [`write`] is the one
//! place that applies the error gate, makes the destination (a staged
//! folder swapped in whole, a file, or standard output) and commits it, so
//! no output copies that logic or can leave half a result behind.

pub mod escape;
pub mod staging;
pub mod theme;

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diag::{Diagnostic, Severity};
use crate::lint::LintConfig;
use crate::spec::Spec;

/// A spec opened, resolved and linted.
pub struct Checked {
    pub spec: Spec,
    /// Every diagnostic, structural and lint, at its configured level, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The lint levels in force (`guifan.toml`, then the command line).
    pub config: LintConfig,
}

impl Checked {
    /// Open the spec under `root` and lint it with `config`. `Err` is a usage
    /// or I/O problem (exit 2); problems of the spec are diagnostics.
    pub fn open(root: &Path, config: LintConfig) -> Result<Checked, String> {
        Checked::open_with(root, config, None)
    }

    /// [`Checked::open`], with one file's text given rather than read.
    pub fn open_with(
        root: &Path,
        config: LintConfig,
        overlay: Option<crate::spec::load::Overlay>,
    ) -> Result<Checked, String> {
        let opened = crate::spec::open_with(root, overlay).map_err(|e| e.to_string())?;
        Ok(Checked::lint(opened, config))
    }

    /// [`Checked::open`], parsing again only the files changed since the
    /// last call with `memo` (`serve`, after an edit).
    pub fn open_again(
        root: &Path,
        config: LintConfig,
        memo: &mut crate::spec::load::Memo,
    ) -> Result<Checked, String> {
        let opened = crate::spec::open_again(root, memo).map_err(|e| e.to_string())?;
        Ok(Checked::lint(opened, config))
    }

    fn lint((spec, mut diagnostics): (Spec, Vec<Diagnostic>), config: LintConfig) -> Checked {
        diagnostics.extend(crate::lint::run(&spec, &config));
        crate::diag::sort(&mut diagnostics);
        Checked {
            spec,
            diagnostics,
            config,
        }
    }

    /// How many diagnostics are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Something rendered from a checked spec.
pub trait Output: Sync {
    /// What it is called in messages: `site`, `export`.
    fn name(&self) -> &'static str;
    /// Write every file of the output to `dest`, paths relative to its root
    /// and `/`-separated. Same spec, same bytes.
    fn render(&self, checked: &Checked, dest: &dyn Dest) -> Result<Rendered, String>;
}

/// What an output wrote, for the summary line.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// Files written.
    pub files: usize,
    /// What they are, in words: `204 pages (285 files)`.
    pub summary: String,
}

/// Where an output's files go. Writes may come from several threads.
pub trait Dest: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
}

/// Where [`write`] puts an output.
#[derive(Clone, Debug)]
pub enum Target {
    /// A folder, replaced as a whole (see [`staging`]).
    Folder(PathBuf),
    /// One file, replaced atomically; the output must write one file.
    File(PathBuf),
    /// Standard output; the output must write one file.
    Stdout,
}

/// Why [`write`] wrote nothing.
#[derive(Debug)]
pub enum Refused {
    /// The spec has this many errors and errors were not allowed.
    Errors(usize),
    /// A usage or I/O problem (exit 2).
    Failed(String),
}

impl From<String> for Refused {
    fn from(message: String) -> Self {
        Refused::Failed(message)
    }
}

/// Render `output` from `checked` to `target`: refused when the spec has
/// errors unless `allow_errors`; nothing changes at the target unless the
/// whole output was rendered.
pub fn write(
    output: &dyn Output,
    checked: &Checked,
    target: &Target,
    allow_errors: bool,
) -> Result<Rendered, Refused> {
    let errors = checked.errors();
    if errors > 0 && !allow_errors {
        return Err(Refused::Errors(errors));
    }
    match target {
        Target::Folder(out) => {
            let staging = staging::Staging::new(out)?;
            let rendered = output.render(checked, &staging)?;
            staging.commit()?;
            Ok(rendered)
        }
        Target::File(path) => {
            let one = One::default();
            let rendered = output.render(checked, &one)?;
            let bytes = one.take(output.name())?;
            staging::write_file(path, &bytes)?;
            Ok(rendered)
        }
        Target::Stdout => {
            let one = One::default();
            let rendered = output.render(checked, &one)?;
            let bytes = one.take(output.name())?;
            let mut out = io::stdout().lock();
            // A closed pipe (`| head`) is not an error of guifan's.
            let _ = out.write_all(&bytes).and_then(|()| out.flush());
            Ok(rendered)
        }
    }
}

/// Characters that change the direction text is shown in: a title could
/// display `24小时` although `30天` is written.
const BIDI_CONTROLS: [char; 12] = [
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// `text` with every bidirectional control replaced by U+FFFD (�), as the
/// terminal shows them in diagnostics: what a page shows is what is written.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(BIDI_CONTROLS) {
        text.replace(BIDI_CONTROLS, "\u{FFFD}").into()
    } else {
        text.into()
    }
}

/// A destination that takes exactly one file.
#[derive(Default)]
struct One(Mutex<Vec<(String, Vec<u8>)>>);

impl Dest for One {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let mut files = self.0.lock().map_err(|_| io::Error::other("poisoned"))?;
        files.push((path.to_owned(), bytes.to_vec()));
        Ok(())
    }
}

impl One {
    fn take(self, name: &str) -> Result<Vec<u8>, String> {
        let mut files = self.0.into_inner().map_err(|_| "poisoned".to_owned())?;
        match files.len() {
            1 => Ok(files.pop().map(|(_, bytes)| bytes).unwrap_or_default()),
            n => Err(format!(
                "the {name} is {n} files; write it to a folder with -o DIR"
            )),
        }
    }
}
