//! `dossier server` driven as an editor drives it: JSON-RPC over the
//! process's pipes, with a timeout on every wait so the test cannot hang.
//! Positions are checked in UTF-16 code units on a line where an emoji (two
//! units) comes before the Arabic findings.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(20);

/// The server process; killed if the test fails half-way.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Client {
    fn start(cache: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("server")
            .env("XDG_CACHE_HOME", cache)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client { child, stdin, messages, next_id: 1 }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request and wait for its response's result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let response = self.wait_for(&format!("the response to {method}"), |m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The next message `wanted` accepts, others skipped; fails after WAIT.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(_) => {}
                Err(_) => panic!("no {what} within {WAIT:?}"),
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for version {version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The byte offset of an LSP position, counted here independently of the
/// server: lines end at `\n`, columns are UTF-16 code units.
fn offset(text: &str, position: &Value) -> usize {
    let (line, character) = (position["line"].as_u64().unwrap() as usize, position["character"].as_u64().unwrap() as usize);
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units == character {
            return start + i;
        }
        assert!(units < character, "position {position} splits a character");
        units += c.len_utf16();
    }
    text.len()
}

/// Apply text edits (all against the same text) from last to first.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| (offset(text, &e["range"]["start"]), offset(text, &e["range"]["end"]), e["newText"].as_str().unwrap()))
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}

/// The edits of a code action made with `documentChanges`, for `uri` at `version`.
fn action_edits(action: &Value, uri: &str, version: i64) -> Vec<Value> {
    let change = &action["edit"]["documentChanges"][0];
    assert_eq!((change["textDocument"]["uri"].as_str(), change["textDocument"]["version"].as_i64()), (Some(uri), Some(version)));
    change["edits"].as_array().unwrap().clone()
}

fn range(line: u64, start: u64, end: u64) -> Value {
    json!({ "start": { "line": line, "character": start }, "end": { "line": line, "character": end } })
}

