//! Which language a document, and each block of it, is written in, and so
//! which direction it takes: the one place that decides, so that cleanup
//! rules and block direction agree.
//!
//! Arabic, Persian, Urdu and the other languages written in Arabic script
//! (Kurdish, Pashto, Sindhi …) share most letters, so a short block often
//! holds no letter or word that tells them apart: `## مقدمه` is Persian in a
//! Persian file and a heading in an Arabic one. A block is therefore read in
//! two steps:
//!
//! 1. its own evidence ([`Clue`]): letters only one language uses (Persian
//!    پ چ ژ گ ۀ, Urdu ٹ ڈ ڑ ں ے, Kurdish ێ ۆ ڕ ڵ, Pashto and Sindhi ښ ډ ړ ږ
//!    ګ …), frequent function words (Persian `است` `این` `های` `می`, Urdu
//!    `کے` `ہے` `میں`, Arabic `في` `على` `التي`, words with the article
//!    `ال` or ending in `ة`), weighed against each other, so an Arabic
//!    sentence naming `گوتنبرغ` stays Arabic;
//! 2. when that leaves the language open (Arabic script, nothing
//!    decisive), the document's language: front matter `lang`, else the
//!    `[clean] language` setting of its folder's `dossier.toml`, else the
//!    letters of the whole file ([`document`]).
//!
//! Direction follows language, never a count of Latin words: a block led by
//! an Arabic-script word is right to left however many English terms it
//! holds (`- دعم JSON export mode`).
//!
//! A maintained identifier (`whatlang`) was measured against this on the
//! judged corpus and lost on short blocks, the case that matters here (see
//! the commit that added this module).

use super::chars::{is_arabic_letter, is_arabic_mark, strong, Strong};
use super::runs::Dir;

/// A language, as far as typography cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Arabic,
    Persian,
    Urdu,
    /// Kurdish, Pashto, Sindhi and other languages in Arabic script.
    OtherArabicScript,
    English,
    /// French, Spanish, German … written in Latin letters.
    OtherLatin,
    /// No letters to tell by.
    Unknown,
}

impl Language {
    /// Written in Arabic script.
    pub fn is_arabic_script(self) -> bool {
        matches!(self, Language::Arabic | Language::Persian | Language::Urdu | Language::OtherArabicScript)
    }

    /// Written in Arabic script but not Arabic: Arabic house rules (Arabic
    /// letters, joined `و`, Arabic punctuation) do not apply to it.
    pub fn is_other_arabic_script(self) -> bool {
        self.is_arabic_script() && self != Language::Arabic
    }

    /// The direction its blocks take; `None` when unknown.
    pub fn direction(self) -> Option<Dir> {
        match self {
            Language::Unknown => None,
            l if l.is_arabic_script() => Some(Dir::Rtl),
            _ => Some(Dir::Ltr),
        }
    }

    /// The language a BCP 47 tag names (`fa`, `fa-IR`, `ckb`, `en-GB`), as
    /// written in front matter `lang` or a setting.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().trim_matches(['"', '\'']).split(['-', '_']).next()?.to_ascii_lowercase();
        Some(match primary.as_str() {
            "ar" | "ara" | "arb" | "arabic" => Language::Arabic,
            "fa" | "fas" | "per" | "prs" | "pes" | "persian" | "farsi" | "dari" => Language::Persian,
            "ur" | "urd" | "urdu" => Language::Urdu,
            "ku" | "ckb" | "kur" | "ps" | "pus" | "pbt" | "sd" | "snd" | "ug" | "uig" | "bal" | "pnb" | "skr" | "ks" => {
                Language::OtherArabicScript
            }
            "en" | "eng" | "english" => Language::English,
            "fr" | "fra" | "es" | "spa" | "de" | "deu" | "it" | "ita" | "pt" | "por" | "nl" | "tr" | "tur" | "id" | "ms" | "sw" | "pl"
            | "ro" | "sv" | "da" | "no" | "nb" | "nn" | "fi" | "cs" | "sk" | "hu" | "ca" | "eu" | "gl" | "vi" | "az" | "uz" | "so"
            | "ha" | "ber" | "kab" | "la" => Language::OtherLatin,
            _ => return None,
        })
    }

    /// Its English name, as `dossier explain` shows it.
    pub fn name(self) -> &'static str {
        match self {
            Language::Arabic => "Arabic",
            Language::Persian => "Persian",
            Language::Urdu => "Urdu",
            Language::OtherArabicScript => "other Arabic-script languages (Kurdish, Pashto, Sindhi …)",
            Language::English => "English",
            Language::OtherLatin => "other Latin-script languages",
            Language::Unknown => "unknown",
        }
    }
}

