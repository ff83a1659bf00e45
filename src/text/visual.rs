//! Visual order: Arabic stored as shaped glyphs in display order, as old
//! PDFs lay it out, and how to put it back in logical order.

use unicode_segmentation::UnicodeSegmentation;

use super::chars::{
    is_arabic_letter, is_arabic_mark, is_digit, is_presentation_form, is_word_char, push_form_letters, strong, Strong, TATWEEL,
};

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

/// How a form joins, in logical order: (to the letter before, to the
/// letter after).
fn joins(form: Form) -> (bool, bool) {
    match form {
        Form::Isolated => (false, false),
        Form::Final => (true, false),
        Form::Initial => (false, true),
        Form::Medial => (true, true),
    }
}

/// Where the forms of a word disagree with reading them in logical order:
/// two neighbours that disagree on joining, or an edge that joins nothing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Misfits {
    /// Misfits no font explains: a final form after a non-joining letter or
    /// opening the word, an initial form after a joining letter or closing
    /// the word, a medial form closing it.
    hard: usize,
    /// Misfits some PDF fonts make in logical text: a letter isolated after
    /// a joining letter (`ﻗﺩ`, `ﻤﻥ`: the final form written isolated), a
    /// medial form opening a word or after a non-joining letter (`ﻴﺘﺭﺍﺀﻯ`:
    /// the initial form written medial).
    quirks: usize,
}

/// The misfits of `forms` read in logical order. `open_start`/`open_end`:
/// the word continues across a space on that side (a word the PDF split,
/// `ﻭﺍﻟ ﻤ ﺎﺀ`), so that edge joining on is no misfit.
fn misfits(forms: &[Form], open_start: bool, open_end: bool) -> Misfits {
    use Form::*;
    let mut m = Misfits::default();
    let (first, last) = (forms[0], forms[forms.len() - 1]);
    if joins(first).0 && !open_start {
        *if first == Medial { &mut m.quirks } else { &mut m.hard } += 1;
    }
    if joins(last).1 && !open_end {
        m.hard += 1;
    }
    for pair in forms.windows(2) {
        let (out, into) = (joins(pair[0]).1, joins(pair[1]).0);
        if out != into {
            // Joining on into a form that does not take it (isolated, not
            // initial), or a medial form after a letter that does not join.
            let quirk = if out { pair[1] == Isolated } else { pair[1] == Medial };
            *if quirk { &mut m.quirks } else { &mut m.hard } += 1;
        }
    }
    m
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// Both orders fit with no misfit (`ﺃﻥ`, `ﺩﺍﺭ`).
    None,
    /// Both orders fit, each only with quirks (`ﺍﻠﺨﺍﺭﺠﻴﺓ`).
    Ambiguous,
    /// Only logical order fits.
    Forwards,
    /// Only visual order fits (`clean`: with no quirk).
    Backwards { clean: bool },
    /// Neither fits.
    Conflicting,
}

/// Which order a word's forms fit. In logical order a word starts with an
/// initial or isolated form and ends with a final or isolated one, and
/// neighbours agree on joining; read backwards, none of that holds. So a
/// correctly shaped word with a joined letter has hard misfits in one order
/// and none in the other. A word that fits an order only with quirks still
/// counts for it (`ﻗﺩ`: backwards, it would end with an initial form), as
/// weaker evidence. `logical_open`: the word goes on past its (start, end)
/// read in logical order (a split word, a typed letter, a tatweel), so that
/// edge tells nothing; `visual_open`: the same for its stored (start, end),
/// read backwards.
fn evidence(forms: &[Form], logical_open: (bool, bool), visual_open: (bool, bool)) -> Evidence {
    let logical = misfits(forms, logical_open.0, logical_open.1);
    // Read backwards, the stored end is the word's logical start.
    let reversed: Vec<Form> = forms.iter().rev().copied().collect();
    let visual = misfits(&reversed, visual_open.1, visual_open.0);
    match (logical.hard, visual.hard) {
        (0, 0) if logical.quirks + visual.quirks == 0 => Evidence::None,
        (0, 0) => Evidence::Ambiguous,
        (0, _) => Evidence::Forwards,
        (_, 0) => Evidence::Backwards { clean: visual.quirks == 0 },
        _ => Evidence::Conflicting,
    }
}