#[test]
fn an_editor_session_over_pipes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let path = dir.path().join("مقال.md");
    let uri = url_of(&path);
    let mut client = Client::start(&dir.path().join("cache"));

    let init = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": { "workspace": { "workspaceEdit": { "documentChanges": true } } } }),
    );
    assert_eq!(init["serverInfo"]["name"], "dossier");
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["documentFormattingProvider"], true);
    client.notify("initialized", json!({}));

    // Line 2: 😀 (units 0–1), a double space (6–8), “نعم” (8–13), a final Persian yeh (22).
    let mut text = "# عنوان\n\n😀 قال  “نعم” للسيد علی.\n".to_string();
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }));
    let found = client.diagnostics(&uri, 1);
    let by_code = |code: &str| found.iter().find(|d| d["code"] == code).unwrap_or_else(|| panic!("no {code} in {found:?}")).clone();
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(by_code("S001")["range"], range(2, 6, 8));
    assert_eq!(by_code("Q001")["range"], range(2, 8, 13));
    assert_eq!(by_code("C003")["range"], range(2, 22, 23));
    let q001 = by_code("Q001");
    assert_eq!((q001["severity"].as_i64(), q001["source"].as_str()), (Some(1), Some("dossier")));
    assert!(q001["message"].as_str().unwrap().contains("dossier explain Q001"));
    // The code links to the rule's explanation, written to the cache.
    let href = q001["codeDescription"]["href"].as_str().unwrap();
    let explanation = std::fs::read_to_string(lsp_types::Url::parse(href).unwrap().to_file_path().unwrap()).unwrap();
    assert!(explanation.starts_with("# Q001 curly-quotes") && explanation.contains("Before:"), "{explanation}");

    // A quick fix for the quotation: safe, preferred; applied, the finding goes.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(2, 10, 10), "context": { "diagnostics": [q001] } }),
    );
    let actions = actions.as_array().unwrap();
    let quick = actions.iter().find(|a| a["title"].as_str().unwrap().contains("Q001")).unwrap();
    assert_eq!((quick["kind"].as_str(), quick["isPreferred"].as_bool()), (Some("quickfix"), Some(true)));
    assert!(quick["title"].as_str().unwrap().contains("(safe)"));
    assert_eq!(quick["diagnostics"][0]["code"], "Q001");
    text = apply(&text, &action_edits(quick, &uri, 1));
    assert_eq!(text, "# عنوان\n\n😀 قال  «نعم» للسيد علی.\n");
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text }] }));
    let found = client.diagnostics(&uri, 2);
    assert_eq!(found.iter().map(|d| d["code"].as_str().unwrap()).collect::<Vec<_>>(), ["S001", "C003"]);

    // The unsafe fix says so and is not preferred.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(2, 22, 23), "context": { "diagnostics": [] } }),
    );
    let unsafe_fix = actions.as_array().unwrap().iter().find(|a| a["title"].as_str().unwrap().contains("C003")).unwrap();
    assert!(unsafe_fix["title"].as_str().unwrap().contains("unsafe") && unsafe_fix["isPreferred"] == false, "{unsafe_fix}");
    text = apply(&text, &action_edits(unsafe_fix, &uri, 2));
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": text }] }));
    assert_eq!(client.diagnostics(&uri, 3).len(), 1);

    // "Fix all" (source.fixAll) applies the safe fixes; then nothing is left.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 0), "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "only fix-all was asked for: {actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.dossier");
    text = apply(&text, &action_edits(&actions[0], &uri, 3));
    assert_eq!(text, "# عنوان\n\n😀 قال «نعم» للسيد على.\n");
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [{ "text": text }] }));
    assert_eq!(client.diagnostics(&uri, 4), Vec::<Value>::new());

    // Formatting is the safe fixes too, as edits on the changed lines only.
    let dirty = format!("{text}\nسطر  ثان, فيه “قول”.\n");
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 5 }, "contentChanges": [{ "text": dirty }] }));
    assert_eq!(client.diagnostics(&uri, 5).len(), 3);
    let edits = client
        .request("textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": true } }));
    let edits = edits.as_array().unwrap();
    assert!(edits.iter().all(|e| e["range"]["start"]["line"].as_u64() >= Some(3)), "{edits:?}");
    assert_eq!(apply(&dirty, edits), format!("{text}\nسطر ثان، فيه «قول».\n"));

    // A document dossier does not read gets no diagnostics.
    let rs = url_of(&dir.path().join("main.rs"));
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": rs, "languageId": "rust", "version": 1, "text": "“x”  y" } }));
    assert_eq!(client.diagnostics(&rs, 1), Vec::<Value>::new());

    // Closing clears; shutdown answers; exit ends the process with 0.
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    client.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = client.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}

#[test]
fn the_nearest_dossier_toml_applies_in_the_editor_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("curly")).unwrap();
    std::fs::write(dir.path().join("curly/dossier.toml"), "[clean]\nquotes = \"curly\"\n").unwrap();
    let mut client = Client::start(&dir.path().join("cache"));
    client.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} }));
    client.notify("initialized", json!({}));
    let text = "قال “نعم” ثم مضى.\n";
    for (name, expected) in [("curly/a.txt", 0), ("a.txt", 1)] {
        let uri = url_of(&dir.path().join(name));
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
        );
        assert_eq!(client.diagnostics(&uri, 1).len(), expected, "{name}");
    }
    // A dossier.toml that cannot be used is shown, once, naming the closest key; nothing is checked.
    std::fs::create_dir_all(dir.path().join("broken")).unwrap();
    std::fs::write(dir.path().join("broken/dossier.toml"), "[clean]\nqoutes = \"curly\"\n").unwrap();
    let broken = url_of(&dir.path().join("broken/a.txt"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": broken, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let shown = client.wait_for("a message about the broken config", |m| m["method"] == "window/showMessage");
    assert!(shown["params"]["message"].as_str().unwrap().contains("did you mean `quotes`?"), "{shown}");
    assert_eq!(client.diagnostics(&broken, 1), Vec::<Value>::new());
    // Fixed on disk, it applies at the next change.
    std::fs::write(dir.path().join("broken/dossier.toml"), "[clean]\nquotes = \"curly\"\n").unwrap();
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": broken, "version": 2 }, "contentChanges": [{ "text": "قال  “نعم”.\n" }] }),
    );
    assert_eq!(client.diagnostics(&broken, 2).iter().map(|d| d["code"].as_str().unwrap()).collect::<Vec<_>>(), ["S001"]);

    // Without documentChanges support, edits come as `changes`.
    let uri = url_of(&dir.path().join("a.txt"));
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 5, 5), "context": { "diagnostics": [] } }),
    );
    let edits = &actions[0]["edit"]["changes"][&uri];
    assert_eq!(apply(text, edits.as_array().unwrap()), "قال «نعم» ثم مضى.\n");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