/// What a block's own letters and words say about its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clue {
    /// Decided by the block alone.
    Decided(Language),
    /// Led by Arabic script, but which language is open: the document's
    /// language decides.
    ArabicScript,
    /// Latin script, language open (`Installation`).
    Latin,
    /// No letters.
    Nothing,
}

/// The language of a block: its own [`Clue`], or when that is open the
/// document's, asked for only then (`document` may be costly).
pub fn block(text: &str, document: impl FnOnce() -> Language) -> Language {
    match clue(text) {
        Clue::Decided(l) => l,
        Clue::ArabicScript => Some(document()).filter(|d| d.is_arabic_script()).unwrap_or(Language::Arabic),
        Clue::Latin => Some(document()).filter(|d| matches!(d, Language::English | Language::OtherLatin)).unwrap_or(Language::English),
        Clue::Nothing => document(),
    }
}

/// The direction of a block (see [`block`]); `fallback` for a block with
/// no letters in a document with none either.
pub fn block_direction(text: &str, document: impl FnOnce() -> Language, fallback: Dir) -> Dir {
    block(text, document).direction().unwrap_or(fallback)
}

/// The direction a block is set in. Led by an Arabic-script (or Hebrew)
/// word it is right to left, however many Latin words follow (`- دعم JSON
/// export mode`, a footnote holding a URL); led by a Latin word it goes
/// with the script of most of its words, `fallback` (the direction around
/// it) on a tie or with no letters. Counting letters only, no word lists:
/// what the typesetter needs is which way the block runs.
pub fn direction(text: &str, fallback: Dir) -> Dir {
    let (mut first, mut rtl_words, mut ltr_words, mut previous) = (None, 0u32, 0u32, None);
    for c in text.chars() {
        let s = strong(c);
        if let Some(s) = s {
            first = first.or(Some(s));
            if previous != Some(s) {
                match s {
                    Strong::Rtl => rtl_words += 1,
                    Strong::Ltr => ltr_words += 1,
                }
            }
        }
        // A word goes on through marks and digits, and ends at anything else.
        previous = match s {
            Some(s) => Some(s),
            None if c.is_alphanumeric() || is_arabic_mark(c) => previous,
            None => None,
        };
    }
    match first {
        None => fallback,
        Some(Strong::Rtl) => Dir::Rtl,
        Some(Strong::Ltr) => match rtl_words.cmp(&ltr_words) {
            std::cmp::Ordering::Greater => Dir::Rtl,
            std::cmp::Ordering::Less => Dir::Ltr,
            std::cmp::Ordering::Equal => fallback,
        },
    }
}

/// A letter of Persian, Urdu, Kurdish, Pashto or Sindhi that Arabic does
/// not use. (ڤ and ڨ are left out: Arabic writes foreign v and g with them.)
pub fn is_non_arabic_letter(c: char) -> bool {
    letter_language(c).is_some()
}

