//! `dossier server`: the Language Server Protocol over standard input and
//! output, so an editor shows dossier's findings where Arabic text is written.
//!
//! - diagnostics for `.md` and `.txt` documents (or `markdown`/`plaintext`
//!   ones not yet saved) on open and on every change, each with its rule
//!   code and a link to the rule's explanation;
//! - a quick fix per finding with a fix, the safe ones preferred and the
//!   unsafe ones saying so in the title;
//! - "fix all" (`source.fixAll`) and formatting, both the safe fixes;
//! - settings from the nearest dossier.toml above the document, as `check`
//!   finds them, read afresh for each document event;
//! - in a dossier, what `dossier build` would refuse or leave out (M005 to
//!   M009, as `check` reports them), found when a file of the dossier is
//!   opened or saved and shown while the document holds the text they were
//!   found in: an edit hides them until the next save.
//!
//! Positions are in UTF-16 code units, as the protocol requires: an Arabic
//! letter is one unit, an emoji two ([`crate::clean::output::position`]).
//! Built on `lsp-server` and `lsp-types`, rust-analyzer's own crates: the
//! transport and the protocol's types, with no async runtime.

mod convert;
mod transport;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
    PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, CodeActionResolveRequest, Formatting, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentFormattingParams, InitializeParams, InitializeResult, MessageType, OneOf, PositionEncodingKind,
    PublishDiagnosticsParams, ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Url, WorkspaceEdit,
};

use crate::clean::{self, Applicability, FixMode, Format, Settings};
use crate::config::resolve::{Overrides, Resolver};
use crate::config::FILE_NAME;
use crate::publish::preflight;

/// The most findings shown for one document: an editor slows to a crawl
/// long before, and each costs memory. Past it, one more diagnostic says
/// how many were left out.
pub const MAX_DIAGNOSTICS: usize = 1000;

/// The title of dossier's "fix all" action.
const FIX_ALL_TITLE: &str = "Fix all safe dossier findings";

/// The kind of dossier's own "fix all" action, under `source.fixAll`.
const FIX_ALL_KIND: &str = "source.fixAll.dossier";

/// How a session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// `shutdown`, then `exit`, or the client closed the pipe.
    Shutdown,
    /// `exit` without `shutdown`: the protocol's exit code is 1.
    ExitWithoutShutdown,
}

/// Serve on standard input and output until the client says `exit`.
pub fn run_stdio() -> Result<Ended, String> {
    transport::stdio(serve)
}

/// Serve on any connection (tests use an in-memory one).
pub fn serve(connection: &Connection) -> Result<Ended, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| format!("bad initialize params: {e}"))?;
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo { name: "dossier".into(), version: Some(crate::VERSION.into()) }),
    };
    connection.initialize_finish(id, serde_json::to_value(result).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    let versioned_edits =
        params.capabilities.workspace.as_ref().and_then(|w| w.workspace_edit.as_ref()).and_then(|e| e.document_changes).unwrap_or(false);
    let resolves_edits = params
        .capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.code_action.as_ref())
        .and_then(|c| c.resolve_support.as_ref())
        .is_some_and(|r| r.properties.iter().any(|p| p == "edit"));
    let mut server =
        Server { connection, docs: HashMap::new(), versioned_edits, resolves_edits, shown: HashSet::new(), builds: HashMap::new() };
    // Ask to hear of dossier.toml changing on disk, where the client can
    // watch files for us: the house style applies to every open document.
    let watches = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if watches {
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String(format!("**/{FILE_NAME}")),
                kind: None,
            }],
        };
        let registration = lsp_types::Registration {
            id: "dossier-toml".into(),
            method: DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        let params = lsp_types::RegistrationParams { registrations: vec![registration] };
        server.send(Request::new(RequestId::from("dossier-watch".to_string()), "client/registerCapability".into(), params).into());
    }
    server.main_loop()
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE_FIX_ALL, CodeActionKind::new(FIX_ALL_KIND)]),
            resolve_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

/// An open document.
struct Doc {
    text: String,
    version: i32,
    language: String,
}

struct Server<'a> {
    connection: &'a Connection,
    docs: HashMap<Url, Doc>,
    /// The client applies versioned edits (`documentChanges`).
    versioned_edits: bool,
    /// The client resolves a code action's edit when it is chosen: "fix
    /// all" is then offered without it (on a large document it is the
    /// whole text's edits) and computed on `codeAction/resolve`.
    resolves_edits: bool,
    /// Configuration errors already shown, so each is shown once.
    shown: HashSet<String>,
    /// What a build of each dossier would meet, by dossier folder: found
    /// when a document of it is first checked, again when a file of it is
    /// saved or changes on disk.
    builds: HashMap<PathBuf, BuildFound>,
}

