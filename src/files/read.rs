//! Reading text files safely: a file that is not UTF-8 text is an error
//! naming the byte where it stops being text, and the file is never written.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read, Seek};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use memmap2::Mmap;
use rayon::prelude::*;

use super::Format;

/// A text to clean: where it came from, what it says, how to read it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given, or `-` for standard input.
    pub name: PathBuf,
    pub text: Text,
    pub format: Format,
    /// The file as it was read (none for standard input).
    pub stamp: Option<Stamp>,
}

impl Source {
    /// Where it came from and how to read it, without the text.
    pub fn clone_meta(&self) -> Source {
        Source { name: self.name.clone(), text: Text::default(), format: self.format, stamp: self.stamp }
    }
}

/// What a source says, validated UTF-8: in memory, or mapped from a large
/// file, whose pages are then read where the kernel keeps them, by every
/// core at once, instead of being copied first on one.
///
/// A mapped file that another program truncates while dossier reads it
/// stops dossier (SIGBUS), as it does ripgrep; nothing is written then, and
/// an editor's save (a new file renamed over the old) does not touch the
/// mapping.
pub enum Text {
    Owned(String),
    Mapped(Mmap),
}

impl Text {
    /// The text as a `String`, copied only when mapped.
    pub fn into_string(self) -> String {
        match self {
            Text::Owned(s) => s,
            Text::Mapped(_) => self.to_string(),
        }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Owned(s) => s,
            // SAFETY: a mapping becomes a Text only after `validate` (below).
            Text::Mapped(m) => unsafe { std::str::from_utf8_unchecked(m) },
        }
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Owned(String::new())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Owned(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Owned(s.to_string())
    }
}