/// The language a letter Arabic does not use belongs to.
fn letter_language(c: char) -> Option<Language> {
    match c {
        // Persian: پ چ ژ گ ۀ (also used by Urdu, Kurdish and Pashto).
        '\u{067E}' | '\u{0686}' | '\u{0698}' | '\u{06AF}' | '\u{06C0}' => Some(Language::Persian),
        // Urdu: ٹ ڈ ڑ ں ے ۓ
        '\u{0679}' | '\u{0688}' | '\u{0691}' | '\u{06BA}' | '\u{06D2}' | '\u{06D3}' => Some(Language::Urdu),
        // Kurdish ێ ۆ ڕ ڵ; Pashto ټ ډ ړ ږ ښ ګ ځ څ ڼ ۍ ې; Sindhi ٻ ڀ ٺ ٽ ٿ ڄ ڃ ڇ ڊ ڌ ڍ ڏ ڙ ڦ ڪ ڱ ڳ ڻ
        '\u{06CE}' | '\u{06C6}' | '\u{0695}' | '\u{06B5}' | '\u{067C}' | '\u{0689}' | '\u{0693}' | '\u{0696}' | '\u{069A}' | '\u{06AB}'
        | '\u{0681}' | '\u{0685}' | '\u{06BC}' | '\u{06CD}' | '\u{06D0}' | '\u{067B}' | '\u{0680}' | '\u{067A}' | '\u{067D}'
        | '\u{067F}' | '\u{0684}' | '\u{0683}' | '\u{0687}' | '\u{068A}' | '\u{068C}' | '\u{068D}' | '\u{068F}' | '\u{0699}'
        | '\u{06A6}' | '\u{06AA}' | '\u{06B1}' | '\u{06B3}' | '\u{06BB}' => Some(Language::OtherArabicScript),
        _ => None,
    }
}

/// Words so common in Persian, and foreign to Arabic text, that one is
/// enough on a line typed on a Persian keyboard (with ک, ی, ZWNJ or ۰–۹):
/// in Arabic letters `است`, `نام`, `را` are Arabic words too.
const PERSIAN_WORDS: &[&str] = &["است", "این", "نام", "را", "که", "می"];

/// Persian function words, in either keyboard's letters: none is an Arabic
/// word, or only a rare one (`از`, `در`, `بر` are), so two are needed.
/// (`شد`, `كرد` and `آن` are Arabic words too, and are left out.)
const PERSIAN_FUNCTION_WORDS: &[&str] = &[
    "كه",
    "نیست",
    "نيست",
    "بود",
    "شود",
    "باشد",
    "کند",
    "كند",
    "مى",
    "های",
    "هاى",
    "برای",
    "براى",
    "اند",
    "کرد",
    "کرده",
    "كرده",
    "کردن",
    "كردن",
    "نمی",
    "نمى",
    "هست",
    "آنها",
    "ایشان",
    "ديگر",
    "دیگر",
    "نیز",
    "نيز",
    "از",
    "در",
    "بر",
    "هر",
    "روز",
    "روایت",
    "روايت",
];

/// Urdu function words without an Urdu-only letter (`کے`, `میں` have one):
/// counted when typed with ہ or ی, which Arabic text does not use.
const URDU_WORDS: &[&str] = &["ہے", "ہیں", "تھا", "تھی", "یہ", "وہ", "ہو", "گا"];

/// Arabic function words that Persian and Urdu do not write (`من`, `ما`,
/// `با` are Persian words too, and are left out).
const ARABIC_WORDS: &[&str] = &[
    "في",
    "فى",
    "على",
    "إلى",
    "الى",
    "عن",
    "التي",
    "الذي",
    "الذين",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "كان",
    "كانت",
    "أن",
    "إن",
    "قد",
    "لم",
    "لن",
    "مع",
    "ثم",
    "حيث",
    "عند",
    "أو",
    "كما",
    "هو",
    "هي",
    "بين",
    "منذ",
    "حتى",
    "ليس",
    "يكون",
    "وقد",
    "وفي",
    "وهو",
];

/// Counts of the evidence in a block.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    arabic_script_words: u32,
    latin_words: u32,
    /// The first strong letter is Arabic script (or Hebrew).
    rtl_led: bool,
    any_letter: bool,
    /// Words with a letter of, or a function word of, each language.
    arabic: u32,
    urdu: u32,
    other: u32,
    /// Persian words: with a Persian-only letter, strong (`است` …), function words.
    persian_letters: u32,
    persian_strong: u32,
    persian_function: u32,
    persian_keyboard: bool,
}

/// `word` (letters only: a vocalized word is never looked up) is in `list`.
/// Listed words are short, so a long word is never compared.
fn one_of(word: &str, list: &[&str]) -> bool {
    word.len() <= 10 && list.contains(&word)
}

