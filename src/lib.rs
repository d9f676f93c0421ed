//! guifan keeps telecom service standards as YAML, checks them, and renders
//! them for trainees, trainers and auditors.
//!
//! The data flows one way: [`spec::load`] (files → typed items with
//! positions) → [`spec::resolve`] (ids, references, durations) →
//! [`spec::relations`] (everything derived, both ways, once) → checks
//! ([`diag`], [`lint`]) → outputs ([`output`]: [`site`], [`export`],
//! [`quiz`], [`print`], [`matrix`], [`audit`]). Every
//! command starts from one [`output::Checked`] spec.

pub mod audit;
pub mod cli;
pub mod diag;
pub mod export;
pub mod lint;
pub mod matrix;
pub mod output;
pub mod paths;
pub mod print;
pub mod quiz;
pub mod schema;
pub mod site;
pub mod spec;