/// How the words of a line vote on its order.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Votes {
    /// Words only logical order fits.
    pub forwards: usize,
    /// Words only visual order fits.
    pub backwards: usize,
    /// Of them, those that fit it with no quirk.
    pub backwards_clean: usize,
    /// Words neither order fits.
    pub conflicting: usize,
    /// Words both orders fit, each only with quirks.
    pub ambiguous: usize,
}

/// A word of presentation forms, as a line holds it.
struct FormWord {
    /// Its forms; a tatweel counts as a medial form, joining both ways.
    forms: Vec<Form>,
    /// Only spaces part it from the word before.
    spaced: bool,
    /// Its (start, end) edge tells nothing: the word goes on there in a
    /// typed letter (`ﻭﻤﺘﺩﺍﺨل`: the PDF gave the last letter as a letter),
    /// or the edge is a tatweel, which needs nothing past it (`ﺍﻟـ`).
    open: (bool, bool),
}

/// Goes on with a word of forms, joining in a way its forms cannot tell: a
/// typed letter, a joiner.
fn continues_word(c: char) -> bool {
    is_arabic_letter(c) || c == '\u{200D}'
}

/// The words of `text`: runs of presentation forms, marks and tatweels.
fn form_words(text: &str) -> Vec<FormWord> {
    let in_word = |c: char| is_presentation_form(c) || is_arabic_mark(c) || c == TATWEEL;
    let mut words: Vec<FormWord> = Vec::new();
    // The word being read, and whether it has a form besides tatweels and
    // ends with a tatweel.
    let mut current: Option<FormWord> = None;
    let (mut lettered, mut tatweel_end) = (false, false);
    // Only spaces since the last word (a run of marks alone is no space).
    let mut spaces = false;
    let mut prev = None;
    for c in text.chars().chain(std::iter::once('\n')) {
        if in_word(c) {
            let open_start = prev.is_some_and(continues_word) || c == TATWEEL;
            let word = current.get_or_insert_with(|| FormWord { forms: Vec::new(), spaced: spaces, open: (open_start, false) });
            if c == TATWEEL {
                word.forms.push(Form::Medial);
                tatweel_end = true;
            } else if let Some(f) = form(c) {
                word.forms.push(f);
                (lettered, tatweel_end) = (true, false);
            }
            prev = Some(c);
            continue;
        }
        if let Some(mut word) = current.take() {
            if lettered {
                word.open.1 = tatweel_end || continues_word(c);
                words.push(word);
            }
            spaces = lettered;
            (lettered, tatweel_end) = (false, false);
        }
        spaces &= c.is_whitespace() && c != '\n';
        prev = Some(c);
    }
    words
}

/// How the words of a line ([`form_words`]) vote. With `split_words`, a
/// word the PDF split with a space (`ﻭﺍﻟ ﻤ ﺎﺀ`: the first piece ends joining
/// on, the next starts joined) is read as one in logical order.
fn votes(words: &[FormWord], split_words: bool) -> Votes {
    // Whether the boundary before word `i` is a split word, read logically.
    let split = |i: usize| -> bool {
        if !split_words || i == 0 || i >= words.len() || !words[i].spaced {
            return false;
        }
        let (last, first) = (*words[i - 1].forms.last().expect("words have forms"), words[i].forms[0]);
        joins(last).1 && joins(first).0
    };
    let mut votes = Votes::default();
    for (i, word) in words.iter().enumerate() {
        if word.forms.len() < 2 {
            continue;
        }
        let (start, end) = word.open;
        match evidence(&word.forms, (start || split(i), end || split(i + 1)), (start, end)) {
            Evidence::None => {}
            Evidence::Ambiguous => votes.ambiguous += 1,
            Evidence::Forwards => votes.forwards += 1,
            Evidence::Backwards { clean } => {
                votes.backwards += 1;
                votes.backwards_clean += usize::from(clean);
            }
            Evidence::Conflicting => votes.conflicting += 1,
        }
    }
    votes
}

