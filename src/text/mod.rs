//! Facts about Arabic text that hold whatever the rules: character classes,
//! script and direction, paired brackets, runs of the other direction, numbers, dates and month names, prefixes, the language of a block, visual
//! order, and where an offset is for a reader. Depends on nothing else in
//! the crate.

pub mod brackets;
pub mod chars;
pub mod dates;
pub mod features;
pub mod language;
pub mod locate;
pub mod months;
pub mod nesting;
pub mod numbers;
pub mod runs;
pub mod visual;
pub mod words;