fn url_of(path: &std::path::Path) -> String {
    lsp_types::Url::from_file_path(path).unwrap().to_string()
}

impl Client {
    fn initialize(&mut self) {
        self.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} }));
        self.notify("initialized", json!({}));
    }

    fn exit_code(&mut self) -> Option<i32> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// What a hostile or clumsy client sends: a message announcing 100 GB (read
/// as it comes, not allocated up front), a lone surrogate escape (read as
/// U+FFFD), a document with a million findings (1,000 shown, and one more
/// diagnostic saying how many were left out); `exit` without `shutdown`
/// ends with the protocol's code 1.
#[test]
fn hostile_messages_and_huge_documents_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let mut client = Client::start(&dir.path().join("cache"));
    client.initialize();

    // A lone high surrogate in the text, as JavaScript clients send it.
    let uri = url_of(&dir.path().join("a.md"));
    let open = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"markdown","version":1,"text":"قال  نعم \ud83d\n"}}}}}}"#
    );
    write!(client.stdin, "Content-Length: {}\r\n\r\n{open}", open.len()).unwrap();
    client.stdin.flush().unwrap();
    let found = client.diagnostics(&uri, 1);
    assert!(found.iter().any(|d| d["code"] == "S001"), "{found:?}");

    // A million findings (in lines: one line of 2 MB is one finding, M003):
    // the editor gets 1,000 and a note.
    let big = url_of(&dir.path().join("big.txt"));
    let text = format!("{}\n", "ب,".repeat(1 << 10)).repeat(1 << 10);
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": big, "languageId": "plaintext", "version": 1, "text": text } }));
    let found = client.diagnostics(&big, 1);
    assert_eq!(found.len(), 1001);
    let note = found.last().unwrap()["message"].as_str().unwrap().to_string();
    assert!(note.contains("more findings") && note.contains("dossier check"), "{note}");

    // exit before shutdown: code 1.
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));
}

#[test]
fn a_message_announcing_terabytes_allocates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(&dir.path().join("cache"));
    client.initialize();
    write!(client.stdin, "Content-Length: 1000000000000\r\n\r\n{{\"jsonrpc\":\"2.0\"").unwrap();
    client.stdin.flush().unwrap();
    let pid = client.child.id();
    std::thread::sleep(Duration::from_millis(300));
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss_kb: u64 = status.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()).unwrap_or(0);
    assert!(rss_kb < 200_000, "the server holds {rss_kb} KB after a huge Content-Length");
    // The input ends inside that message: the server ends, clean.
    drop(std::mem::replace(&mut client.stdin, Command::new("true").stdin(Stdio::piped()).spawn().unwrap().stdin.take().unwrap()));
    assert_eq!(client.exit_code(), Some(0));
}

/// A dossier.toml changed on disk (not open in the editor) applies at
/// once: the server asks to watch it, and checks every open document again
/// when the client says it changed. Formatting keeps CRLF line ends.
#[test]
fn a_changed_dossier_toml_applies_at_once_and_formatting_keeps_crlf() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let mut client = Client::start(&dir.path().join("cache"));
    let capabilities = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    client.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": capabilities }));
    client.notify("initialized", json!({}));
    let asked = client.wait_for("a request to watch dossier.toml", |m| m["method"] == "client/registerCapability");
    let registration = &asked["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(registration["registerOptions"]["watchers"][0]["globPattern"], "**/dossier.toml");
    client.send(json!({ "jsonrpc": "2.0", "id": asked["id"], "result": null }));

    let uri = url_of(&dir.path().join("a.txt"));
    let text = "قال “نعم” ثم مضى.\r\nوقال  لا.\r\n";
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }));
    let codes = |found: Vec<Value>| found.iter().map(|d| d["code"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(codes(client.diagnostics(&uri, 1)).contains(&"Q001".to_string()));
    std::fs::write(dir.path().join("dossier.toml"), "[clean]\nquotes = \"curly\"\n").unwrap();
    let toml = url_of(&dir.path().join("dossier.toml"));
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": toml, "type": 1 }] }));
    assert!(!codes(client.diagnostics(&uri, 1)).contains(&"Q001".to_string()), "the new style applies without an edit");

    let edits = client
        .request("textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": true } }));
    let formatted = apply(text, edits.as_array().unwrap());
    assert_eq!(formatted, "قال “نعم” ثم مضى.\r\nوقال لا.\r\n");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