/// The order a line of presentation forms is in, as far as it can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// No word tells (no forms, or none joined): either order reads the
    /// same.
    Unknown,
    /// Logical: its forms may be mapped to letters in place.
    Logical,
    /// Visual: it reads backwards and may be reversed.
    Visual,
    /// Words disagree, or too few tell: a person has to look.
    Unsure,
}

/// Enough words to reverse a line: one that reads backwards with no quirk,
/// or two that read backwards only with quirks (one such word could be a
/// one-off of another kind).
fn enough_to_reverse(votes: &Votes) -> bool {
    votes.backwards_clean > 0 || votes.backwards >= 2
}

/// The order of `line`, with the votes that decided it. A wrong reversal
/// scrambles a line, so visual order takes every telling word to read
/// backwards as stored, and enough of them; mapping forms in place changes
/// no order, so logical order takes one word that reads forwards and none
/// that reads backwards once the words split by the PDF are read as one.
/// A line whose only words fit both orders with quirks is a person's.
pub fn judge(line: &str) -> (Order, Votes) {
    let words = form_words(line);
    let strict = votes(&words, false);
    let joined = votes(&words, true);
    let order = if strict == Votes::default() {
        Order::Unknown
    } else if strict.forwards == 0 && strict.conflicting == 0 && enough_to_reverse(&strict) {
        Order::Visual
    } else if joined.backwards == 0 && joined.conflicting == 0 && joined.forwards > 0 {
        Order::Logical
    } else {
        Order::Unsure
    };
    (order, if order == Order::Visual { strict } else { joined })
}

/// The forms of `line` may be mapped to letters in place: it is in logical
/// order, or no word tells.
pub fn maps_in_place(line: &str) -> bool {
    matches!(judge(line).0, Order::Logical | Order::Unknown)
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
/// where it is in visual order ([`judge`]); typed words stay as they are.
/// `None` when a run is not surely visual, a token mixes forms and letters,
/// or nothing is reversed: then a person has to look.
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
        match judge(run).0 {
            Order::Visual => {
                out.push_str(&line[cursor..range.start]);
                out.push_str(&to_logical(run));
                cursor = range.end;
                reversed_any = true;
            }
            Order::Unknown => {}
            Order::Logical | Order::Unsure => return None,
        }
        i = last + 1;
    }
    out.push_str(&line[cursor..]);
    reversed_any.then_some(out)
}

