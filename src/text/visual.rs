//! Visual order: Arabic stored as shaped glyphs in display order, as old
//! PDFs lay it out, and how to put it back in logical order.

use unicode_segmentation::UnicodeSegmentation;

use super::chars::{is_arabic_letter, is_arabic_mark, is_digit, is_presentation_form, is_word_char, push_form_letters, strong, Strong};

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

/// Which order a run of forms can be in, from its ends and from each pair
/// of neighbours. In logical order a word starts with an initial or
/// isolated form and ends with a final or isolated one; after an initial
/// or medial form comes a medial or final one, and after a final or
/// isolated form an initial or isolated one. Reversed, every one of these
/// turns around: a word starts with a final (or isolated) form, and pairs
/// appear that logical order cannot have (initial then isolated, medial
/// then initial, final then medial, isolated then final).
fn word_evidence(forms: &[Form]) -> (bool, bool) {
    use Form::*;
    let (first, last) = (forms[0], forms[forms.len() - 1]);
    let mut logical = first == Initial || last == Final;
    let mut visual = first == Final || last == Initial;
    for pair in forms.windows(2) {
        match (pair[0], pair[1]) {
            (Initial, Medial) | (Medial, Final) | (Isolated, Initial) | (Final, Isolated) => logical = true,
            (Medial, Initial) | (Final, Medial) | (Initial, Isolated) | (Isolated, Final) => visual = true,
            _ => {}
        }
    }
    (logical, visual)
}

/// How the words of `text` read: (logical, visual) counts. A word with
/// evidence both ways counts on both sides.
pub fn word_order_votes(text: &str) -> (usize, usize) {
    let (mut logical, mut visual) = (0, 0);
    for word in text.split(|c: char| !(is_presentation_form(c) || is_arabic_mark(c))) {
        let forms: Vec<Form> = word.chars().filter_map(form).collect();
        if forms.len() < 2 {
            continue;
        }
        let (l, v) = word_evidence(&forms);
        logical += usize::from(l);
        visual += usize::from(v);
    }
    (logical, visual)
}

/// Some word of `line` reads backwards: its forms must not be mapped in
/// place.
pub fn has_reversed_words(line: &str) -> bool {
    word_order_votes(line).1 > 0
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
    let mut letters = String::with_capacity(out.len());
    for c in out.chars() {
        if is_presentation_form(c) {
            let after_letter = letters.chars().next_back().is_some_and(is_word_char);
            push_form_letters(c, after_letter, &mut letters);
        } else {
            letters.push(c);
        }
    }
    letters
}

/// How a whitespace-separated token of a half-pasted line is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// Presentation forms and no Arabic letters: pasted.
    Forms,
    /// Arabic letters and no presentation forms: typed.
    Typed,
    /// Both in one token: nothing can be said.
    Mixed,
    /// Neither: Latin, digits, punctuation.
    Neutral,
}

fn token_kind(token: &str) -> Token {
    let forms = token.chars().any(is_presentation_form);
    let letters = token.chars().any(is_arabic_letter);
    match (forms, letters) {
        (true, false) => Token::Forms,
        (false, true) => Token::Typed,
        (true, true) => Token::Mixed,
        (false, false) => Token::Neutral,
    }
}

