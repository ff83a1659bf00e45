//! S017: a number glued to an Arabic word.

use crate::clean::rules::prelude::*;
use crate::text::dates::looks_like_date;
use crate::text::words::ends_with_prefix;

rule! {
    /// A number glued to an Arabic word gets a space.
    ///
    /// Pasted copy loses the space between a number and the word next to
    /// it: `1998وكان` and `30%الشيء` read as one token to search, line
    /// breaking and the bidi algorithm. A space is inserted; the number is
    /// never changed.
    ///
    /// Attached forms stay: a one-letter prefix (ل ب ك و ف) with or without
    /// tatweel (`بـ2022`, `ب2022`, `و29`), the article and its prefixes
    /// (`الـ48`, `ال48`, `بال100`), a one-letter abbreviation after a
    /// number (`711م`, `1443هـ`), and hashtags (`#عام2020`). Links, file
    /// names and markdown code are never touched; a date glued to the next
    /// word is S009's.
    ///
    /// After a word, a number of four digits or more, one with separators
    /// (`10:30`), a percentage (`38%`) or a Latin token (`4G`), and any
    /// number after a word that takes one (`في5`, `من3`, `المادة3`) is
    /// surely a word of its own: the fix is safe. A short number after
    /// another word (`متوجها3`) may be a footnote mark set against its word
    /// on purpose: reported, without a fix. A unit's power (`كم2`, `سم3`)
    /// is left alone.
    ///
    /// Before: `عام 1998وكان`
    /// After:  `عام 1998 وكان`
    ///
    /// Before: `في يناير2020`
    /// After:  `في يناير 2020`
    pub static GLUED_NUMBER = ("S017", "glued-number", Sometimes, arabic_only = true);
}

/// How many Arabic letters the word ending at `end` has (marks skipped).
fn letters_before(text: &str, end: usize) -> usize {
    text[..end].chars().rev().take_while(|&c| is_arabic_letter(c) || is_arabic_mark(c)).filter(|&c| is_arabic_letter(c)).count()
}

/// The Arabic word starting at `start`: its end and how many letters it has.
fn word_after(text: &str, start: usize) -> (usize, usize) {
    let mut end = start;
    let mut letters = 0;
    for c in text[start..].chars().take_while(|&c| is_arabic_letter(c) || is_arabic_mark(c)) {
        end += c.len_utf8();
        letters += usize::from(is_arabic_letter(c));
    }
    (end, letters)
}

/// The token around `range` is a hashtag, a mention or an identifier
/// (`#عام2020`, `@user1`, `حرب_1948`): it is glued on purpose. Looks at
/// most [`TAG_WINDOW`] characters each way, so a line with no spaces stays
/// linear.
fn in_tag(text: &str, range: &std::ops::Range<usize>) -> bool {
    let tag_char = |c: char| is_word_char(c) || c == '_';
    let mut start = range.start;
    let mut underscore = false;
    for c in text[..range.start].chars().rev().take(TAG_WINDOW).take_while(|&c| tag_char(c)) {
        underscore |= c == '_';
        start -= c.len_utf8();
    }
    underscore |= text[range.end..].chars().take(TAG_WINDOW).take_while(|&c| tag_char(c)).any(|c| c == '_');
    underscore || matches!(chars::char_before(text, start), Some('#' | '@'))
}

const TAG_WINDOW: usize = 64;

/// Words a number follows: prepositions and the nouns that count or number
/// things. After one of them a short number cannot be a footnote mark.
const NUMBER_WORDS: &[&str] = &[
    "في",
    "من",
    "إلى",
    "الى",
    "على",
    "بين",
    "نحو",
    "حوالي",
    "حوالى",
    "قرابة",
    "مع",
    "حتى",
    "منذ",
    "بعد",
    "قبل",
    "خلال",
    "بنحو",
    "لنحو",
    "عام",
    "العام",
    "عامي",
    "سنة",
    "السنة",
    "رقم",
    "الرقم",
    "المادة",
    "مادة",
    "الفقرة",
    "فقرة",
    "البند",
    "بند",
    "القرار",
    "قرار",
    "الفصل",
    "فصل",
    "الجزء",
    "جزء",
    "الصفحة",
    "صفحة",
    "العدد",
    "عدد",
    "الآية",
    "آية",
    "الحلقة",
    "حلقة",
    "الموسم",
    "موسم",
    "المرحلة",
    "مرحلة",
    "الطبعة",
    "طبعة",
    "المجلد",
    "مجلد",
    "القرن",
    "الساعة",
    "الدرجة",
    "المركز",
    "المرتبة",
    "الجولة",
    "الدورة",
    "النسخة",
    "الإصدار",
    "الإصدارة",
    "المجموعة",
    "الشارع",
    "الطريق",
];