/// A client that resolves code actions gets "fix all" without its edit
/// (on a large document, the whole text's edits on every request) and the
/// edit when it asks, for the document as it is then.
#[test]
fn fix_all_is_resolved_when_chosen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let mut client = Client::start(&dir.path().join("cache"));
    let capabilities = json!({ "textDocument": { "codeAction": { "resolveSupport": { "properties": ["edit"] } } } });
    let init = client.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": capabilities }));
    assert_eq!(init["capabilities"]["codeActionProvider"]["resolveProvider"], true);
    client.notify("initialized", json!({}));
    let uri = url_of(&dir.path().join("a.txt"));
    let text = "قال  “نعم”, ثم مضى.\n";
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }));
    client.diagnostics(&uri, 1);
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 0), "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let fix_all = actions.as_array().unwrap().iter().find(|a| a["kind"] == "source.fixAll.dossier").unwrap().clone();
    assert!(fix_all.get("edit").is_none(), "{fix_all}");
    let resolved = client.request("codeAction/resolve", fix_all);
    let edits = &resolved["edit"]["changes"][&uri];
    assert_eq!(apply(text, edits.as_array().unwrap()), "قال «نعم»، ثم مضى.\n");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

/// In a dossier, the editor shows what `dossier build` would refuse or leave
/// out (as `check` does), found on open and on save, and only on the text
/// it was found in: an edit hides it, the save that follows finds it anew.
#[test]
fn build_findings_show_in_the_editor_on_open_and_save() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("dossier.toml"), "[dossier]\ntitle = \"ملف\"\n\n[[article]]\nfile = \"a.md\"\n").unwrap();
    let article = "---\ntitle: مقال\nautor: فلان\n---\n\nنص فيه رمز 😀 هنا.\n";
    std::fs::write(dir.path().join("a.md"), article).unwrap();
    std::fs::write(dir.path().join("draft.md"), "مسودة.\n").unwrap();
    let mut client = Client::start(&dir.path().join("cache"));
    client.initialize();
    let codes = |found: &[Value]| {
        let mut c: Vec<String> = found.iter().map(|d| d["code"].as_str().unwrap().to_string()).collect();
        c.sort();
        c
    };
    let uri = url_of(&dir.path().join("a.md"));
    client
        .notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": article } }));
    // The build stops at the field, before it looks for glyphs: so does the finding.
    let found = client.diagnostics(&uri, 1);
    assert_eq!(codes(&found), ["M009"], "{found:?}");
    assert_eq!(found[0]["range"]["start"]["line"], 2);
    assert!(found[0]["message"].as_str().unwrap().contains("did you mean `author`?"), "{found:?}");

    // Edited: the build's findings were found in another text; hidden.
    let edited = "---\ntitle: مقال\nauthor: فلان\n---\n\nنص فيه رمز هنا.\n";
    client
        .notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": edited }] }));
    assert_eq!(codes(&client.diagnostics(&uri, 2)), Vec::<String>::new());
    // Saved with one problem back: found again, where it is now.
    let saved = "---\ntitle: مقال\nauthor: فلان\n---\n\nنص 😀.\n";
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": saved }] }));
    assert_eq!(codes(&client.diagnostics(&uri, 3)), Vec::<String>::new());
    std::fs::write(dir.path().join("a.md"), saved).unwrap();
    client.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri } }));
    let found = client.diagnostics(&uri, 3);
    assert_eq!(codes(&found), ["M005"], "{found:?}");
    assert_eq!(found[0]["range"]["start"], json!({ "line": 5, "character": 3 }));

    // A file the dossier leaves out says so when opened.
    let draft = url_of(&dir.path().join("draft.md"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": draft, "languageId": "markdown", "version": 1, "text": "مسودة.\n" } }),
    );
    assert_eq!(codes(&client.diagnostics(&draft, 1)), ["M007"]);
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}
