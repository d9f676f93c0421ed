//! Load: the files of a spec folder → one [`SpecFile`] per file, or the
//! diagnostics that explain why a file could not be read.
//!
//! Every file is bounded before and while it is parsed (size, UTF-8, nesting
//! depth, alias expansion), so no input can exhaust memory or panic the
//! loader; each bound that is hit becomes an `E010` diagnostic.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_saphyr::{Error as YamlError, budget::BudgetBreach};

use super::model::SpecFile;
use super::span::Pos;
use crate::diag::{Diagnostic, Place, SourceFile, SourceMap, did_you_mean};

/// Largest spec file read, in bytes. Real standards files are a few tens of
/// kilobytes; anything this large is a mistake or an attack.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// Deepest nesting of YAML collections accepted. The format needs about 6.
pub const MAX_DEPTH: usize = 32;
/// Longest name of a spec file or folder, in bytes: its page in the site
/// adds `.html`, and file systems allow 255.
pub const MAX_NAME_BYTES: usize = 250;
/// Most YAML events that aliases may replay in one file (alias bombs).
pub const MAX_ALIAS_EVENTS: usize = 100_000;

/// The outcome of loading a spec folder.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: SourceMap,
    /// The files that parsed, by relative path, in path order.
    pub files: Vec<(String, SpecFile)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a spec folder could not be loaded at all (exit code 2).
#[derive(Debug)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `root` can be a spec folder; the error says what to pass instead.
pub fn check_root(root: &Path) -> Result<(), LoadError> {
    if root.is_file() {
        return Err(LoadError(format!(
            "`{}` is a file; `-s` takes the spec folder (the folder of `guifan.toml` and the YAML files)",
            root.display()
        )));
    }
    if !root.is_dir() {
        return Err(LoadError(format!(
            "spec folder `{}` does not exist or is not a folder",
            root.display()
        )));
    }
    Ok(())
}

/// Every `*.yaml`/`*.yml` file under `root`, sorted so that output does not
/// depend on the order the file system lists them in.
pub fn discover(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    check_root(root)?;
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(root).follow_links(false) {
        let entry =
            entry.map_err(|e| LoadError(format!("cannot read `{}`: {e}", root.display())))?;
        let is_yaml = entry
            .path()
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml");
        if entry.file_type().is_file() && is_yaml {
            paths.push(entry.into_path());
        }
    }
    paths.sort();
    Ok(paths)
}

/// Load every spec file under `root`, in parallel.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    load_with(root, None)
}