/// A dossier's build findings, by file after links, and the text each
/// file's findings are placed in ([`preflight::text_key`]).
#[derive(Default)]
struct BuildFound {
    by_file: HashMap<PathBuf, Vec<clean::Diagnostic>>,
    read: HashMap<PathBuf, u64>,
}

/// What the server needs to check a document: its format and settings, or
/// nothing when it is not dossier's (another language, excluded).
struct Scope {
    format: Format,
    settings: Settings,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<Ended, String> {
        for message in &self.connection.receiver {
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                        return Ok(Ended::Shutdown);
                    }
                    let response = self.request(request);
                    self.send(response.into());
                }
                Message::Notification(n) if n.method == "exit" => return Ok(Ended::ExitWithoutShutdown),
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
        }
        Ok(Ended::Shutdown)
    }

    fn send(&self, message: Message) {
        // The client is gone when this fails; the loop ends on its own.
        let _ = self.connection.sender.send(message);
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        match request.method.as_str() {
            CodeActionRequest::METHOD => respond(id, parse::<CodeActionParams>(&request).map(|p| self.code_actions(&p))),
            CodeActionResolveRequest::METHOD => respond(id, parse::<CodeAction>(&request).map(|a| self.resolve(a))),
            Formatting::METHOD => respond(id, parse::<DocumentFormattingParams>(&request).map(|p| self.format(&p.text_document.uri))),
            method => Response::new_err(id, ErrorCode::MethodNotFound as i32, format!("dossier does not handle {method}")),
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    self.docs.insert(d.uri.clone(), Doc { text: d.text, version: d.version, language: d.language_id });
                    self.publish(&d.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    if let Some(doc) = self.docs.get_mut(&uri) {
                        for change in p.content_changes {
                            convert::apply_change(&mut doc.text, change);
                        }
                        doc.version = p.text_document.version;
                        self.publish(&uri);
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) {
                    if is_config(&p.text_document.uri) {
                        self.style_changed();
                    } else {
                        self.files_changed(&[p.text_document.uri]);
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) {
                    if p.changes.iter().any(|c| is_config(&c.uri)) {
                        self.style_changed();
                    } else {
                        self.files_changed(&p.changes.into_iter().map(|c| c.uri).collect::<Vec<_>>());
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    self.docs.remove(&p.text_document.uri);
                    self.send_diagnostics(p.text_document.uri, Vec::new(), None);
                }
            }
            _ => {}
        }
    }

    /// "Fix all", chosen: its edit, for the document as it is now (an
    /// action offered for an older version gets none).
    fn resolve(&mut self, mut action: CodeAction) -> CodeAction {
        let target = action.data.as_ref().and_then(|d| Some((d["uri"].as_str()?.parse::<Url>().ok()?, d["version"].as_i64()?)));
        if let Some((uri, version)) = target {
            let current = self.docs.get(&uri).is_some_and(|d| i64::from(d.version) == version);
            if let (true, Some(scope)) = (current, self.scope(&uri)) {
                let edits = self.safe_fix_edits(&uri, &scope);
                action.edit = Some(self.workspace_edit(&uri, version as i32, edits));
            }
        }
        action
    }

    /// A dossier.toml was saved or changed on disk: check every open
    /// document again (styles are read afresh for each check).
    fn style_changed(&mut self) {
        self.shown.clear();
        self.builds.clear();
        let open: Vec<Url> = self.docs.keys().cloned().collect();
        open.iter().for_each(|uri| self.publish(uri));
    }

    /// Files were saved or changed on disk: what a build of their dossiers
    /// would meet is found again, and their open documents checked again.
    fn files_changed(&mut self, uris: &[Url]) {
        let dossiers: HashSet<PathBuf> = uris.iter().filter_map(path_of).filter_map(|p| preflight::dossier_of(&p)).collect();
        if dossiers.is_empty() {
            return;
        }
        self.builds.retain(|dir, _| !dossiers.contains(dir));
        let open: Vec<Url> = self
            .docs
            .keys()
            .filter(|uri| path_of(uri).and_then(|p| preflight::dossier_of(&p)).is_some_and(|d| dossiers.contains(&d)))
            .cloned()
            .collect();
        open.iter().for_each(|uri| self.publish(uri));
    }

    /// What a build of the document's dossier would meet in it, when the
    /// document holds the text that was found in.
    fn build_findings(&mut self, uri: &Url, text_key: u64) -> Vec<clean::Diagnostic> {
        let Some(path) = path_of(uri) else { return Vec::new() };
        let Some(dir) = preflight::dossier_of(&path) else { return Vec::new() };
        let Ok(real) = std::fs::canonicalize(&path) else { return Vec::new() };
        if !self.builds.contains_key(&dir) {
            let found = self.preflight(&dir);
            self.builds.insert(dir.clone(), found);
        }
        let found = &self.builds[&dir];
        match (found.by_file.get(&real), found.read.get(&real)) {
            (Some(diagnostics), read) if read.is_none_or(|key| *key == text_key) => diagnostics.clone(),
            _ => Vec::new(),
        }
    }

    fn preflight(&mut self, dir: &std::path::Path) -> BuildFound {
        match preflight::run(dir) {
            Ok(p) => {
                let mut found = BuildFound { read: p.read, ..BuildFound::default() };
                for problem in p.problems {
                    found.by_file.entry(problem.real).or_default().push(problem.diagnostic);
                }
                for stop in p.stops {
                    self.show_once(format!("dossier: `dossier build` would stop: {stop}"), MessageType::WARNING);
                }
                found
            }
            // Rare: a dossier.toml that does not parse leaves the document
            // no scope, and is shown as such before this is asked.
            Err(e) => {
                self.show_once(format!("dossier: `dossier build` would stop: {e}"), MessageType::WARNING);
                BuildFound::default()
            }
        }
    }

    /// A message in the editor's window, once per session (again after a
    /// dossier.toml changes).
    fn show_once(&mut self, message: String, typ: MessageType) {
        if self.shown.insert(message.clone()) {
            let params = ShowMessageParams { typ, message };
            self.send(Notification::new(ShowMessage::METHOD.into(), params).into());
        }
    }

    /// The format and settings for a document, or `None` when dossier has
    /// nothing to say about it.
    fn scope(&mut self, uri: &Url) -> Option<Scope> {
        let doc = self.docs.get(uri)?;
        let path = path_of(uri);
        let format = match path.as_deref().and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some("md" | "markdown") => Format::Markdown,
            Some("txt") => Format::Text,
            _ if doc.language == "markdown" => Format::Markdown,
            _ if doc.language == "plaintext" && path.as_ref().is_none_or(|p| p.extension().is_none()) => Format::Text,
            _ => return None,
        };
        // A document not on disk takes the style of the working folder.
        let name = path.clone().unwrap_or_else(|| PathBuf::from("untitled.md"));
        // Read afresh each time (a few small files): an edited dossier.toml
        // applies from the next keystroke, whatever the client tells us.
        let style = match Resolver::new(Overrides::default()).style_for(&name) {
            Ok(style) => style,
            Err(e) => {
                self.show_once(format!("dossier: {e}"), MessageType::ERROR);
                return None;
            }
        };
        if path.as_ref().is_some_and(|p| style.excludes(p)) {
            return None;
        }
        Some(Scope { format, settings: style.settings_for(&name) })
    }

    fn publish(&mut self, uri: &Url) {
        let found = match self.scope(uri) {
            Some(scope) => {
                let outside = self.build_findings(uri, preflight::text_key(&self.docs[uri].text));
                let text = &self.docs[uri].text;
                let found = clean::check_bounded_with(text, scope.format, &scope.settings, MAX_DIAGNOSTICS + 1, outside);
                convert::capped_diagnostics(text, &found, MAX_DIAGNOSTICS)
            }
            None => Vec::new(),
        };
        let version = self.docs.get(uri).map(|d| d.version);
        self.send_diagnostics(uri.clone(), found, version);
    }

    fn send_diagnostics(&self, uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams { uri, diagnostics, version };
        self.send(Notification::new(PublishDiagnostics::METHOD.into(), params).into());
    }

    /// A quick fix for each finding with a fix that touches the range, and
    /// "fix all safe" when there is anything to fix, as the client's `only`
    /// allows.
    fn code_actions(&mut self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(scope) = self.scope(uri) else { return Vec::new() };
        let doc = &self.docs[uri];
        let wants = |kind: &CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
        };
        let mut actions = Vec::new();
        let found = clean::check_bounded(&doc.text, scope.format, &scope.settings, MAX_DIAGNOSTICS);
        let findings = &found.diagnostics;
        if wants(&CodeActionKind::QUICKFIX) {
            // The findings the editor shows; a fix that only shows after
            // others (no edit of its own yet) is no quick fix.
            let shown_findings = &findings[..];
            for (finding, shown) in shown_findings.iter().zip(convert::diagnostics(&doc.text, shown_findings)) {
                let Some(fix) = finding.fix.as_ref().filter(|f| !f.edits.is_empty()) else { continue };
                if !convert::touches(&shown.range, &params.range) {
                    continue;
                }
                let safe = fix.applicability == Applicability::Safe;
                let name = clean::registry::rule_of(finding.code).map_or("", |r| r.name);
                let title = if safe {
                    format!("Fix {} {name} (safe)", finding.code)
                } else {
                    format!("Fix {} {name} (unsafe: check the result)", finding.code)
                };
                let edits = convert::fix_edits(&doc.text, fix);
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown]),
                    edit: Some(self.workspace_edit(uri, doc.version, edits)),
                    is_preferred: Some(safe),
                    ..Default::default()
                }));
            }
        }
        let fix_all = CodeActionKind::new(FIX_ALL_KIND);
        if wants(&fix_all) && (findings.iter().any(|d| d.is_safe_fixable()) || found.unkept.values().any(|t| t.fixable > 0)) {
            let action = CodeAction { title: FIX_ALL_TITLE.into(), kind: Some(fix_all), ..Default::default() };
            if self.resolves_edits {
                // The edit comes on `codeAction/resolve`, if it is chosen.
                let data = serde_json::json!({ "uri": uri, "version": doc.version });
                actions.push(CodeActionOrCommand::CodeAction(CodeAction { data: Some(data), ..action }));
            } else {
                let edits = self.safe_fix_edits(uri, &scope);
                if !edits.is_empty() {
                    let edit = Some(self.workspace_edit(uri, doc.version, edits));
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction { edit, ..action }));
                }
            }
        }
        actions
    }

    /// Formatting applies the safe fixes.
    fn format(&mut self, uri: &Url) -> Option<Vec<TextEdit>> {
        let scope = self.scope(uri)?;
        Some(self.safe_fix_edits(uri, &scope))
    }

    fn safe_fix_edits(&self, uri: &Url, scope: &Scope) -> Vec<TextEdit> {
        let doc = &self.docs[uri];
        match clean::fix(&doc.text, scope.format, &scope.settings, FixMode::Safe) {
            // The editor keeps the document's line ends: CRLF stays CRLF.
            Ok(outcome) if uses_crlf(&doc.text) => convert::diff_edits(&doc.text, &outcome.text.replace('\n', "\r\n")),
            Ok(outcome) => convert::diff_edits(&doc.text, &outcome.text),
            Err(_) => Vec::new(),
        }
    }

    fn workspace_edit(&self, uri: &Url, version: i32, edits: Vec<TextEdit>) -> WorkspaceEdit {
        if self.versioned_edits {
            let edits = edits.into_iter().map(OneOf::Left).collect();
            let document = lsp_types::OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: Some(version) };
            WorkspaceEdit {
                document_changes: Some(lsp_types::DocumentChanges::Edits(vec![lsp_types::TextDocumentEdit {
                    text_document: document,
                    edits,
                }])),
                ..Default::default()
            }
        } else {
            WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }
        }
    }
}

/// `uri` is a dossier.toml.
fn is_config(uri: &Url) -> bool {
    path_of(uri).is_some_and(|path| path.ends_with(FILE_NAME))
}

/// Most of the document's lines end in CRLF (as its editor saves it).
fn uses_crlf(text: &str) -> bool {
    let crlf = memchr::memmem::find_iter(text.as_bytes(), b"\r\n").count();
    crlf > 0 && crlf * 2 >= memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

fn parse<P: serde::de::DeserializeOwned>(request: &Request) -> Result<P, String> {
    serde_json::from_value(request.params.clone()).map_err(|e| format!("bad {} params: {e}", request.method))
}

fn respond<R: serde::Serialize>(id: RequestId, result: Result<R, String>) -> Response {
    match result {
        Ok(r) => Response::new_ok(id, r),
        Err(message) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
    }
}

fn path_of(uri: &Url) -> Option<PathBuf> {
    (uri.scheme() == "file").then(|| uri.to_file_path().ok()).flatten()
}