/// Repair a line that is half pasted in visual order, half typed: each run
/// of pasted words (with what lies between them) is put in logical order
/// where its words all read backwards; typed words stay as they are. `None`
/// when a run reads both ways, a token mixes forms and letters, or nothing
/// is reversed: then a person has to look.
pub fn reverse_pasted_runs(line: &str) -> Option<String> {
    // Tokens with their byte ranges.
    let mut tokens: Vec<(usize, usize, Token)> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                tokens.push((s, i, token_kind(&line[s..i])));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if tokens.iter().any(|t| t.2 == Token::Mixed) {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut cursor = 0;
    let mut reversed_any = false;
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].2 != Token::Forms {
            i += 1;
            continue;
        }
        // A run: from this pasted token to the last pasted one before the
        // next typed word, taking the neutral tokens between them along.
        let mut j = i;
        let mut last = i;
        while j < tokens.len() && tokens[j].2 != Token::Typed {
            if tokens[j].2 == Token::Forms {
                last = j;
            }
            j += 1;
        }
        let range = tokens[i].0..tokens[last].1;
        let run = &line[range.clone()];
        let (logical, visual) = word_order_votes(run);
        if logical > 0 {
            return None;
        }
        if visual > 0 {
            out.push_str(&line[cursor..range.start]);
            out.push_str(&to_logical(run));
            cursor = range.end;
            reversed_any = true;
        }
        i = last + 1;
    }
    out.push_str(&line[cursor..]);
    reversed_any.then_some(out)
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
/// line as a PDF laid it out, not of a markdown block. U+2028 and U+2029
/// end lines too (as the invariant's skeleton counts them): a separator
/// cleanup cannot yet make a newline must not join two lines into one
/// reversal.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(['\n', '\u{2028}', '\u{2029}']).scan(0, move |at, line| {
        let start = *at;
        let end = start + line.len();
        *at = end + text[end..].chars().next().map_or(0, char::len_utf8);
        Some((start, line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reversed_words_by_their_ends() {
        assert_eq!(word_order_votes("ﺔﻴﺑﺮﻌﻟﺍ ﺔﻐﻠﻟﺍ"), (0, 2));
        assert_eq!(word_order_votes("ﺍﻟﻌﺮﺑﻴﺔ ﺍﻟﻠﻐﺔ"), (2, 0));
    }

    #[test]
    fn reversed_words_by_impossible_pairs() {
        // `اسرار` starts and ends with isolated forms both ways round; only
        // its pairs tell: reversed, an isolated form precedes a final one.
        let logical = "ﺍﺳﺮﺍﺭ";
        let reversed: String = logical.chars().rev().collect();
        assert_eq!(word_order_votes(logical), (1, 0));
        assert_eq!(word_order_votes(&reversed), (0, 1));
        // `الدار` reversed: isolated then final, initial then isolated.
        assert_eq!(word_order_votes("ﺍﻟﺪﺍﺭ"), (1, 0));
        assert_eq!(word_order_votes("ﺭﺍﺪﻟﺍ"), (0, 1));
        // Medial then initial, final then medial: only reversed.
        assert_eq!(word_evidence(&[Form::Isolated, Form::Medial, Form::Initial, Form::Isolated]), (false, true));
        assert_eq!(word_evidence(&[Form::Isolated, Form::Final, Form::Medial, Form::Isolated]), (false, true));
        // All isolated: no evidence either way.
        assert_eq!(word_order_votes("ﺩﺍﺭ"), (0, 0));
    }

    #[test]
    fn half_pasted_lines_reverse_only_the_pasted_run() {
        assert_eq!(reverse_pasted_runs("ﺔﻴﺑﺮﻌﻟﺍ اللغة").as_deref(), Some("العربية اللغة"));
        assert_eq!(reverse_pasted_runs("قال ﻡﺎﻋ 2022 ﻲﻓ").as_deref(), Some("قال في 2022 عام"));
        assert_eq!(reverse_pasted_runs("ﺍﻟﻌﺮﺑﻴﺔ ﺔﻴﺑﺮﻌﻟﺍ اللغة"), None);
        assert_eq!(reverse_pasted_runs("ﺔﻴﺑﺮﻌﻟﺍاللغة"), None);
        assert_eq!(reverse_pasted_runs("اللغة العربية"), None);
    }

    #[test]
    fn line_separators_end_lines() {
        let text = "أ\nب\u{2028}ج\u{2029}د";
        let got: Vec<(usize, &str)> = lines(text).collect();
        assert_eq!(got, vec![(0, "أ"), (3, "ب"), (8, "ج"), (13, "د")]);
    }

    #[test]
    fn a_diacritic_form_joins_its_letter_when_reversed() {
        assert_eq!(to_logical("ﹰﺍﺪﺟ"), "جداً");
    }
}
