//! Reading text files safely: a file that is not UTF-8 text is an error
//! naming the byte where it stops being text, and the file is never written.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::Format;

/// A text to clean: where it came from, what it says, how to read it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given, or `-` for standard input.
    pub name: PathBuf,
    pub text: String,
    pub format: Format,
    /// The file as it was read (none for standard input).
    pub stamp: Option<Stamp>,
}

impl Source {
    /// Where it came from and how to read it, without the text.
    pub fn clone_meta(&self) -> Source {
        Source { name: self.name.clone(), text: String::new(), format: self.format, stamp: self.stamp }
    }
}

/// A file's size and modification time when it was read: a write checks
/// them again, so an edit saved meanwhile is never overwritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        Stamp { len: meta.len(), modified: meta.modified().ok() }
    }
}

#[derive(Debug)]
pub enum ReadError {
    Io { path: PathBuf, error: io::Error },
    NotUtf8 { path: PathBuf, offset: usize },
    Binary { path: PathBuf, offset: usize },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io { path, error } => write!(f, "{}: cannot read: {error}", path.display()),
            ReadError::NotUtf8 { path, offset } => write!(
                f,
                "{}: not UTF-8 text (invalid byte at offset {offset}); convert it first, e.g. `iconv -f WINDOWS-1256 -t UTF-8`; the file was left untouched",
                path.display()
            ),
            ReadError::Binary { path, offset } => write!(f, "{}: looks like a binary file (NUL byte at offset {offset}); skipped and left untouched", path.display()),
        }
    }
}

impl std::error::Error for ReadError {}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. } | ReadError::NotUtf8 { path, .. } | ReadError::Binary { path, .. } => path,
        }
    }
}

/// Decode `bytes` as text: binary (a NUL byte) and invalid UTF-8 are errors
/// with the offending offset.
pub fn decode(name: &Path, bytes: Vec<u8>) -> Result<String, ReadError> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(ReadError::Binary { path: name.to_path_buf(), offset });
    }
    // SIMD validation is several times faster on large files; std's error
    // gives the exact offset when there is one.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 just validated these bytes as UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 { path: name.to_path_buf(), offset: e.utf8_error().valid_up_to() })
}

/// Read a file, stamped before its bytes: a change during the read shows
/// at the write.
pub fn read_file(path: &Path) -> Result<Source, ReadError> {
    let cannot = |error| ReadError::Io { path: path.to_path_buf(), error };
    let mut file = File::open(path).map_err(cannot)?;
    let stamp = Stamp::of(&file.metadata().map_err(cannot)?);
    // File's read_to_end sizes the buffer from the file, as fs::read does.
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(cannot)?;
    let text = decode(path, bytes)?;
    Ok(Source { name: path.to_path_buf(), text, format: Format::of_path(path), stamp: Some(stamp) })
}

/// Standard input as a `File` when it is a regular file.
#[cfg(unix)]
fn stdin_file() -> Option<File> {
    use std::os::fd::AsFd;
    let file = File::from(io::stdin().as_fd().try_clone_to_owned().ok()?);
    file.metadata().ok()?.is_file().then_some(file)
}

#[cfg(not(unix))]
fn stdin_file() -> Option<File> {
    None
}

/// Standard input, read as `format` (text unless `--stdin-format md`).
pub fn read_stdin(format: Format) -> Result<Source, ReadError> {
    let name = PathBuf::from("-");
    let mut bytes = Vec::new();
    let cannot = |error| ReadError::Io { path: name.clone(), error };
    // A file redirected to standard input is read as a file: its buffer is
    // sized once, rather than doubled and copied as it fills.
    match stdin_file() {
        Some(mut file) => file.read_to_end(&mut bytes).map_err(cannot)?,
        None => io::stdin().lock().read_to_end(&mut bytes).map_err(cannot)?,
    };
    let text = decode(&name, bytes)?;
    Ok(Source { name, text, format, stamp: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_errors_name_the_offset() {
        let p = Path::new("a.txt");
        assert!(matches!(decode(p, b"ab\xffcd".to_vec()), Err(ReadError::NotUtf8 { offset: 2, .. })));
        assert!(matches!(decode(p, b"ab\0cd".to_vec()), Err(ReadError::Binary { offset: 2, .. })));
        assert_eq!(decode(p, "نص".as_bytes().to_vec()).unwrap(), "نص");
    }
}
