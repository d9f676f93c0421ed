//! The website: `guifan build` renders the resolved model into a static,
//! offline site (pages, flow diagrams, search index), and `guifan serve`
//! previews it.

pub mod diagram;
pub mod search;
