//! PDF through headless Chromium: it lays out the same HTML and CSS the
//! browser shows (CSS paged media: A4, margin boxes with page numbers,
//! repeated table headers, no row split) and shapes Chinese with the
//! system's fonts, embedding them. Why Chromium and not a library: README,
//! "Printing".

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

/// Programs tried, in order, when `GUIFAN_CHROMIUM` is not set.
const PROGRAMS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];
/// Chromium processes at a time: each waits more than it computes (about
/// 0.4 of a core each, measured), so more run than there are cores.
const CONCURRENT: usize = 4;
/// One document that takes longer than this has hung.
const TIMEOUT: Duration = Duration::from_secs(120);
/// The timestamp written in every PDF, so that the same spec gives the
/// same bytes (Chromium writes the time of printing, in this shape).
const FIXED_DATE: &[u8; 14] = b"20000101000000";

pub struct Chromium {
    program: PathBuf,
}

impl Chromium {
    /// Find Chromium, and a Chinese font for it to use.
    pub fn find() -> Result<Chromium, String> {
        let program = match std::env::var_os("GUIFAN_CHROMIUM") {
            Some(p) => Some(PathBuf::from(p)).filter(|p| p.is_file()),
            None => PROGRAMS.iter().find_map(|p| on_path(p)),
        };
        let Some(program) = program else {
            return Err(format!(
                "--pdf needs Chromium to lay out the pages, and it was not found \
                 (looked for {} on PATH, or the program GUIFAN_CHROMIUM names). \
                 Install the Debian/Ubuntu package `chromium` (apt-get install chromium) \
                 or set GUIFAN_CHROMIUM; without --pdf the HTML documents print from any browser",
                PROGRAMS.join(", ")
            ));
        };
        chinese_font()?;
        Ok(Chromium { program })
    }

    /// Each page (name, HTML) printed to PDF, in order.
    pub fn print(&self, pages: &[(String, String)]) -> Result<Vec<(String, Vec<u8>)>, String> {
        let dir =
            tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(CONCURRENT)
            .build()
            .map_err(|e| format!("cannot start the print threads: {e}"))?;
        pool.install(|| self.print_all(dir.path(), pages))
    }

    fn print_all(
        &self,
        dir: &Path,
        pages: &[(String, String)],
    ) -> Result<Vec<(String, Vec<u8>)>, String> {
        pages
            .par_iter()
            .enumerate()
            .map(|(i, (name, html))| {
                let work = dir.join(i.to_string());
                std::fs::create_dir_all(&work)
                    .and_then(|()| std::fs::write(work.join("page.html"), html))
                    .map_err(|e| format!("cannot write {name}.html for Chromium: {e}"))?;
                let pdf = self
                    .print_one(&work)
                    .map_err(|e| format!("{name}.pdf: {e}"))?;
                Ok((name.clone(), pdf))
            })
            .collect()
    }

    fn print_one(&self, work: &Path) -> Result<Vec<u8>, String> {
        let out = work.join("page.pdf");
        let log = std::fs::File::create(work.join("chromium.log"))
            .map_err(|e| format!("cannot write Chromium's log: {e}"))?;
        let mut child = Command::new(&self.program)
            .arg("--headless")
            .arg("--no-sandbox")
            .arg("--disable-gpu")
            .arg("--no-first-run")
            .arg("--no-pdf-header-footer")
            .arg(format!(
                "--user-data-dir={}",
                work.join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(format!("file://{}", work.join("page.html").display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", self.program.display()))?;
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "Chromium did not finish in {} s",
                        TIMEOUT.as_secs()
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(e) => return Err(format!("cannot wait for Chromium: {e}")),
            }
        };
        let pdf = std::fs::read(&out).ok().filter(|b| b.starts_with(b"%PDF"));
        match pdf {
            Some(mut bytes) if status.success() => {
                fix_dates(&mut bytes);
                Ok(bytes)
            }
            _ => {
                let log = std::fs::read_to_string(work.join("chromium.log")).unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(5).collect();
                Err(format!(
                    "Chromium ({status}) wrote no PDF: {}",
                    tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
                ))
            }
        }
    }
}

/// `program` as found on PATH.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// Without a Chinese font Chromium prints boxes (tofu) for every
/// character: refuse rather than write such a PDF. Asked of fontconfig,
/// which Chromium itself uses on Linux; when `fc-list` cannot be run the
/// check is left to Chromium.
fn chinese_font() -> Result<(), String> {
    let Ok(out) = Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
    else {
        return Ok(());
    };
    if out.status.success() && out.stdout.iter().all(u8::is_ascii_whitespace) {
        return Err(
            "--pdf: no Chinese font is installed (`fc-list :lang=zh` lists none), \
                    so the PDF would show boxes instead of characters; install the \
                    Debian/Ubuntu package `fonts-noto-cjk` (apt-get install fonts-noto-cjk)"
                .to_owned(),
        );
    }
    Ok(())
}

/// Replace the creation and modification times (`/CreationDate (D:…`) by
/// a fixed one of the same length, so offsets stay valid.
fn fix_dates(pdf: &mut [u8]) {
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let mut from = 0;
        while let Some(at) = find(&pdf[from..], key) {
            let start = from + at + key.len();
            let end = start + FIXED_DATE.len();
            if end <= pdf.len() && pdf[start..end].iter().all(u8::is_ascii_digit) {
                pdf[start..end].copy_from_slice(FIXED_DATE);
            }
            from = start;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_fixed_in_place() {
        let mut pdf =
            b"<</CreationDate (D:20261203122622+00'00')\n/ModDate (D:20261203122622+00'00')>>"
                .to_vec();
        let len = pdf.len();
        super::fix_dates(&mut pdf);
        assert_eq!(pdf.len(), len);
        assert_eq!(
            String::from_utf8(pdf).unwrap(),
            "<</CreationDate (D:20000101000000+00'00')\n/ModDate (D:20000101000000+00'00')>>"
        );
    }
}