/// Sure enough to reverse `line` without a person: it is in visual order
/// (words read backwards, a word that starts with a final form cannot be in
/// logical order, and none forwards), and no Arabic letter stands outside
/// presentation forms (a line mixing both is half typed, half pasted:
/// reversing it whole would scramble the typed half).
pub fn safe_to_reverse(line: &str) -> bool {
    judge(line).0 == Order::Visual && !line.chars().any(is_arabic_letter)
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

    /// (logical, visual) evidence of one word standing alone.
    fn word_evidence(forms: &[Form]) -> (bool, bool) {
        match evidence(forms, (false, false), (false, false)) {
            Evidence::Forwards => (true, false),
            Evidence::Backwards { .. } => (false, true),
            Evidence::Conflicting => (true, true),
            Evidence::None | Evidence::Ambiguous => (false, false),
        }
    }

    /// (logical, visual): how many words only one order fits.
    fn word_order_votes(text: &str) -> (usize, usize) {
        let v = votes(&form_words(text), true);
        (v.forwards, v.backwards)
    }

    fn reversed(line: &str) -> String {
        line.chars().rev().collect()
    }

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
        // Medial then initial, isolated then final: only reversed.
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

    /// textlint-rule-arabic-letter-forms's test paragraph: a PDF font that
    /// writes a letter after a joining one isolated (`ﻗﺩ`, `ﻤﻥ`) and a
    /// word's first letter medial (`ﻴﺘﺭﺍﺀﻯ`), in logical order.
    const QUIRKY: [&str; 3] = [
        "ﻗﺩ ﻴﺘﺭﺍﺀﻯ ﻓﻲ ﺍﻟﻭﻫﻠﺔ ﺍﻷﻭﻟﻰ ﺃﻥ ﺍﻟﺠﻴﻭﻟﻭﺠﻴﺎ، ﻭﺍﻟﻔﻴﺯﻴﺎﺀ ﻓﺭﻋﺎﻥ ﻤﻥ",
        "ﻫﻲ ﺍﻟﺘﻲ ﺴﺎﻋﺩﺕ ﺍﻟﺠﻴﻭﻟﻭﺠﻴﻴﻥ ﻓﻲ ﺍﻟﻜﺸﻑ ﻋﻥ ﻋﺩﺩ ﻜﺒﻴﺭ ﻤﻥ ﻤﻜﺎﻤﻥ ﺍﻟﻨﺤﺎﺱ،",
        "ﺘﺘﺤﺩﺙ ﻫﺫﻩ ﺍﻟﻜﺘﺏ ﻋﻥ ﻋﻤﻠﻴﺎﺕ ﻭﻅﻭﺍﻫﺭ ﻴﺭﺼﺩﻫﺎ ﺍﻟﺠﻴﻭﻓﻴﺯﻴﺎﺌﻴﻭﻥ ﻓﻲ",
    ];

    #[test]
    fn a_font_quirk_in_logical_order_is_not_visual_order() {
        for line in QUIRKY {
            let (order, votes) = judge(line);
            assert_eq!(order, Order::Logical, "{line}: {votes:?}");
            assert_eq!((votes.backwards, votes.conflicting), (0, 0), "{line}");
            assert!(maps_in_place(line));
            assert!(!safe_to_reverse(line));
        }
        // Short lines: backwards, `ﻗﺩ` would end with an initial form and
        // `ﻤﻥ` with a medial one, which no font does; forwards they only
        // need the quirk. Mapping them in place reorders nothing.
        assert_eq!(judge("ﻗﺩ ﻴﺘﺭﺍﺀﻯ").0, Order::Logical);
        assert_eq!(judge("ﻗﺩ").0, Order::Logical);
        assert_eq!(judge("ﻤﻥ").0, Order::Logical);
        assert_eq!(judge("ﻗﺩ ﻓﻲ").0, Order::Logical);
    }

    #[test]
    fn visual_order_is_told_from_the_font_quirk() {
        // `دبا` reversed, `ﺎﺑﺩ`: initial then isolated as in `ﻗﺩ`, but it
        // opens with a final form, which no logical word does.
        assert_eq!(word_evidence(&[Form::Final, Form::Initial, Form::Isolated]), (false, true));
        assert_eq!(judge("ﺎﺑﺩ").0, Order::Visual);
        assert!(safe_to_reverse("ﺎﺑﺩ"));
        assert_eq!(judge("ﺭﺍﺪﻟﺍ ﻲﻓ").0, Order::Visual);
        // The quirky paragraph stored backwards reads backwards.
        for line in QUIRKY {
            assert_eq!(judge(&reversed(line)).0, Order::Visual, "{line}");
        }
        // Reversing takes more: one word that reads backwards only with the
        // quirk (`ﻗﺩ` stored backwards) is reported, two are reversed.
        assert_eq!(judge("ﺩﻗ").0, Order::Unsure);
        assert!(!safe_to_reverse("ﺩﻗ"));
        assert_eq!(reverse_pasted_runs("ﺩﻗ قال"), None);
        assert_eq!(judge("ﻯﺀﺍﺭﺘﻴ ﺩﻗ").0, Order::Visual);
        // A quirky word beside a reversed one: no order fits both.
        assert_eq!(judge("ﻗﺩ ﺎﺑﺩ").0, Order::Unsure);
        assert_eq!(judge("ﻴﺘﺭﺍﺀﻯ ﺭﺍﺪﻟﺍ ﻲﻓ").0, Order::Unsure);
        assert_eq!(reverse_pasted_runs("ﻗﺩ ﺎﺑﺩ قال"), None);
    }

    #[test]
    fn a_word_split_by_the_pdf_reads_as_one() {
        // `والماء` split in three: `ﻭﺍﻟ` ends joining on, `ﺎﺀ` starts
        // joined; each alone reads backwards, together they read forwards.
        let line = "ﻭﺍﻟﺤﺩﻴﺩ، ﻭﺍﻟﻨﻔﻁ، ﻭﺍﻟﻔﺤﻡ، ﻭﺍﻟ ﻤ ﺎﺀ، ﻭﺍﻟﻤﻠﺢ، ﻭﻤﻭﺍﺩ ﺍﻟﺒﻨﺎﺀ، ﻭﻏﻴﺭﻫﺎ.";
        assert_eq!(votes(&form_words(line), false).backwards, 1);
        assert_eq!(judge(line).0, Order::Logical);
        // Not across punctuation: `ﻭﺍﻟ،` stays a word of its own.
        assert_eq!(judge("ﻭﺍﻟ، ﻤﺎﺀ").0, Order::Unsure);
        // A word the PDF ended with a typed letter: its edge tells nothing
        // (without the letter, `ﻭﻤﺘﺩﺍﺨ` would end medial, reading backwards).
        let typed = "ﻨﺤﻭٍ ﻤﺘﺯﺍﻤﻥ، ﻭﻤﻌﻘﱠﺩ، ﻭﻤﺘﺩﺍﺨل. ﺜﻡ ﺇﻨﻪ ﻻﺒﺩ ﻫﻨﺎ ﻤﻥ ﺤلﱟ ﻟﻤﺎ ﻨﻭﺍﺠﻪ ﻤﻥ ﺃﻟﻐﺎﺯ.";
        assert_eq!(judge(typed).0, Order::Logical);
        assert_eq!(votes(&form_words("ﻭﻤﺘﺩﺍﺨل"), false).backwards, 0);
        assert_eq!(votes(&form_words("ﻭﻤﺘﺩﺍﺨ"), false).backwards, 1);
        // A tatweel joins both ways, and needs nothing past it.
        assert_eq!(judge("ـﻟﺍ").0, Order::Visual);
        assert_eq!(judge("ﺍﻟـ").0, Order::Logical);
        assert_eq!(judge("ﺍﻟـ ــ ﻓﻲ").0, Order::Logical);
        // Stored backwards, the split piece reads forwards: no safe reversal.
        assert_eq!(judge(&reversed(line)).0, Order::Unsure);
    }

    #[test]
    fn a_word_either_order_fits_only_with_quirks_is_a_persons() {
        // `الخارجية` with its finals isolated and its initials medial reads
        // the same both ways round: alone on a line, it is reported.
        let word = "ﺍﻠﺨﺍﺭﺠﻴﺓ";
        assert_eq!(judge(word).0, Order::Unsure);
        assert_eq!(judge(&reversed(word)).0, Order::Unsure);
        assert!(!maps_in_place(word));
        // Beside a word that reads forwards, it rides along.
        assert_eq!(judge("ﺍﻠﺨﺍﺭﺠﻴﺓ ﻗﺩ").0, Order::Logical);
        // A split word's pieces are read as one only in logical order, so a
        // piece that reads forwards is not lost (`ﺔ ﻠ` is no split).
        assert_eq!(judge("ﺍﻠﺩﻴﺍﻧﺔ ﻠﺤﺴﻥ").0, Order::Logical);
    }

    #[test]
    fn words_without_joined_letters_tell_nothing() {
        assert_eq!(judge("ﺩﺍﺭ ﻭ ﺃﻥ").0, Order::Unknown);
        assert_eq!(judge("plain text").0, Order::Unknown);
        assert!(maps_in_place("ﺩﺍﺭ"));
    }
}