/// Units whose power is written against them: `كم2`, `م3`.
const UNITS: &[&str] = &["كم", "سم", "مم", "ملم", "كلم", "دسم", "متر", "ميل", "قدم"];

/// How sure a space between the word ending at `number.start` and the
/// number is (see the doc).
enum Certainty {
    Sure,
    Unsure,
    /// A unit's power: glued on purpose.
    Never,
}

fn certainty(text: &str, word: &str, number: &std::ops::Range<usize>) -> Certainty {
    let value = &text[number.clone()];
    let bare: String = word.chars().filter(|&c| !is_arabic_mark(c)).collect();
    if UNITS.contains(&bare.as_str()) && matches!(value, "2" | "3" | "٢" | "٣") {
        return Certainty::Never;
    }
    let digits = value.chars().filter(|&c| is_digit(c)).count();
    let separated = value.chars().any(|c| !is_digit(c));
    // `38%`, `4G`: the number starts a token of its own.
    let token = chars::char_at(text, number.end).is_some_and(|c| matches!(c, '%' | '٪') || c.is_ascii_alphabetic());
    if digits >= 4 || separated || token || NUMBER_WORDS.contains(&bare.as_str()) {
        Certainty::Sure
    } else {
        Certainty::Unsure
    }
}

fn glued_numbers(para: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    for n in para.numbers() {
        let number = n.range.clone();
        if in_tag(text, &number) {
            continue;
        }
        // Number (and its percent sign), then word: `1998وكان`, `30%الشيء`.
        // One-letter words are abbreviations.
        let end = match chars::char_at(text, number.end) {
            Some(sign @ ('%' | '٪')) => number.end + sign.len_utf8(),
            _ => number.end,
        };
        if chars::char_at(text, end).is_some_and(is_arabic_letter) && !para.is_untouchable(end) {
            let (word_end, letters) = word_after(text, end);
            if letters >= 2 && !looks_like_date(&text[number.clone()]) {
                out.push(Diagnostic::fixable(
                    GLUED_NUMBER.code,
                    number.start..word_end,
                    "number glued to the word after it; add a space",
                    vec![Edit::insert(end, " ")],
                ));
            }
        }
        // Word, then number: `يناير2020`. Tatweel and prefixes attach.
        let Some(before) = chars::char_before(text, number.start) else { continue };
        if !(is_arabic_letter(before) || is_arabic_mark(before)) || para.is_untouchable(number.start - before.len_utf8()) {
            continue;
        }
        if letters_before(text, number.start) < 2 || ends_with_prefix(text, number.start) {
            continue;
        }
        let word_start = text[..number.start].trim_end_matches(|c: char| is_arabic_letter(c) || is_arabic_mark(c)).len();
        let range = word_start..number.end;
        match certainty(text, &text[word_start..number.start], &number) {
            Certainty::Sure => out.push(Diagnostic::fixable(
                GLUED_NUMBER.code,
                range,
                "number glued to the word before it; add a space",
                vec![Edit::insert(number.start, " ")],
            )),
            Certainty::Unsure => out.push(Diagnostic::report(
                GLUED_NUMBER.code,
                range,
                "number glued to the word before it: a missing space, or a footnote mark?",
            )),
            Certainty::Never => {}
        }
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let f = &para.features;
    if f.arabic > 0 && ctx.settings.enabled(&GLUED_NUMBER) {
        glued_numbers(para, out);
    }
}

pass!(check, [GLUED_NUMBER], when DIGITS | NON_WESTERN_DIGITS);