impl Clone for Text {
    fn clone(&self) -> Self {
        Text::Owned(self.to_string())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
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
    validate(name, &bytes)?;
    // SAFETY: `validate` just checked these bytes as UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// Below this size a file is read, not mapped: mapping costs more than
/// copying a small file, and a read file cannot change under dossier.
const MAP_FROM: u64 = 4 << 20;

/// Large texts are checked for NUL bytes and UTF-8 in stretches of this
/// size, on every core.
const STRETCH: usize = 1 << 20;

/// Check that `bytes` are text: no NUL byte, valid UTF-8. The error names
/// the first NUL byte, or else the first invalid one, whichever stretch
/// finds it.
fn validate(name: &Path, bytes: &[u8]) -> Result<(), ReadError> {
    let is_text = |part: &[u8]| memchr::memchr(0, part).is_none() && simdutf8::basic::from_utf8(part).is_ok();
    let text = if bytes.len() <= STRETCH { is_text(bytes) } else { stretches(bytes).par_iter().all(|r| is_text(&bytes[r.clone()])) };
    if text {
        return Ok(());
    }
    // A NUL byte anywhere makes it binary; else the first invalid byte.
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(ReadError::Binary { path: name.to_path_buf(), offset });
    }
    let offset = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
    Err(ReadError::NotUtf8 { path: name.to_path_buf(), offset })
}

/// `bytes` cut into stretches of about [`STRETCH`] bytes, each starting at
/// a character's first byte: valid stretches make a valid whole.
fn stretches(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let mut end = (start + STRETCH).min(bytes.len());
        // At most three continuation bytes follow a first byte; a longer
        // run is invalid and fails in the stretch that holds it.
        let mut back = 0;
        while end < bytes.len() && back < 3 && bytes[end] & 0xC0 == 0x80 {
            end += 1;
            back += 1;
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// A large regular file mapped as text; `None` when it is small or cannot
/// be mapped (then it is read).
fn map(file: &File, meta: &Metadata, path: &Path) -> Option<Result<Text, ReadError>> {
    if !meta.is_file() || meta.len() < MAP_FROM {
        return None;
    }
    // SAFETY: the mapping is read-only and dossier never writes this file
    // while it holds it (fixes go to a new file renamed over it); the risk
    // of another program truncating it is documented on `Text`.
    let mmap = unsafe { Mmap::map(file) }.ok()?;
    Some(validate(path, &mmap).map(|()| Text::Mapped(mmap)))
}

/// Read a file, stamped before its bytes: a change during the read shows
/// at the write.
pub fn read_file(path: &Path) -> Result<Source, ReadError> {
    let cannot = |error| ReadError::Io { path: path.to_path_buf(), error };
    let mut file = File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    let stamp = Stamp::of(&meta);
    let text = match map(&file, &meta, path) {
        Some(mapped) => mapped?,
        None => {
            // File's read_to_end sizes the buffer from the file, as fs::read does.
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).map_err(cannot)?;
            decode(path, bytes)?.into()
        }
    };
    Ok(Source { name: path.to_path_buf(), text, format: Format::of_path(path), stamp: Some(stamp) })
}

/// Why [`read_bounded`] did not read a file.
#[derive(Debug)]
pub enum Refused {
    /// A symbolic link: it could lead out of the folder.
    Link,
    /// A FIFO, device, socket or folder: reading could block or never end.
    NotRegular,
    /// Larger than the bound.
    TooLarge(u64),
    Io(io::Error),
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Link => write!(f, "a symbolic link, which dossier does not follow here (it could lead out of the folder)"),
            Refused::NotRegular => write!(f, "not a regular file (a FIFO, a device or a folder)"),
            Refused::TooLarge(max) => write!(f, "larger than {} KiB, far more than such a file needs", max >> 10),
            Refused::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

/// A small file dossier reads for itself (an ignore file, `dossier.toml`,
/// its own manifest): a regular file, not through a symbolic link, of at
/// most `max` bytes; `None` when there is none. Opened without following a
/// link and without blocking, and checked on the open file, so a FIFO or a
/// link swapped in after a look cannot make the read hang or lead elsewhere.
pub fn read_bounded(path: &Path, max: u64) -> Result<Option<Vec<u8>>, Refused> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            let _ = e;
            return Err(Refused::Link);
        }
        Err(e) => return Err(Refused::Io(e)),
    };
    let meta = file.metadata().map_err(Refused::Io)?;
    if !meta.is_file() {
        return Err(Refused::NotRegular);
    }
    if meta.len() > max {
        return Err(Refused::TooLarge(max));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Bounded again while reading: the file may grow meanwhile.
    file.take(max + 1).read_to_end(&mut bytes).map_err(Refused::Io)?;
    if bytes.len() as u64 > max {
        return Err(Refused::TooLarge(max));
    }
    Ok(Some(bytes))
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
    // A file redirected to standard input is read as a file: mapped when
    // large, else its buffer is sized once rather than doubled as it fills.
    match stdin_file() {
        Some(mut file) => {
            // Mapped only when nothing was read from it yet: the text starts
            // where standard input stands.
            let untouched = file.stream_position().is_ok_and(|at| at == 0);
            if let Some(mapped) = file.metadata().ok().filter(|_| untouched).and_then(|meta| map(&file, &meta, &name)) {
                return Ok(Source { name: name.clone(), text: mapped?, format, stamp: None });
            }
            file.read_to_end(&mut bytes).map_err(cannot)?
        }
        None => io::stdin().lock().read_to_end(&mut bytes).map_err(cannot)?,
    };
    let text = decode(&name, bytes)?.into();
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

    #[test]
    fn bounded_reads_refuse_links_fifos_devices_and_large_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("small"), "out/\n").unwrap();
        assert_eq!(read_bounded(&d.join("small"), 100).unwrap().unwrap(), b"out/\n");
        assert!(read_bounded(&d.join("missing"), 100).unwrap().is_none());
        assert!(matches!(read_bounded(&d.join("small"), 3), Err(Refused::TooLarge(3))));
        assert!(matches!(read_bounded(Path::new("/dev/zero"), 100), Err(Refused::NotRegular)));
        std::os::unix::fs::symlink(d.join("small"), d.join("link")).unwrap();
        assert!(matches!(read_bounded(&d.join("link"), 100), Err(Refused::Link)));
        assert!(std::process::Command::new("mkfifo").arg(d.join("fifo")).status().unwrap().success());
        // Opening a FIFO without a writer would block, were it not for O_NONBLOCK.
        assert!(matches!(read_bounded(&d.join("fifo"), 100), Err(Refused::NotRegular)));
    }

    /// Stretches cover the text end to end, each starting where a character
    /// does, so a character is never cut between two of them.
    #[test]
    fn stretches_start_at_characters() {
        let text = "ن".repeat(STRETCH) + "a" + &"€".repeat(STRETCH / 2);
        let parts = stretches(text.as_bytes());
        assert!(parts.len() > 2);
        assert_eq!((parts[0].start, parts.last().unwrap().end), (0, text.len()));
        assert!(parts.windows(2).all(|w| w[0].end == w[1].start && text.is_char_boundary(w[1].start)));
        assert!(validate(Path::new("a.txt"), text.as_bytes()).is_ok());
    }
}
