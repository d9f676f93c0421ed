//! The pages a browser fetched lately. After an edit, `serve` renders
//! these first and tells the open pages to reload, then brings the rest
//! of the site up to date (as `hugo server`'s fast render mode does): the
//! page being read shows the edit without waiting for the question bank,
//! the search index and thousands of other pages.

use std::collections::VecDeque;
use std::sync::Mutex;

/// How many pages are remembered: a few open tabs and the pages just left.
const MOST: usize = 8;

/// The site's files of the pages fetched lately, the latest first.
#[derive(Debug, Default)]
pub struct Visited(Mutex<VecDeque<String>>);

impl Visited {
    /// Note a page served for the request path `path` (`/roles/x.html`,
    /// `/` for `index.html`, percent-encoded as browsers send it).
    pub fn saw(&self, path: &str) {
        let file = file_of_request(path);
        let Ok(mut pages) = self.0.lock() else {
            return;
        };
        pages.retain(|p| *p != file);
        pages.push_front(file);
        pages.truncate(MOST);
    }

    /// The files of the pages fetched lately, the latest first.
    pub fn pages(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|pages| pages.iter().cloned().collect())
            .unwrap_or_default()
    }
}

/// The file under the site folder that answers a request path: decoded,
/// with a folder's `index.html` (what the file server sends for it).
fn file_of_request(path: &str) -> String {
    let mut file = crate::site::url::file_of(path.trim_start_matches('/'));
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_name_the_files_that_answer_them() {
        assert_eq!(file_of_request("/"), "index.html");
        assert_eq!(file_of_request("/roles/"), "roles/index.html");
        assert_eq!(file_of_request("/roles/agent.html"), "roles/agent.html");
        assert_eq!(
            file_of_request("/source/%E7%83%AD%E7%BA%BF/limits.yaml.html"),
            "source/热线/limits.yaml.html"
        );
    }

    #[test]
    fn the_latest_come_first_once_each_and_only_the_last_few() {
        let visited = Visited::default();
        for page in ["/a.html", "/b.html", "/a.html"] {
            visited.saw(page);
        }
        assert_eq!(visited.pages(), ["a.html", "b.html"]);
        for i in 0..20 {
            visited.saw(&format!("/p{i}.html"));
        }
        let pages = visited.pages();
        assert_eq!(pages.len(), MOST);
        assert_eq!(pages[0], "p19.html");
    }
}