/// A file's text given in place of what is on disk (`check -`: an editor's
/// unsaved buffer). `path` is relative to the spec folder.
pub struct Overlay {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Load every spec file under `root`, with `overlay` read instead of the
/// file at its path (or added, when there is none yet).
pub fn load_with(root: &Path, overlay: Option<Overlay>) -> Result<Loaded, LoadError> {
    let mut paths = discover(root)?;
    if let Some(o) = &overlay {
        paths.retain(|p| relative(root, p) != o.path);
    }
    let mut results = read_all(root, &paths, &HashMap::new())?;
    if let Some(o) = overlay {
        results.push(parse_bytes(o.path, o.bytes));
        results.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    }
    Ok(assemble(results))
}

/// What the last [`load_again`] read, by path: `serve` parses again only
/// the files an edit changed (parsing is most of loading).
#[derive(Default)]
pub struct Memo(HashMap<String, FileOutcome>);

/// [`load`], taking each file whose bytes are those of the last load from
/// `memo` rather than parsing it again.
pub fn load_again(root: &Path, memo: &mut Memo) -> Result<Loaded, LoadError> {
    let results = read_all(root, &discover(root)?, &memo.0)?;
    memo.0 = (results.iter())
        .map(|r| (r.source.path.clone(), r.clone()))
        .collect();
    Ok(assemble(results))
}

/// Read and parse `paths` in parallel, but for the unchanged files of `before`.
fn read_all(
    root: &Path,
    paths: &[PathBuf],
    before: &HashMap<String, FileOutcome>,
) -> Result<Vec<FileOutcome>, LoadError> {
    paths
        .par_iter()
        .map(|path| load_file(root, path, before))
        .collect()
}

fn assemble(results: Vec<FileOutcome>) -> Loaded {
    let mut loaded = Loaded::default();
    for outcome in results {
        if let Some(file) = outcome.parsed {
            loaded.files.push((outcome.source.path.clone(), file));
        }
        loaded.diagnostics.extend(outcome.diagnostic);
        loaded.sources.add(outcome.source);
    }
    loaded
}

/// What loading one file gave: its text, and its model or the diagnostic
/// that explains why there is none.
#[derive(Clone)]
pub struct FileOutcome {
    pub source: SourceFile,
    pub parsed: Option<SpecFile>,
    pub diagnostic: Option<Diagnostic>,
}

/// The path of `path` relative to `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn load_file(
    root: &Path,
    path: &Path,
    before: &HashMap<String, FileOutcome>,
) -> Result<FileOutcome, LoadError> {
    let rel = relative(root, path);
    let io_err = |e: std::io::Error| LoadError(format!("cannot read `{}`: {e}", path.display()));
    let size = std::fs::metadata(path).map_err(io_err)?.len();
    let refused = |diag: Diagnostic| FileOutcome {
        source: SourceFile {
            path: rel.clone(),
            text: String::new(),
        },
        parsed: None,
        diagnostic: Some(diag),
    };
    let at_start = Place::new(&rel, Pos::new(1, 1));
    if size > MAX_FILE_BYTES {
        let diag = Diagnostic::new(
            "E010",
            at_start,
            format!("file is too large: {size} bytes, the limit is {MAX_FILE_BYTES}"),
        )
        .with_help("split the standard into several files");
        return Ok(refused(diag));
    }
    if let Some(long) = rel.split('/').find(|part| part.len() > MAX_NAME_BYTES) {
        let diag = Diagnostic::new(
            "E010",
            at_start,
            format!("the name `{long}` is {} bytes long, the limit is {MAX_NAME_BYTES}", long.len()),
        )
        .with_help("its page in the site (`source/<name>.html`) would not fit a file system's 255 bytes: shorten it");
        return Ok(refused(diag));
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
    match before.get(&rel) {
        Some(known) if known.source.text.as_bytes() == bytes => Ok(known.clone()),
        _ => Ok(parse_bytes(rel, bytes)),
    }
}

/// Parse one file's bytes. Public so that the fuzzer and tests reach the
/// exact code path of `check`.
pub fn parse_bytes(rel: String, bytes: Vec<u8>) -> FileOutcome {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let (parsed, diagnostic) = match parse_text(&text) {
                Ok(file) => (Some(file), None),
                Err(err) => (None, Some(yaml_diagnostic(&rel, &text, &err))),
            };
            FileOutcome {
                source: SourceFile { path: rel, text },
                parsed,
                diagnostic,
            }
        }
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let before = String::from_utf8_lossy(valid);
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let diag = Diagnostic::new(
                "E010",
                Place::new(&rel, Pos::new(to_u32(line), to_u32(col))),
                "file is not valid UTF-8",
            )
            .with_help("save the file as UTF-8 (GBK and GB 18030 are not accepted)");
            FileOutcome {
                source: SourceFile {
                    path: rel,
                    text: String::from_utf8_lossy(err.as_bytes()).into_owned(),
                },
                parsed: None,
                diagnostic: Some(diag),
            }
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn parse_text(text: &str) -> Result<SpecFile, YamlError> {
    // A file of only comments is an empty spec file, not an error.
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(SpecFile::default());
    }
    super::quick::from_str(text).or_else(|_| parse_by_saphyr(text))
}

/// `text` parsed by serde-saphyr alone: what the quick path must agree
/// with, and the diagnostic when it gives up. Public for the differential
/// fuzz target and tests.
pub fn parse_by_saphyr(text: &str) -> Result<SpecFile, YamlError> {
    let mut options = serde_saphyr::options::Options::default();
    options.with_snippet = false;
    // Types as written: `title: 123` is a number, not a title, and
    // `end: "yes"` or `end: yes` is not a boolean (E002 says so).
    options.no_schema = true;
    options.strict_booleans = true;
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_EVENTS;
    if let Some(budget) = options.budget.as_mut() {
        budget.max_depth = MAX_DEPTH;
    }
    serde_saphyr::from_str_with_options(text, options)
}

