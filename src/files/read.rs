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

use super::name::escaped;
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
/// stops dossier (SIGBUS), as it does ripgrep, but with a message naming
/// the file ([`truncation`]); nothing is written then, and an editor's save
/// (a new file renamed over the old) does not touch the mapping. A program
/// that rewrites the file in place while dossier runs breaks what `Text`
/// promises (the bytes were checked as UTF-8 when mapped): like ripgrep,
/// dossier accepts that risk for the speed of reading in place, and only
/// for files of 4 MB and more.
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
    Io {
        path: PathBuf,
        error: io::Error,
    },
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        encoding: Guess,
    },
    Binary {
        path: PathBuf,
        offset: usize,
    },
    /// UTF-16 text, known by its byte-order mark.
    Utf16 {
        path: PathBuf,
        big_endian: bool,
    },
}

/// What a text that is not UTF-8 most likely is, judged from its bytes, so
/// the hint fits: `iconv` from Windows-1256 turns a UTF-8 file with one bad
/// byte into mojibake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    /// UTF-8 with a few bad bytes: mend them, do not convert the file.
    DamagedUtf8,
    /// Single-byte Arabic (Windows-1256): most high bytes are its letters.
    Windows1256,
    /// Another single-byte or legacy encoding.
    Other,
}

impl Guess {
    /// Judge from the first 64 KB: valid multi-byte sequences against bad
    /// bytes, and where the bad bytes fall.
    fn of(bytes: &[u8]) -> Guess {
        let sample = &bytes[..bytes.len().min(64 << 10)];
        let (mut valid, mut invalid, mut arabic) = (0usize, 0usize, 0usize);
        let mut rest = sample;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    valid += s.chars().filter(|c| c.len_utf8() > 1).count();
                    break;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    // SAFETY: from_utf8 just checked these bytes.
                    valid += unsafe { std::str::from_utf8_unchecked(&rest[..good]) }.chars().filter(|c| c.len_utf8() > 1).count();
                    let bad = e.error_len().unwrap_or(rest.len() - good).max(1);
                    for &b in &rest[good..good + bad] {
                        invalid += 1;
                        // Windows-1256's Arabic letters: C1–D6, D8–DF, E1, E3–E6, EC, ED.
                        arabic += usize::from(matches!(b, 0xC1..=0xD6 | 0xD8..=0xDF | 0xE1 | 0xE3..=0xE6 | 0xEC | 0xED));
                    }
                    rest = &rest[good + bad..];
                }
            }
        }
        if valid >= invalid {
            Guess::DamagedUtf8
        } else if arabic * 2 >= invalid {
            Guess::Windows1256
        } else {
            Guess::Other
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io { path, error } => write!(f, "{}: cannot read: {error}", escaped(path)),
            ReadError::NotUtf8 { path, offset, encoding } => {
                let hint = match encoding {
                    Guess::DamagedUtf8 => "it is UTF-8 but for a damaged byte there: mend that byte (it may be a character cut in two)",
                    Guess::Windows1256 => {
                        "it looks like Windows-1256 Arabic: convert it first, e.g. `iconv -f WINDOWS-1256 -t UTF-8 FILE > NEW`"
                    }
                    Guess::Other => "convert it to UTF-8 first (`file -i FILE` may tell its encoding)",
                };
                write!(f, "{}: not UTF-8 text (invalid byte at offset {offset}); {hint}; the file was left untouched", escaped(path))
            }
            ReadError::Utf16 { path, big_endian } => write!(
                f,
                "{}: UTF-16 text (it starts with a UTF-16 byte-order mark); dossier reads UTF-8: convert it first, \
                 e.g. `iconv -f UTF-16{} -t UTF-8 FILE > NEW`; the file was left untouched",
                escaped(path),
                if *big_endian { "BE" } else { "LE" }
            ),
            ReadError::Binary { path, offset } => {
                write!(f, "{}: looks like a binary file (NUL byte at offset {offset}); skipped and left untouched", escaped(path))
            }
        }
    }
}

impl std::error::Error for ReadError {}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::NotUtf8 { path, .. }
            | ReadError::Binary { path, .. }
            | ReadError::Utf16 { path, .. } => path,
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
    // A UTF-16 byte-order mark: text, in another encoding (its NUL bytes
    // would otherwise call it binary).
    if let [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] = bytes {
        return Err(ReadError::Utf16 { path: name.to_path_buf(), big_endian: bytes[0] == 0xFE });
    }
    // A NUL byte anywhere makes it binary; else the first invalid byte.
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(ReadError::Binary { path: name.to_path_buf(), offset });
    }
    let offset = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
    Err(ReadError::NotUtf8 { path: name.to_path_buf(), offset, encoding: Guess::of(bytes) })
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
    truncation::watch(path);
    Some(validate(path, &mmap).map(|()| Text::Mapped(mmap)))
}