fn tally(text: &str) -> Tally {
    let mut t = Tally::default();
    let mut seen_strong = false;
    let mut in_latin = false;
    for c in text.chars() {
        match strong(c) {
            Some(s) => {
                if !seen_strong {
                    t.rtl_led = s == Strong::Rtl;
                    seen_strong = true;
                }
                t.any_letter = true;
                let latin = s == Strong::Ltr;
                if latin && !in_latin {
                    t.latin_words += 1;
                }
                in_latin = latin;
            }
            None => in_latin = in_latin && c.is_alphanumeric(),
        }
        if matches!(c, 'ک' | 'ی' | '\u{200C}' | '\u{06F0}'..='\u{06F9}') {
            t.persian_keyboard = true;
        }
    }
    // A zero-width non-joiner ends a word (`می‌خواهم`).
    for word in text.split(|c: char| !(is_arabic_letter(c) || is_arabic_mark(c))).filter(|w| !w.is_empty() && w.len() <= 40) {
        t.arabic_script_words += 1;
        // Vocalized words are Arabic (`نَامَ` is "he slept", not `نام`).
        let vocalized = word.chars().any(is_arabic_mark);
        // A zero-width non-joiner inside a word (`کتاب‌ها`) is Persian
        // spelling: Arabic never breaks a word's joining.
        let joined_apart = text[..word_start(text, word)].ends_with('\u{200C}')
            && text[..word_start(text, word)].trim_end_matches('\u{200C}').chars().next_back().is_some_and(is_arabic_letter);
        let by_letter = word.chars().find_map(letter_language).or(joined_apart.then_some(Language::Persian));
        match by_letter {
            Some(Language::Persian) => t.persian_letters += 1,
            Some(Language::Urdu) => t.urdu += 1,
            Some(_) => t.other += 1,
            None if vocalized => t.arabic += 1,
            None if one_of(word, PERSIAN_WORDS) => t.persian_strong += 1,
            None if one_of(word, PERSIAN_FUNCTION_WORDS) => t.persian_function += 1,
            None if one_of(word, URDU_WORDS) && word.chars().any(|c| matches!(c, 'ک' | 'ی' | 'ہ' | 'ھ')) => t.urdu += 1,
            None if one_of(word, ARABIC_WORDS)
                || (word.starts_with("ال") && word.chars().count() >= 4)
                || word.ends_with('ة')
                || word.chars().any(|c| matches!(c, 'ة' | 'إ')) =>
            {
                t.arabic += 1
            }
            None => {}
        }
    }
    t
}

/// Where `word`, a slice of `text`, starts in it.
fn word_start(text: &str, word: &str) -> usize {
    word.as_ptr() as usize - text.as_ptr() as usize
}

/// What the block's own letters and words say (see the module's
/// documentation).
pub fn clue(text: &str) -> Clue {
    let t = tally(text);
    if !t.any_letter {
        return Clue::Nothing;
    }
    // Led by the other script with more of its own words: Latin.
    if !t.rtl_led && t.latin_words > t.arabic_script_words || t.arabic_script_words == 0 {
        return if t.arabic_script_words == 0 && t.latin_words == 0 {
            // Hebrew, Greek, CJK …: only direction is known.
            Clue::Nothing
        } else {
            Clue::Latin
        };
    }
    arabic_script_clue(&t)
}

/// The language of a block's Arabic-script words, whatever leads it: what
/// an Arabic house rule asks before touching them. A link text such as
/// `[YouTube - GitHub برای مبتدیان](…)` is a Latin-led line whose Persian
/// words are still Persian. `None` when it has no Arabic-script word.
pub fn arabic_script_language(text: &str, document: impl FnOnce() -> Language) -> Option<Language> {
    if let Some(l) = by_letters_alone(text) {
        return Some(l);
    }
    let t = tally(text);
    match arabic_script_clue(&t) {
        _ if t.arabic_script_words == 0 => None,
        Clue::Decided(l) => Some(l),
        _ => Some(Some(document()).filter(|d| d.is_arabic_script()).unwrap_or(Language::Arabic)),
    }
}

