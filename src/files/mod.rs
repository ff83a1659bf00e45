//! Files: reading text (UTF-8 with byte offsets, binary refused), writing
//! atomically and keeping what a file is, and walking folders for articles.
//! Knows nothing of rules.

pub mod format;
pub mod memory;
mod platform;
pub mod read;
pub mod walk;
pub mod write;

pub use format::Format;
pub use read::{read_file, read_stdin, ReadError, Source, Stamp, Text};
pub use write::{write_atomic, write_fixed, write_output, WriteError};