/// Full-width ASCII (`ｉｄ`, typed with a Chinese input method) as ASCII.
fn fold_full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Turn a serde-saphyr error into our diagnostic: the code says what kind of
/// mistake it is, the help says how to mend it.
fn yaml_diagnostic(rel: &str, text: &str, err: &YamlError) -> Diagnostic {
    let err = unwrap_error(err);
    let pos = err
        .location()
        .map(|l| Pos::new(to_u32(l.line() as usize), to_u32(l.column() as usize)))
        .unwrap_or(Pos::new(1, 1));
    let place = Place::new(rel, pos);
    let message = first_sentence(&err.to_string());
    match err {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            let diag = Diagnostic::new("E003", place, format!("unknown field `{field}`"))
                .with_label("not a field here");
            // A key typed with a Chinese input method (`ｉｄ`) is its ASCII twin.
            let ascii = fold_full_width(field);
            match did_you_mean(&ascii, expected.iter().copied()) {
                Some(best) => diag.with_help(format!("did you mean `{best}`?")),
                None => diag.with_help(format!("expected one of: {}", expected.join(", "))),
            }
        }
        YamlError::SerdeMissingField { field, .. } => Diagnostic::new(
            "E002",
            Place::new(rel, item_start(text, pos)),
            format!("missing field `{field}`"),
        )
        .with_label(format!("this item has no `{field}`"))
        .with_help(format!("add `{field}:` to this item")),
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let diag = Diagnostic::new("E002", place, format!("unknown value `{variant}`"));
            match did_you_mean(variant, expected.iter().copied()) {
                Some(best) => diag.with_help(format!("did you mean `{best}`?")),
                None => diag.with_help(format!("expected one of: {}", expected.join(", "))),
            }
        }
        YamlError::SerdeInvalidType { .. }
        | YamlError::SerdeInvalidValue { .. }
        | YamlError::SerdeInvalidLength { .. }
        | YamlError::InvalidScalar { .. }
        | YamlError::NullIntoString { .. }
        | YamlError::NonFiniteFloat { .. }
        | YamlError::Unexpected { .. }
        | YamlError::Message { .. } => {
            Diagnostic::new("E002", place, message).with_help(type_help(text, pos))
        }
        YamlError::QuotingRequired { value, .. } => Diagnostic::new(
            "E002",
            place,
            format!("`{value}` is a number or a boolean, and this field takes text"),
        )
        .with_label("not text")
        .with_help(format!("quote it if it is meant as text: \"{value}\"")),
        YamlError::InvalidBooleanStrict { .. } => {
            Diagnostic::new("E002", place, "this field takes `true` or `false`")
                .with_label("not a boolean")
                .with_help(
                    "write `true` or `false`, unquoted (`yes`, `no`, `\"true\"` are not booleans)",
                )
        }
        YamlError::Budget { breach, .. } => {
            let what = match breach {
                BudgetBreach::Depth { .. } => format!("nesting is deeper than {MAX_DEPTH} levels"),
                BudgetBreach::ScalarBytes { .. } => {
                    "the file's text, with aliases expanded, is larger than 64 MiB".to_owned()
                }
                BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
                    "the file uses too many YAML anchors or aliases".to_owned()
                }
                BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
                    "the file has too many YAML values (more than a spec file ever needs)"
                        .to_owned()
                }
                _ => "the file exceeds a limit of the YAML reader (documents, size or includes)"
                    .to_owned(),
            };
            Diagnostic::new("E010", place, what)
        }
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => Diagnostic::new(
            "E010",
            place,
            "aliases expand to too much data (an alias bomb?)",
        )
        .with_help("spec files rarely need YAML anchors; write the values out"),
        YamlError::InvalidUtf8Input => Diagnostic::new("E010", place, "file is not valid UTF-8"),
        YamlError::DuplicateMappingKey { key, .. } => Diagnostic::new(
            "E001",
            place,
            match key {
                Some(k) => format!("duplicate key `{k}`"),
                None => "duplicate key".to_owned(),
            },
        )
        .with_help("each key may appear once in a mapping; merge the two entries"),
        YamlError::MultipleDocuments { .. } => {
            Diagnostic::new("E001", place, "more than one YAML document in the file")
                .with_help("remove the `---` separator or move the second document to its own file")
        }
        // The scanner's own guard against deeply nested flow collections.
        _ if message.contains("recursion limit") => Diagnostic::new(
            "E010",
            place,
            format!("nesting is deeper than {MAX_DEPTH} levels"),
        ),
        _ if message.contains("tab") => Diagnostic::new("E001", place, message)
            .with_help("YAML indentation must use spaces, not tabs"),
        _ => Diagnostic::new("E001", place, message),
    }
}