/// A line thick with letters Arabic does not write (at least three, and one
/// in fifty of its Arabic-script letters: far more than the foreign names
/// of an Arabic sentence) is decided by them, without reading its words,
/// as [`arabic_script_clue`] would decide it.
fn by_letters_alone(text: &str) -> Option<Language> {
    let (mut arabic_script, mut persian, mut urdu, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|&c| is_arabic_letter(c)) {
        arabic_script += 1;
        match letter_language(c) {
            Some(Language::Persian) => persian += 1,
            Some(Language::Urdu) => urdu += 1,
            Some(_) => other += 1,
            None => {}
        }
    }
    let foreign = persian + urdu + other;
    if foreign < 3 || foreign * 50 < arabic_script {
        return None;
    }
    Some(if other > 0 {
        Language::OtherArabicScript
    } else if urdu > 0 {
        Language::Urdu
    } else {
        Language::Persian
    })
}

/// What the Arabic-script words of a block say: a decided language, or
/// open ([`Clue::ArabicScript`]).
fn arabic_script_clue(t: &Tally) -> Clue {
    // A word with a Persian-only letter decides alone, and so does one
    // strong word typed on a Persian keyboard; else two words are needed.
    let persian = t.persian_letters + t.persian_function + t.persian_strong;
    let persian_decided = t.persian_letters > 0 || (t.persian_keyboard && t.persian_strong > 0) || persian >= 2;
    // Urdu, Kurdish and Pashto also write Persian's letters (پ چ ژ گ): a
    // letter of their own outranks them.
    let language = if t.other > 0 {
        Some(Language::OtherArabicScript)
    } else if t.urdu > 0 {
        Some(Language::Urdu)
    } else {
        persian_decided.then_some(Language::Persian)
    };
    // Arabic words outweighing the other evidence twice over: an Arabic
    // sentence that names a foreign place or person.
    if let Some(language) = language.filter(|_| t.arabic <= 2 * (persian + t.urdu + t.other)) {
        return Clue::Decided(language);
    }
    if t.arabic > 0 {
        return Clue::Decided(Language::Arabic);
    }
    Clue::ArabicScript
}

/// The language front matter declares (`lang: fa`, `lang = "ur"`), if the
/// text opens with front matter that says.
pub fn declared(text: &str) -> Option<Language> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    for line in text.lines().skip(1).take(64) {
        let line = line.trim();
        if line == fence || line == "..." {
            break;
        }
        let Some(rest) = line.strip_prefix("lang").or_else(|| line.strip_prefix("language")) else { continue };
        let rest = rest.trim_start();
        if let Some(value) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('=')) {
            return Language::from_tag(value.split('#').next().unwrap_or(""));
        }
    }
    None
}

/// The letters that tell Arabic-script languages apart are U+0679–U+067F
/// (UTF-8 D9 B9–BF: ٹ پ ټ …) and U+0680–U+06FF (lead bytes DA and DB),
/// which Arabic text hardly uses: `(پ, ٹ, other)` counts of the first kind.
fn d9_letters(bytes: &[u8]) -> (usize, usize, usize) {
    let (mut pe, mut tte, mut other) = (0, 0, 0);
    for (&a, &b) in bytes.iter().zip(&bytes[1.min(bytes.len())..]) {
        let lead = usize::from(a == 0xD9);
        pe += lead & usize::from(b == 0xBE);
        tte += lead & usize::from(b == 0xB9);
        other += lead & usize::from(matches!(b, 0xBA..=0xBD | 0xBF));
    }
    (pe, tte, other)
}

/// What [`document`] counts, in one pass over the bytes: lead bytes of
/// Arabic-script characters, Latin letters, and the letters of
/// [`d9_letters`]. Branch-free, so the compiler vectorizes it: a large file
/// is judged several times per `fix` (once a round, and again after it).
#[derive(Default)]
struct Counts {
    arabic_script: usize,
    latin: usize,
    pe: usize,
    tte: usize,
    other_d9: usize,
}