/// What dossier says when a mapped file is cut short under it: the signal
/// would otherwise end it with no word (exit 135). The message is made
/// before any reading, so the handler only writes it and exits (2, as for
/// a file that could not be read).
#[cfg(unix)]
mod truncation {
    use std::path::Path;
    use std::sync::atomic::{AtomicPtr, Ordering};
    use std::sync::Mutex;

    /// The message for the files mapped so far; each one is leaked, never
    /// freed, so the handler can never read freed memory.
    static MESSAGE: AtomicPtr<Vec<u8>> = AtomicPtr::new(std::ptr::null_mut());
    static NAMES: Mutex<Vec<String>> = Mutex::new(Vec::new());

    pub fn watch(path: &Path) {
        let mut names = NAMES.lock().unwrap_or_else(|p| p.into_inner());
        if names.is_empty() {
            install();
        }
        names.push(crate::files::escaped(path));
        let message = format!(
            "dossier: {}: cut short by another program while dossier was reading it (SIGBUS); \
             nothing was written (fixes replace a file only after reading it whole): run dossier again\n",
            names.join(" or ")
        );
        MESSAGE.store(Box::into_raw(Box::new(message.into_bytes())), Ordering::SeqCst);
    }

    extern "C" fn on_sigbus(_: libc::c_int) {
        let message = MESSAGE.load(Ordering::SeqCst);
        // SAFETY: write(2) and _exit(2) are async-signal-safe; the message
        // is a leaked Vec that is never freed or changed.
        unsafe {
            if !message.is_null() {
                let bytes = &*message;
                libc::write(2, bytes.as_ptr().cast(), bytes.len());
            }
            libc::_exit(2);
        }
    }

    fn install() {
        // SAFETY: a handler that only calls async-signal-safe functions.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as extern "C" fn(libc::c_int) as usize;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
        }
    }
}

#[cfg(not(unix))]
mod truncation {
    pub fn watch(_: &std::path::Path) {}
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

/// A small file dossier reads for itself (an ignore file, `dossier.toml`):
/// a regular file of at most `max` bytes, not through a symbolic link unless
/// `follow_links`; `None` when there is none. Opened without blocking and
/// checked on the open file, so a FIFO or a link swapped in after a look
/// cannot make the read hang or lead elsewhere.
pub fn read_bounded(path: &Path, max: u64, follow_links: bool) -> Result<Option<Vec<u8>>, Refused> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | if follow_links { 0 } else { libc::O_NOFOLLOW });
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
    fn the_hint_fits_the_encoding() {
        let p = Path::new("a.txt");
        let hint = |bytes: &[u8]| decode(p, bytes.to_vec()).unwrap_err().to_string();
        // UTF-8 Arabic with one damaged byte: no iconv, which would garble it.
        let mut damaged = "قال الرئيس إن الحكومة".as_bytes().to_vec();
        damaged.insert(7, 0xFF);
        let said = hint(&damaged);
        assert!(said.contains("offset 7") && said.contains("damaged byte") && !said.contains("iconv"), "{said}");
        // «قال الرئيس» in Windows-1256.
        let said = hint(&[0xDE, 0xC7, 0xE1, 0x20, 0xC7, 0xE1, 0xD1, 0xC6, 0xED, 0xD3]);
        assert!(said.contains("Windows-1256") && said.contains("iconv -f WINDOWS-1256"), "{said}");
        // Latin-1 French: another encoding.
        let said = hint(b"caf\xe9 cr\xe8me br\xfbl\xe9e");
        assert!(said.contains("file -i") && !said.contains("1256"), "{said}");
        // UTF-16 with its mark: text, not binary.
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("نص".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let said = hint(&utf16);
        assert!(said.contains("UTF-16") && said.contains("iconv -f UTF-16LE"), "{said}");
    }

    #[test]
    fn bounded_reads_refuse_links_fifos_devices_and_large_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("small"), "out/\n").unwrap();
        assert_eq!(read_bounded(&d.join("small"), 100, false).unwrap().unwrap(), b"out/\n");
        assert!(read_bounded(&d.join("missing"), 100, false).unwrap().is_none());
        assert!(matches!(read_bounded(&d.join("small"), 3, false), Err(Refused::TooLarge(3))));
        assert!(matches!(read_bounded(Path::new("/dev/zero"), 100, true), Err(Refused::NotRegular)));
        std::os::unix::fs::symlink(d.join("small"), d.join("link")).unwrap();
        assert!(matches!(read_bounded(&d.join("link"), 100, false), Err(Refused::Link)));
        assert!(read_bounded(&d.join("link"), 100, true).unwrap().is_some(), "followed when asked");
        assert!(std::process::Command::new("mkfifo").arg(d.join("fifo")).status().unwrap().success());
        // Opening a FIFO without a writer would block, were it not for O_NONBLOCK.
        assert!(matches!(read_bounded(&d.join("fifo"), 100, true), Err(Refused::NotRegular)));
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
