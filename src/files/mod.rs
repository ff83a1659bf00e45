//! Files: reading text (UTF-8 with byte offsets, binary refused), writing
//! atomically and keeping what a file is, and walking folders for articles.
//! Knows nothing of rules.

pub mod format;
pub mod memory;
mod name;
mod platform;
pub mod read;
pub mod target;
pub mod walk;
pub mod watch;
pub mod write;

pub use format::Format;
pub use name::{escaped, percent_decode};
pub use platform::try_lock;
pub use read::{read_bounded, read_file, read_stdin, ReadError, Refused, Source, Stamp, Text};
pub use target::Target;
pub use write::{write_atomic, write_fixed, write_output, Settle, WriteError};