impl Counts {
    fn of(bytes: &[u8]) -> Counts {
        let mut c = Counts::default();
        let Some((&last, _)) = bytes.split_last() else { return c };
        // Each byte with the next, in blocks, with narrow counters the
        // compiler keeps in vector lanes; the last byte has no next.
        let pairs = bytes.len() - 1;
        let mut start = 0;
        while start < pairs {
            let end = (start + 4096).min(pairs);
            let (mut script, mut latin, mut pe, mut tte, mut other) = (0u32, 0u32, 0u32, 0u32, 0u32);
            for (&a, &b) in bytes[start..end].iter().zip(&bytes[start + 1..end + 1]) {
                script += u32::from(a.wrapping_sub(0xD8) < 4);
                latin += u32::from((a | 0x20).wrapping_sub(b'a') < 26);
                let lead = u32::from(a == 0xD9);
                pe += lead & u32::from(b == 0xBE);
                tte += lead & u32::from(b == 0xB9);
                other += lead & u32::from(b.wrapping_sub(0xBA) < 4 || b == 0xBF);
            }
            c.arabic_script += script as usize;
            c.latin += latin as usize;
            c.pe += pe as usize;
            c.tte += tte as usize;
            c.other_d9 += other as usize;
            start = end;
        }
        c.arabic_script += usize::from(last.wrapping_sub(0xD8) < 4);
        c.latin += usize::from((last | 0x20).wrapping_sub(b'a') < 26);
        c
    }
}

/// `text` may hold a letter, digit or sign of a language other than Arabic
/// written in Arabic script (or of Arabic typed on such a keyboard): any
/// character U+0679–U+06FF or a zero-width non-joiner. Without one, only
/// Persian function words typed with Arabic letters could say otherwise.
pub fn may_be_other_than_arabic(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2(0xDA, 0xDB, bytes).is_some()
        || memchr::memmem::find(bytes, "\u{200C}".as_bytes()).is_some()
        || d9_letters(bytes) != (0, 0, 0)
}

/// In an Arabic document, `text` is Arabic for certain, found faster than
/// by reading it whole: nothing in it was typed on another language's
/// keyboard ([`may_be_other_than_arabic`]) and it holds fewer than two of
/// the Persian words Arabic letters can spell (`است`, `نيز`, `در` …), the
/// only evidence left that could make it Persian.
pub fn is_plain_arabic(text: &str) -> bool {
    if may_be_other_than_arabic(text) {
        return false;
    }
    let mut persian = 0;
    for word in text.split(|c: char| !(is_arabic_letter(c) || is_arabic_mark(c))) {
        if (2..=10).contains(&word.len()) && (one_of(word, PERSIAN_WORDS) || one_of(word, PERSIAN_FUNCTION_WORDS)) {
            persian += 1;
            if persian >= 2 {
                return false;
            }
        }
    }
    true
}

/// The language of a whole document: what its front matter declares, else
/// what its letters say. Counted on bytes (see [`d9_letters`]), so a large
/// Arabic file costs a few vectorized counts.
pub fn document(text: &str) -> Language {
    if let Some(l) = declared(text) {
        return l;
    }
    let bytes = text.as_bytes();
    let Counts { arabic_script, latin, pe, tte, other_d9 } = Counts::of(bytes);
    if arabic_script == 0 {
        return if latin > 0 { Language::English } else { Language::Unknown };
    }
    if latin > 3 * arabic_script {
        return Language::English;
    }
    // Words broken by a zero-width non-joiner (`کتاب‌ها`): Persian spelling.
    let zwnj = memchr::memmem::find_iter(bytes, "\u{200C}".as_bytes()).count();
    let (mut persian, mut urdu, mut other) = (zwnj + pe, tte, other_d9);
    for at in memchr::memchr2_iter(0xDA, 0xDB, bytes) {
        let Some(c) = text.get(at..).and_then(|s| s.chars().next()) else { continue };
        match letter_language(c) {
            Some(Language::Persian) => persian += 1,
            Some(Language::Urdu) => urdu += 1,
            Some(_) => other += 1,
            None => {}
        }
    }
    // Shares of the Arabic-script letters: Persian writes پ چ ژ گ about
    // twice in a hundred letters, Urdu ے ں ٹ ڈ ڑ more; an Arabic text
    // naming a few foreign places stays far below one in two hundred (and
    // a short text needs a few such letters).
    let share = |n: usize| n >= 3 && n * 200 >= arabic_script;
    if share(other) && other >= persian.min(urdu) {
        Language::OtherArabicScript
    } else if share(urdu) && urdu * 2 >= persian {
        Language::Urdu
    } else if share(persian) {
        Language::Persian
    } else {
        Language::Arabic
    }
}

