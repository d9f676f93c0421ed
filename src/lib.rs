//! guifan keeps telecom service standards as YAML, checks them, and renders
//! them for trainees, trainers and auditors.
//!
//! The data flows one way: [`spec::load`] (files → typed items with
//! positions) → [`spec::resolve`] (ids, references, durations) → checks
//! ([`diag`]) → outputs ([`export`], [`schema`]). Every command starts from
//! [`spec::open`].

pub mod cli;
pub mod diag;
pub mod export;
pub mod lint;
pub mod schema;
pub mod site;
pub mod spec;
