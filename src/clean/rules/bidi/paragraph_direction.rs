//! B002: paragraphs that display backwards.

use crate::clean::rules::prelude::*;

rule! {
    /// An Arabic paragraph that starts with a Latin word gets an RLM.
    ///
    /// Plain-text viewers take a paragraph's direction from its first strong
    /// letter, so `CCTS منظمة…` is laid out left to right, with its
    /// punctuation on the wrong side. A right-to-left mark (U+200F) at the
    /// start fixes that everywhere. A paragraph gets one when it has at least
    /// twice as many Arabic words as Latin ones; a mixed one is left alone.
    ///
    /// A paragraph led by an Arabic word is right to left however many
    /// English terms it holds (`- دعم JSON export mode`, `### تغيير
    /// User-Agent`; see `text::language`): it never gets a left-to-right
    /// mark, which would set it left to right, bullet on the wrong side.
    ///
    /// The mark goes before a list marker or a tag pasted into plain text
    /// (`<b>CCTS</b> منظمة`), which it leaves as it is. Markdown syntax
    /// (list markers, task boxes `[ ]`, alerts `> [!NOTE]`, table pipes) is
    /// not part of the paragraph: the mark goes after it. A heading's
    /// attribute block (`{#id}`, MDX's `{/*try-react*/}`) is markup, not
    /// English words. When the first strong letter is inside markdown
    /// markup, a code span opening a list item (`` * `A` [Graph](…) (…) ``),
    /// no mark in the prose can come before it: nothing is reported.
    pub static PARAGRAPH_DIRECTION = ("B002", "paragraph-direction", Safe, may_edit = [Notation]);
}

const RLM: char = '\u{200F}';

fn direction(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    // Only a clearly Arabic paragraph led by a Latin word is marked: one led
    // by an Arabic word is right to left already, whatever follows.
    if para.features.clear_direction() != Some(true) {
        return;
    }
    let first = text.char_indices().find(|&(_, c)| strong(c).is_some());
    let Some((at, c)) = first else { return };
    if strong(c) != Some(Strong::Ltr) || para.protection_at(at) == Some(Protection::Markup) {
        return;
    }
    let (mark, what, name) = (RLM, "an Arabic paragraph starts with a Latin word", "RLM");
    let end = text.char_indices().nth(1).map_or(text.len(), |(i, _)| i);
    out.push(Diagnostic::fixable(
        PARAGRAPH_DIRECTION.code,
        0..end,
        format!("{what}; plain-text viewers will lay it out the wrong way (add an {name})"),
        vec![Edit::insert(0, mark.to_string())],
    ));
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let s = ctx.settings;
    let f = &para.features;
    // Letters inside tags do not count as words, but they still set the
    // direction a viewer gives the paragraph.
    let other_script = f.arabic > 0 && (f.latin > 0 || para.protected.iter().any(|p| p.kind == Protection::Notation));
    if other_script && s.enabled(&PARAGRAPH_DIRECTION) {
        direction(para, out);
    }
}

pass!(check, [PARAGRAPH_DIRECTION]);