#[cfg(test)]
mod tests {
    use super::Language::*;
    use super::*;

    fn alone(text: &str) -> Language {
        block(text, || Arabic)
    }

    /// The one-pass counts are the plain ones, across block edges too.
    #[test]
    fn counts_in_one_pass_are_the_plain_counts() {
        let text = "Persian پ ٹ ں ے ب, ".repeat(700) + "ۀ";
        let bytes = text.as_bytes();
        let c = Counts::of(bytes);
        assert_eq!(c.arabic_script, bytes.iter().filter(|&&b| (0xD8..=0xDB).contains(&b)).count());
        assert_eq!(c.latin, bytes.iter().filter(|b| b.is_ascii_alphabetic()).count());
        assert_eq!((c.pe, c.tte, c.other_d9), d9_letters(bytes));
        assert_eq!(Counts::of(b"").arabic_script, 0);
        assert_eq!(Counts::of(b"a").latin, 1);
    }

    #[test]
    fn letters_and_words_decide_a_block() {
        assert_eq!(alone("پارسی کتاب"), Persian);
        assert_eq!(alone("این کتاب است"), Persian);
        assert_eq!(alone("نام من علی است"), Persian);
        assert_eq!(alone("او می\u{200C}خواهد"), Persian);
        assert_eq!(alone("کتاب را خواندم"), Persian);
        assert_eq!(alone("مكروه نیز و در كافى"), Persian);
        assert_eq!(alone("پاکستان کی قومی زبان اردو ہے"), Urdu);
        assert_eq!(alone("ئەو کەسە ڕۆژێک"), OtherArabicScript);
        assert_eq!(alone("ښځه او سړی"), OtherArabicScript);
        assert_eq!(alone("قال الكاتب إن النظام"), Arabic);
        assert_eq!(alone("استقرار الوضع"), Arabic);
        assert_eq!(alone("حروف است خدم هنا"), Arabic);
        assert_eq!(alone("إِذَا نَامَ أَحَدُکُمْ"), Arabic);
        assert_eq!(alone("في آن واحد ذهب إلى البر"), Arabic);
        assert_eq!(alone("دَرْسٌ في الدار"), Arabic);
        // An Arabic sentence naming a foreign place stays Arabic.
        assert_eq!(alone("ولد في مدينة گوتنبرغ السويدية عام 1900"), Arabic);
        assert_eq!(alone("وتقع في الجزء الشمالي من المدينة التي تسمى ڕواندز"), Arabic);
    }

    #[test]
    fn short_blocks_follow_the_document() {
        assert_eq!(clue("کیف حالک"), Clue::ArabicScript);
        assert_eq!(block("کیف حالک", || Arabic), Arabic);
        assert_eq!(block("مقدمه", || Persian), Persian);
        assert_eq!(block("کتاب\u{200C}های من", || Persian), Persian);
        assert_eq!(block("کتاب\u{200C}های من", || Arabic), Persian);
        assert_eq!(block("مقدمة", || English), Arabic);
        assert_eq!(block("Installation", || Persian), English);
        assert_eq!(block("Installation", || OtherLatin), OtherLatin);
        assert_eq!(block("123 - 456", || Urdu), Urdu);
        // Decisive evidence wins over the document's.
        assert_eq!(block("قال الكاتب إن النظام", || Persian), Arabic);
        assert_eq!(block("این کتاب است", || Arabic), Persian);
    }

    #[test]
    fn the_arabic_script_words_of_a_latin_led_line() {
        let line = "* [YouTube - GitHub برای مبتدیان](https://www.youtube.com/watch?v=0fKg7e37bQE) *(in english)*";
        assert_eq!(alone(line), English);
        assert_eq!(arabic_script_language(line, || Persian), Some(Persian));
        assert_eq!(arabic_script_language("[GitHub برای مبتدیان](x) \u{200C}کتاب\u{200C}ها", || Arabic), Some(Persian));
        assert_eq!(arabic_script_language("see the دليل page", || Persian), Some(Persian));
        assert_eq!(arabic_script_language("see the دليل page", || English), Some(Arabic));
        assert_eq!(arabic_script_language("only English here", || Persian), None);
    }

