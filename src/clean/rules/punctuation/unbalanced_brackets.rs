//! P005: a bracket with no partner in its paragraph.

use crate::clean::rules::prelude::*;

rule! {
    /// A bracket that is never closed, or closes nothing, is reported.
    ///
    /// `ديسمبر 1911)، وأمضى` lost its opening bracket when the text was cut
    /// or pasted; `(مثل` may have lost its end, and `)كذا(` was typed
    /// mirrored. Where the missing half belongs is a matter of reading, so
    /// there is no fix. Parentheses and square brackets are paired per
    /// paragraph; quotation marks are Q003's.
    ///
    /// Left alone: list markers (`1)`, `أ)`, `ب)` at the start of a
    /// paragraph or after a space), smileys (`:)`), links, and markdown
    /// syntax (link brackets, task boxes), which is not prose. A `.txt`
    /// paragraph is a line: in hard-wrapped text a bracket closed on the
    /// next line is reported on both.
    ///
    /// Example: `ولد في 1879 (وتوفي في ديسمبر 1911)، وأمضى` is fine;
    /// `ولد في ديسمبر 1911)، وأمضى` is reported.
    pub static UNBALANCED_BRACKETS = ("P005", "unbalanced-brackets", None);
}

/// A `)` or `]` that ends a list marker (`1)`, `أ)`, `iv)`): a number of
/// up to three digits or a word of at most two letters standing alone
/// before it, and a space after it (`1911)،` is not one).
fn ends_list_marker(text: &str, i: usize) -> bool {
    let before = &text[..i];
    let token_start = before.trim_end_matches(|c: char| c.is_alphanumeric() || is_arabic_mark(c)).len();
    let token = &before[token_start..];
    let count = token.chars().filter(|c| c.is_alphanumeric()).count();
    let short = if token.chars().all(is_digit) { count <= 3 } else { count <= 2 };
    let alone = chars::char_before(text, token_start).is_none_or(|c| is_inline_space(c) || matches!(c, '-' | '•' | '*'));
    !token.is_empty() && short && alone && chars::char_at(text, i + 1).is_none_or(is_inline_space)
}

/// `:)`, `:(`, `:-)`, `;)`.
fn is_smiley(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches('-');
    matches!(chars::char_before(before, before.len()), Some(':' | ';' | '='))
}

fn unbalanced(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for &i in &para.pairing().unmatched {
        let c = chars::char_at(text, i).expect("a mark");
        if !matches!(c, '(' | ')' | '[' | ']') {
            continue;
        }
        let closer = matches!(c, ')' | ']');
        if is_smiley(text, i) || (closer && ends_list_marker(text, i)) {
            continue;
        }
        let message = if closer {
            format!("`{c}` closes nothing in this paragraph: its opening bracket is missing")
        } else {
            format!("`{c}` is never closed in this paragraph")
        };
        out.push(Diagnostic::report(UNBALANCED_BRACKETS.code, i..i + 1, message));
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if para.features.arabic > 0 && ctx.settings.enabled(&UNBALANCED_BRACKETS) {
        unbalanced(para, out);
    }
}

pass!(check, [UNBALANCED_BRACKETS], when BRACKETS);
