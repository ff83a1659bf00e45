//! Visual order: Arabic stored as shaped glyphs in display order, as old
//! PDFs lay it out, and how to put it back in logical order.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::chars::{is_arabic_letter, is_arabic_mark, is_digit, is_presentation_form, strong, Strong};

/// Positional form of a Presentation Forms-B letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Isolated,
    Final,
    Initial,
    Medial,
}

/// Letters of U+FE80–U+FEFC in order, by how many forms each has.
const FORM_COUNTS: &[u8] =
    &[1, 2, 2, 2, 2, 4, 2, 4, 2, 4, 4, 4, 4, 4, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 2, 2, 4, 2, 2, 2, 2];

pub fn form(c: char) -> Option<Form> {
    let mut code = 0xFE80u32;
    let cp = c as u32;
    if !(0xFE80..=0xFEFC).contains(&cp) {
        return None;
    }
    for &n in FORM_COUNTS {
        if cp < code + n as u32 {
            return Some([Form::Isolated, Form::Final, Form::Initial, Form::Medial][(cp - code) as usize]);
        }
        code += n as u32;
    }
    None
}

/// How the words of `text` read: (logical, visual) counts.
pub fn word_order_votes(text: &str) -> (usize, usize) {
    let (mut logical, mut visual) = (0, 0);
    for word in text.split(|c: char| !(is_presentation_form(c) || is_arabic_mark(c))) {
        let forms: Vec<Form> = word.chars().filter_map(form).collect();
        if forms.len() < 2 {
            continue;
        }
        let (first, last) = (forms[0], forms[forms.len() - 1]);
        if first == Form::Initial || last == Form::Final {
            logical += 1;
        }
        if first == Form::Final || last == Form::Initial {
            visual += 1;
        }
    }
    (logical, visual)
}

fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        _ => c,
    }
}

/// Rebuild logical order from a right-to-left line stored in display order:
/// reverse the line by grapheme, keep left-to-right runs (Latin, digits and
/// what lies between them) in their order, mirror brackets, map forms.
pub fn to_logical(line: &str) -> String {
    let graphemes: Vec<&str> = line.graphemes(true).collect();
    // Numbers of every digit system are laid out left to right, like Latin.
    let is_ltr = |g: &str| g.chars().next().is_some_and(|c| strong(c) == Some(Strong::Ltr) || is_digit(c));
    // Group into runs: a left-to-right run spans from an LTR grapheme to the
    // last LTR grapheme before the next RTL one.
    let mut runs: Vec<(bool, Vec<&str>)> = Vec::new();
    let mut i = 0;
    while i < graphemes.len() {
        if is_ltr(graphemes[i]) {
            let mut j = i;
            let mut last_ltr = i;
            while j < graphemes.len() && graphemes[j].chars().next().and_then(strong) != Some(Strong::Rtl) {
                if is_ltr(graphemes[j]) {
                    last_ltr = j;
                }
                j += 1;
            }
            runs.push((true, graphemes[i..=last_ltr].to_vec()));
            i = last_ltr + 1;
        } else {
            match runs.last_mut() {
                Some((false, run)) => run.push(graphemes[i]),
                _ => runs.push((false, vec![graphemes[i]])),
            }
            i += 1;
        }
    }
    let mut out = String::with_capacity(line.len());
    for (ltr, run) in runs.iter().rev() {
        if *ltr {
            run.iter().for_each(|g| out.push_str(g));
        } else {
            for g in run.iter().rev() {
                out.extend(g.chars().map(mirror));
            }
        }
    }
    out.chars().map(|c| if is_presentation_form(c) { c.to_string().nfkc().collect::<String>() } else { c.to_string() }).collect()
}

/// Sure enough to reverse `line` without a person: words read backwards
/// (a word that starts with a final form cannot be in logical order), none
/// forwards, and no Arabic letter outside presentation forms (a line mixing
/// both is half typed, half pasted: reversing it whole would scramble the
/// typed half).
pub fn safe_to_reverse(line: &str) -> bool {
    let (logical, visual) = word_order_votes(line);
    logical == 0 && visual >= 1 && !line.chars().any(is_arabic_letter)
}

/// The lines of `text` with their offsets: visual order is a property of a
/// line as a PDF laid it out, not of a markdown block.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len() + 1;
        Some((start, line))
    })
}

/// Some line of `text` is in visual order.
pub fn has_visual_line(text: &str) -> bool {
    lines(text).any(|(_, l)| is_visual(l))
}

pub fn is_visual(line: &str) -> bool {
    let (logical, visual) = word_order_votes(line);
    visual > logical
}