    #[test]
    fn an_arabic_led_block_is_right_to_left() {
        for text in ["- دعم JSON export mode", "تغيير User-Agent", "انظر https://example.com/a/b/c", "مكتبة React Native for Web"]
        {
            assert!(alone(text).is_arabic_script(), "{text}");
            assert_eq!(block_direction(text, || English, Dir::Ltr), Dir::Rtl, "{text}");
        }
        assert_eq!(block_direction("React Native هي مكتبة", || Arabic, Dir::Ltr), Dir::Rtl);
        assert_eq!(block_direction("See the دليل page for more", || Arabic, Dir::Rtl), Dir::Ltr);
        assert_eq!(block_direction("— 12 —", || Unknown, Dir::Rtl), Dir::Rtl);
        for text in ["- دعم JSON export mode", "تغيير User-Agent", "انظر https://example.com/a/b/c/d"] {
            assert_eq!(direction(text, Dir::Ltr), Dir::Rtl, "{text}");
        }
        assert_eq!(direction("React هي مكتبة للواجهات", Dir::Ltr), Dir::Rtl);
        assert_eq!(direction("React Native هي مكتبة", Dir::Ltr), Dir::Ltr);
        assert_eq!(direction("See the دليل page", Dir::Rtl), Dir::Ltr);
        assert_eq!(direction("Cairo القاهرة", Dir::Ltr), Dir::Ltr);
        assert_eq!(direction("Cairo القاهرة", Dir::Rtl), Dir::Rtl);
        assert_eq!(direction("45%", Dir::Rtl), Dir::Rtl);
    }

    #[test]
    fn documents_by_front_matter_or_letters() {
        assert_eq!(declared("---\ntitle: x\nlang: fa-IR\n---\nنص"), Some(Persian));
        assert_eq!(declared("+++\nlang = \"ur\"\n+++\n"), Some(Urdu));
        assert_eq!(declared("lang: fa\n"), None);
        assert_eq!(document("---\nlang: ckb\n---\nنص"), OtherArabicScript);
        let persian = "زبان فارسی یکی از زبان‌های هندواروپایی است که در کشورهای ایران، افغانستان و تاجیکستان به آن سخن می‌گویند. پارسی زبان رسمی ایران است. چند گویش دیگر آن در پاکستان و ازبکستان دیده می‌شود.";
        assert_eq!(document(persian), Persian);
        let urdu = "پاکستان کی قومی زبان اردو ہے لیکن تمام وزارتوں کے اعلامیے انگریزی میں جاری کیے جاتے ہیں۔";
        assert_eq!(document(urdu), Urdu);
        assert_eq!(document("کیف حالک یا صدیقی؟ هذا کتاب جمیل."), Arabic);
        let arabic =
            "ولد في مدينة گوتنبرغ السويدية، ودرس في جامعتها ثم انتقل إلى باريس حيث عمل في الصحافة سنوات طويلة قبل أن يعود إلى بلده.";
        assert_eq!(document(arabic), Arabic);
        assert_eq!(document("Just English text."), English);
        assert_eq!(document("12 34"), Unknown);
        assert!(may_be_other_than_arabic("پ") && may_be_other_than_arabic("ٹ") && may_be_other_than_arabic("ک"));
        assert!(may_be_other_than_arabic("a\u{200C}b") && !may_be_other_than_arabic("قال الكاتب إن النظام ٣"));
    }

    #[test]
    fn tags() {
        assert_eq!(Language::from_tag("fa_IR"), Some(Persian));
        assert_eq!(Language::from_tag(" \"ar\" "), Some(Arabic));
        assert_eq!(Language::from_tag("fr"), Some(OtherLatin));
        assert_eq!(Language::from_tag(""), None);
        assert_eq!(Language::from_tag("zh"), None);
    }
}
