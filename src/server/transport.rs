//! The editor's pipe, read and written by dossier itself rather than by
//! `lsp-server`'s stdio threads: a message's `Content-Length` is believed
//! only up to [`MAX_MESSAGE`], and its bytes are read as they come, so a
//! client announcing terabytes allocates nothing; a lone UTF-16 surrogate
//! escape (`"\ud800"`, which JavaScript clients send for a split emoji) is
//! read as U+FFFD instead of failing the whole message.

use std::borrow::Cow;
use std::io::{self, BufRead, Read, Write};

use lsp_server::{Connection, Message};

/// The largest message read: a whole document of 64 MB, as JSON.
pub const MAX_MESSAGE: usize = 128 << 20;

/// Serve `serve` on standard input and output through a bounded reader.
pub fn stdio<T>(serve: impl FnOnce(&Connection) -> T) -> T {
    let (server, client) = Connection::memory();
    let Connection { sender: to_server, receiver: from_server } = client;
    let reader = std::thread::spawn(move || {
        let mut input = io::BufReader::new(io::stdin().lock());
        loop {
            match read_message(&mut input) {
                Ok(Some(message)) => {
                    if to_server.send(message).is_err() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    // Said on stderr, which editors show in their log; the
                    // session goes on with the next message.
                    eprintln!("dossier server: {e}");
                    if e.kind() == io::ErrorKind::UnexpectedEof {
                        break;
                    }
                }
            }
        }
    });
    let writer = std::thread::spawn(move || {
        let mut out = io::BufWriter::new(io::stdout().lock());
        for message in from_server {
            if write_message(&mut out, &message).is_err() {
                break;
            }
        }
    });
    let result = serve(&server);
    drop(server);
    let _ = writer.join();
    // The reader may be blocked on standard input; it ends with the process.
    drop(reader);
    result
}

/// The next message, `None` at the end of input. A message that is too
/// large or not JSON is an error after its bytes are passed over, so the
/// next one is read from its start.
pub fn read_message(input: &mut impl BufRead) -> io::Result<Option<Message>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        // A header line is short; one without end is not a header.
        if input.by_ref().take(1024).read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end();
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(value.trim().parse::<usize>().map_err(|_| invalid(format!("bad Content-Length {value:?}")))?);
            }
        }
    }
    let length = length.expect("set before the loop ends");
    if length > MAX_MESSAGE {
        let skipped = io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the input ended inside a message"));
        }
        return Err(invalid(format!("a message of {length} bytes was passed over: more than the {} MB dossier reads", MAX_MESSAGE >> 20)));
    }
    // Grown as bytes arrive, never sized by the header alone.
    let mut body = Vec::with_capacity(length.min(1 << 20));
    input.by_ref().take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the input ended inside a message"));
    }
    let text = String::from_utf8_lossy(&body);
    let message = serde_json::from_str(&mend_surrogates(&text))
        .map_err(|e| invalid(format!("a message that is not JSON-RPC was passed over: {e}")))?;
    Ok(Some(message))
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

pub fn write_message(out: &mut impl Write, message: &Message) -> io::Result<()> {
    let body = serde_json::to_string(message)?;
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

/// `json` with each `\u` escape of a lone surrogate replaced by `\ufffd`
/// (a pair, high then low, stays). Escaped backslashes are stepped over, so
/// `\\ud800` (a backslash, then text) is left as it is. Linear.
pub fn mend_surrogates(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        (bytes.get(at) == Some(&b'\\') && bytes.get(at + 1) == Some(&b'u'))
            .then(|| json.get(at + 2..at + 6).and_then(|h| u16::from_str_radix(h, 16).ok()))
            .flatten()
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(u) = unit(i) else {
            i += 2;
            continue;
        };
        let high = (0xD800..0xDC00).contains(&u);
        let low = (0xDC00..0xE000).contains(&u);
        if high && unit(i + 6).is_some_and(|next| (0xDC00..0xE000).contains(&next)) {
            i += 12;
        } else if high || low {
            let s = out.get_or_insert_with(|| String::with_capacity(json.len()));
            s.push_str(&json[copied..i]);
            s.push_str("\\ufffd");
            i += 6;
            copied = i;
        } else {
            i += 6;
        }
    }
    match out {
        Some(mut s) => {
            s.push_str(&json[copied..]);
            Cow::Owned(s)
        }
        None => Cow::Borrowed(json),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(mend_surrogates(r#"{"t":"a\ud83d\ude00b"}"#), r#"{"t":"a\ud83d\ude00b"}"#, "a pair stays");
        assert_eq!(mend_surrogates(r#"{"t":"a\ud83db"}"#), r#"{"t":"a\ufffdb"}"#);
        assert_eq!(mend_surrogates(r#"{"t":"\ude00\ud83d"}"#), r#"{"t":"\ufffd\ufffd"}"#);
        assert_eq!(mend_surrogates(r#"{"t":"\\ud83d"}"#), r#"{"t":"\\ud83d"}"#, "an escaped backslash is text");
        let parsed: serde_json::Value = serde_json::from_str(&mend_surrogates(r#"{"t":"نص\ud83d"}"#)).unwrap();
        assert_eq!(parsed["t"], "نص\u{fffd}");
    }

    #[test]
    fn a_huge_announced_length_allocates_nothing_and_a_bad_message_is_passed_over() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        // Claims 100 GB, then the input ends: an error, not an allocation.
        let mut input = io::Cursor::new(format!("Content-Length: 100000000000\r\n\r\n{ok}").into_bytes());
        assert!(read_message(&mut input).is_err());
        // A message that is not JSON, then a good one: the good one is read.
        let bad = "{not json";
        let stream = format!("Content-Length: {}\r\n\r\n{bad}Content-Length: {}\r\n\r\n{ok}", bad.len(), ok.len());
        let mut input = io::Cursor::new(stream.into_bytes());
        assert!(read_message(&mut input).unwrap_err().to_string().contains("passed over"));
        assert!(matches!(read_message(&mut input).unwrap(), Some(Message::Notification(n)) if n.method == "initialized"));
        assert!(read_message(&mut input).unwrap().is_none());
    }
}
