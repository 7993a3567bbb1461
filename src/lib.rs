//! factdiff: a claim-consistency and fact-diff checker for corpora of news articles.
//!
//! The library owns the whole pipeline and never prints: the binary (`src/main.rs`) parses
//! arguments, calls [`app::run`] with the writers to use, and maps the result to an exit code.
//!
//! Data flows one way:
//! files → [`corpus`] (articles with dates and a line index) → [`quantity`] (every number-like
//! mention) → [`extract`] (claims of the facts the [`rules`] track) → [`checks`] (findings) →
//! [`report`] (one printer per format).

pub mod app;
pub mod authoring;
pub mod baseline;
pub mod cache;
pub mod checks;
pub mod cli;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod dupes;
pub mod error;
pub mod extract;
pub mod finding;
pub mod memory;
pub mod progress;
pub mod quantity;
pub mod report;
pub mod reuse;
pub mod review;
pub mod rules;
pub mod suppress;
pub mod text;
pub mod timings;