/// serde-saphyr wraps errors met through an alias or with a snippet; the
/// inner error says what went wrong.
fn unwrap_error(mut err: &YamlError) -> &YamlError {
    loop {
        err = err.without_snippet();
        match err {
            YamlError::AliasError { error, .. } => err = error,
            _ => return err,
        }
    }
}

/// The error text without serde-saphyr's trailing " at line L, column C",
/// which our diagnostics show in their own place.
fn first_sentence(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Where the mapping that holds `pos` starts. serde notices a missing field
/// only when the mapping ends, but the reader wants to see the item that
/// lacks it: the nearest line above that is indented less than `pos`.
fn item_start(text: &str, pos: Pos) -> Pos {
    let lines: Vec<&str> = text.lines().collect();
    let key_col = pos.col as usize;
    for line_no in (1..=(pos.line as usize).min(lines.len())).rev() {
        let line = lines[line_no - 1];
        let indent = line.chars().take_while(|c| *c == ' ').count();
        let rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') || indent + 1 > key_col {
            continue;
        }
        if let Some(item) = rest.strip_prefix("- ") {
            // `- id: x`: the mapping starts at its first key.
            let col = indent + 3 + (item.len() - item.trim_start().len());
            if col == key_col {
                return Pos::new(to_u32(line_no), to_u32(col));
            }
        }
        if indent + 1 < key_col {
            // A parent key (`standard:`); its mapping starts on the next line.
            return Pos::new(to_u32((line_no + 1).min(pos.line as usize)), pos.col);
        }
    }
    pos
}

/// A hint for a value of the wrong type: the common slip is a list where a
/// single value is expected or the other way round.
fn type_help(text: &str, pos: Pos) -> String {
    let line = text
        .lines()
        .nth(pos.line.saturating_sub(1) as usize)
        .unwrap_or("");
    let value = line
        .chars()
        .skip(pos.col.saturating_sub(1) as usize)
        .collect::<String>();
    if value.trim_start().starts_with('[') || value.trim().is_empty() {
        "this field takes a single value, not a list or mapping".to_owned()
    } else {
        "see `guifan schema` for the type of each field".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What was loaded, in order (the source map's index is a hash map).
    fn shown(loaded: Loaded) -> String {
        let files = loaded.sources.files();
        format!("{files:?} {:?} {:?}", loaded.files, loaded.diagnostics)
    }

    /// Whatever the edits, loading again gives what a first load gives.
    #[test]
    fn loading_again_gives_what_a_first_load_gives() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("a.yaml", "roles:\n  - { id: a, title: 甲 }\n");
        write("b.yaml", "roles:\n  - { id: b, title: 乙 }\n");
        let mut memo = Memo::default();
        let edits: [(&str, Option<&str>); 5] = [
            ("a.yaml", Some("roles:\n  - { id: a, title: 丙 }\n")),
            ("b.yaml", Some("roles: [ { id: b, title: 乙 \n")),
            ("c.yaml", Some("roles:\n  - { id: c, title: 丁 }\n")),
            ("b.yaml", Some("roles:\n  - { id: b, title: 乙 }\n")),
            ("a.yaml", None),
        ];
        for (name, text) in edits {
            let again = shown(load_again(dir.path(), &mut memo).unwrap());
            assert_eq!(again, shown(load(dir.path()).unwrap()));
            match text {
                Some(text) => write(name, text),
                None => std::fs::remove_file(dir.path().join(name)).unwrap(),
            }
        }
        let again = shown(load_again(dir.path(), &mut memo).unwrap());
        assert_eq!(again, shown(load(dir.path()).unwrap()));
        assert!(again.contains("乙") && again.contains("丁") && !again.contains("丙"));
    }
}
