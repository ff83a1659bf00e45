//! B007: Latin tokens scrambled by an earlier right-to-left rendering.

use crate::clean::rules::prelude::*;

rule! {
    /// Latin tokens turned around by a right-to-left copy are put back.
    ///
    /// Text copied from web pages and PDFs that laid it out right to left
    /// holds the neutral signs of a Latin token on the wrong side: `++C` and
    /// `#C` where the author wrote `C++` and `C#`, `NET.` for `.NET`, and a
    /// bracket mirrored around a Latin name, `(Reuters(` for `(Reuters)`.
    /// Only in a paragraph with Arabic-script letters, where such copies
    /// come from.
    ///
    /// `++C`, `#C` and `#F` standing alone are never written on purpose: the
    /// fix is safe. `NET.` may end an English sentence, and a bracket may be
    /// meant: those fixes are unsafe (`--unsafe`), a person should look.
    ///
    /// Before: `بلغة ++C و#C`
    /// After:  `بلغة C++ وC#`
    pub static SCRAMBLED_LATIN = ("B007", "scrambled-latin", Sometimes);
}

/// `c` continues a Latin token (so a match inside a longer one is none).
fn token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '_')
}

/// The token starting at `at` is exactly `token`, with nothing of a token
/// on either side.
fn stands_alone(text: &str, at: usize, token: &str) -> bool {
    text[at..].starts_with(token)
        && !chars::char_before(text, at).is_some_and(token_char)
        && !chars::char_at(text, at + token.len()).is_some_and(token_char)
        && !dotted_name_follows(text, at + token.len())
}

/// A period that ends the sentence may follow a token (`بلغة ++C.`), not
/// one inside a name (`++C.h`).
fn dotted_name_follows(text: &str, at: usize) -> bool {
    text[at..].starts_with('.') && chars::char_at(text, at + 1).is_some_and(token_char)
}

/// A Latin name between brackets: letters, digits, spaces and `.&'-`, with
/// a letter, and no more than 40 bytes.
fn latin_name(inner: &str) -> bool {
    !inner.is_empty()
        && inner.len() <= 40
        && inner.chars().any(|c| c.is_ascii_alphabetic())
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '&' | '\'' | '-'))
        && !inner.starts_with(' ')
        && !inner.ends_with(' ')
}

fn scrambled(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for (i, c) in para.signs(|c| matches!(c, '+' | '#' | '.' | '(' | ')')) {
        let (range, fixed, safe, what) = match c {
            '+' if stands_alone(text, i, "++C") => (i..i + 3, "C++".to_string(), true, "`++C` is `C++` turned around"),
            '#' if stands_alone(text, i, "#C") => (i..i + 2, "C#".to_string(), true, "`#C` is `C#` turned around"),
            '#' if stands_alone(text, i, "#F") => (i..i + 2, "F#".to_string(), true, "`#F` is `F#` turned around"),
            '.' if text[..i].ends_with("NET")
                && !chars::char_before(text, i - 3).is_some_and(|c| token_char(c) || c == '.')
                && !chars::char_at(text, i + 1).is_some_and(token_char) =>
            {
                (i - 3..i + 1, ".NET".to_string(), false, "`NET.` may be `.NET` turned around")
            }
            '(' | ')' => {
                // `(Reuters(` or `)Reuters)`: the same bracket twice around a
                // Latin name, with no Latin letter or digit right after it.
                let rest = &text[i + 1..];
                let Some(len) = rest.find(['(', ')', '\n']) else { continue };
                let inner = &rest[..len];
                let end = i + 1 + len;
                if !rest[len..].starts_with(c) || !latin_name(inner) || chars::char_at(text, end + 1).is_some_and(token_char) {
                    continue;
                }
                if chars::char_before(text, i).is_some_and(token_char) {
                    continue;
                }
                let (range, fixed) = if c == '(' { (end..end + 1, ")") } else { (i..i + 1, "(") };
                (range, fixed.to_string(), false, "a bracket around a Latin name faces the wrong way")
            }
            _ => continue,
        };
        let message = format!("{what}: an earlier right-to-left copy scrambled it; write `{fixed}`");
        let edits = vec![Edit::replace(range.clone(), fixed)];
        let d = if safe {
            Diagnostic::fixable(SCRAMBLED_LATIN.code, range, message, edits)
        } else {
            Diagnostic::report(SCRAMBLED_LATIN.code, range, message).with_fix(Fix::unsafe_(edits))
        };
        out.push(d);
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    if para.features.arabic > 0 && para.features.latin > 0 && ctx.settings.enabled(&SCRAMBLED_LATIN) {
        scrambled(para, out);
    }
}

pass!(check, [SCRAMBLED_LATIN]);
