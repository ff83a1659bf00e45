//! What a run of text holds, found in one pass: which characters occur,
//! how many words of each script, and where its numbers are. This is also
//! the one language rule: a text is Arabic when most of its words are.

use std::ops::Range;

use super::chars::{
    is_arabic_letter, is_arabic_mark, is_bidi_control, is_digit, is_inline_space, is_odd_space, is_presentation_form, strong, Strong,
    TATWEEL,
};
use super::{language, numbers};

/// U+0621–U+063A or U+0641–U+064A from its two UTF-8 bytes.
#[inline]
fn is_common_arabic_letter(lead: u8, next: u8) -> bool {
    match lead {
        0xD8 => (0xA1..=0xBA).contains(&next),
        0xD9 => (0x81..=0x8A).contains(&next),
        _ => false,
    }
}

/// A stretch of words of common Arabic letters one space apart: what most
/// Arabic text is made of, and the scan's hottest loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CommonRun {
    /// Just after its last letter (a space after it is not part of it).
    end: usize,
    letters: u32,
    /// Spaces inside it: each opens a word.
    spaces: u32,
    /// A word of just و followed by a space (a trigger: it may over-report).
    lone_waw: bool,
}

/// The run of common Arabic letters and single spaces between them that
/// starts at `start`, which holds a common letter.
fn common_run(bytes: &[u8], start: usize) -> CommonRun {
    let mut run = run_at(bytes, start);
    #[cfg(target_arch = "x86_64")]
    simd::common_blocks(bytes, &mut run);
    #[cfg(not(target_arch = "x86_64"))]
    common_tail(bytes, &mut run);
    run
}

/// A run at `start` before it is extended. Its first word, which no space
/// inside the run opens, may be a lone و.
fn run_at(bytes: &[u8], start: usize) -> CommonRun {
    let lone_waw = bytes.get(start..start + 3) == Some(&[0xD9, 0x88, b' ']);
    CommonRun { end: start, letters: 0, spaces: 0, lone_waw }
}

/// [`common_run`] byte by byte from `run.end`, where it need not find a
/// letter's first byte.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn common_tail(bytes: &[u8], run: &mut CommonRun) {
    let starts = |k: usize| k + 1 < bytes.len() && is_common_arabic_letter(bytes[k], bytes[k + 1]);
    let mut k = run.end;
    if k > 0 && starts(k - 1) {
        k += 1;
    }
    loop {
        if starts(k) {
            run.letters += 1;
            let spaced = |at: usize| bytes.get(at) == Some(&b' ');
            run.lone_waw |= bytes[k + 1] == 0x88 && bytes[k] == 0xD9 && spaced(k + 2) && k > 0 && spaced(k - 1);
            k += 2;
        } else if bytes.get(k) == Some(&b' ') && starts(k + 1) {
            run.spaces += 1;
            k += 1;
        } else {
            break;
        }
    }
    run.end = k;
}

#[cfg(target_arch = "x86_64")]
mod simd {
    use std::arch::x86_64::*;

    use super::CommonRun;

    /// A block of bytes compared at once: SSE2's sixteen, in every x86_64,
    /// or AVX2's thirty-two where the processor has them (half the steps on
    /// a run of average length, 58 bytes in news text). Masks hold bit `i`
    /// for byte `i` of the block.
    trait Lanes: Copy {
        const WIDTH: usize;
        unsafe fn load(p: *const u8) -> Self;
        unsafe fn splat(b: u8) -> Self;
        unsafe fn eq(a: Self, b: Self) -> Self;
        unsafe fn and(a: Self, b: Self) -> Self;
        unsafe fn or(a: Self, b: Self) -> Self;
        unsafe fn sub(a: Self, b: Self) -> Self;
        unsafe fn min(a: Self, b: Self) -> Self;
        unsafe fn mask(self) -> u32;
        /// The bits set in a mask.
        fn ones(mask: u32) -> u32;
    }

    /// How many bits of each byte value are set.
    static ONES: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut i = 0;
        while i < 256 {
            table[i] = (i as u8).count_ones() as u8;
            i += 1;
        }
        table
    };

    /// The [`Lanes`] of one instruction set, from its intrinsics.
    macro_rules! lanes {
        ($name:ident($vector:ty), $width:literal, $load:ident, $set1:ident, $movemask:ident,
         [$($op:ident = $intrinsic:ident),+], ones: |$mask:ident| $ones:expr) => {
            #[derive(Clone, Copy)]
            struct $name($vector);

            impl Lanes for $name {
                const WIDTH: usize = $width;
                #[inline(always)]
                unsafe fn load(p: *const u8) -> Self {
                    $name($load(p as *const $vector))
                }
                #[inline(always)]
                unsafe fn splat(b: u8) -> Self {
                    $name($set1(b as i8))
                }
                $(
                    #[inline(always)]
                    unsafe fn $op(a: Self, b: Self) -> Self {
                        $name($intrinsic(a.0, b.0))
                    }
                )+
                #[inline(always)]
                unsafe fn mask(self) -> u32 {
                    $movemask(self.0) as u32
                }
                #[inline(always)]
                fn ones($mask: u32) -> u32 {
                    $ones
                }
            }
        };
    }

    // The bits of a mask are counted by table: `count_ones` without the
    // POPCNT instruction (not in baseline x86_64) takes a dozen steps.
    lanes!(Sse2(__m128i), 16, _mm_loadu_si128, _mm_set1_epi8, _mm_movemask_epi8,
        [eq = _mm_cmpeq_epi8, and = _mm_and_si128, or = _mm_or_si128, sub = _mm_sub_epi8, min = _mm_min_epu8],
        ones: |mask| u32::from(ONES[(mask & 0xFF) as usize]) + u32::from(ONES[(mask >> 8 & 0xFF) as usize]));

    // One POPCNT: [`common_blocks`] takes this path only when the processor
    // has it.
    lanes!(Avx2(__m256i), 32, _mm256_loadu_si256, _mm256_set1_epi8, _mm256_movemask_epi8,
        [eq = _mm256_cmpeq_epi8, and = _mm256_and_si256, or = _mm256_or_si256, sub = _mm256_sub_epi8, min = _mm256_min_epu8],
        ones: |mask| mask.count_ones());

    /// Bytes `b` in `lo..=hi`, as a mask (unsigned).
    #[inline(always)]
    unsafe fn within<L: Lanes>(b: L, lo: u8, hi: u8) -> L {
        let shifted = L::sub(b, L::splat(lo));
        L::eq(L::min(shifted, L::splat(hi - lo)), shifted)
    }

    /// Where `lead` and the byte after it, `next`, make a common letter
    /// (U+0621–U+063A: D8 A1–BA; U+0641–U+064A: D9 81–8A).
    #[inline(always)]
    unsafe fn letter_starts<L: Lanes>(lead: L, next: L) -> L {
        let d8 = L::and(L::eq(lead, L::splat(0xD8)), within(next, 0xA1, 0xBA));
        let d9 = L::and(L::eq(lead, L::splat(0xD9)), within(next, 0x81, 0x8A));
        L::or(d8, d9)
    }

    /// A block from `p`, `p + 1` and `p + 2`, and the two bytes after the
    /// block; zeros outside `bytes`.
    #[inline(always)]
    unsafe fn block<L: Lanes>(bytes: &[u8], p: usize) -> ([L; 3], [u8; 2]) {
        let w = L::WIDTH;
        if p + w + 2 <= bytes.len() {
            let at = |k: usize| L::load(bytes.as_ptr().add(k));
            return ([at(p), at(p + 1), at(p + 2)], [*bytes.get_unchecked(p + w), *bytes.get_unchecked(p + w + 1)]);
        }
        // At the end of the text (rare): a zero-padded copy.
        let mut padded = [0u8; 34];
        let to = bytes.len().min(p + w + 2);
        padded[..to - p].copy_from_slice(&bytes[p..to]);
        let at = |k: usize| L::load(padded.as_ptr().add(k));
        ([at(0), at(1), at(2)], [padded[w], padded[w + 1]])
    }

    /// Extend `run` a block at a time (see [`blocks`]), with the widest
    /// blocks the processor has.
    pub(super) fn common_blocks(bytes: &[u8], run: &mut CommonRun) {
        if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("popcnt") {
            // SAFETY: the processor has both.
            unsafe { blocks_avx2(bytes, run) }
        } else {
            // SAFETY: SSE2 is part of x86_64.
            unsafe { blocks::<Sse2>(bytes, run) }
        }
    }

    #[target_feature(enable = "avx2,popcnt")]
    unsafe fn blocks_avx2(bytes: &[u8], run: &mut CommonRun) {
        blocks::<Avx2>(bytes, run)
    }

    /// Extend `run` block by block. A byte belongs to the run when it
    /// starts a common letter, ends one, or is a space between two. No lead
    /// byte of these letters is a continuation byte, so this needs no
    /// notion of where letters start. Past the text's end every byte reads
    /// as zero, which belongs to no run.
    ///
    /// Each block is compared once, into bit masks: a letter's end and a
    /// space before a letter are the masks shifted by a byte, completed by
    /// the bytes just outside the block.
    #[inline(always)]
    unsafe fn blocks<L: Lanes>(bytes: &[u8], run: &mut CommonRun) {
        let w = L::WIDTH as u32;
        let full = u32::MAX >> (32 - w);
        let space = L::splat(b' ');
        let mut p = run.end;
        // A letter starting, and a space, at `p - 1`. No letter starts
        // there: the run's first byte starts one, so it ends none.
        let mut starts_before = 0;
        let mut space_before = u32::from(p >= 1 && bytes[p - 1] == b' ');
        loop {
            let ([cur, next, next2], [after, after2]) = block::<L>(bytes, p);
            let starts = letter_starts(cur, next).mask();
            let spaces = L::eq(cur, space).mask();
            let starts_after = u32::from(super::is_common_arabic_letter(after, after2));
            let ends = (starts << 1 | starts_before) & full;
            let between = spaces & (starts >> 1 | starts_after << (w - 1));
            let inside = starts | ends | between;
            // The bytes of the block up to the first that is not in the run.
            let taken = (!inside).trailing_zeros().min(w);
            let keep = if taken == w { full } else { (1u32 << taken) - 1 };
            run.spaces += L::ones(between & keep);
            // و (D9 88) after a space and before one.
            let waw = L::and(L::eq(cur, L::splat(0xD9)), L::eq(next, L::splat(0x88))).mask();
            if waw & keep != 0 {
                let spaced = waw & (spaces << 1 | space_before) & L::eq(next2, space).mask();
                run.lone_waw |= spaced & keep != 0;
            }
            p += taken as usize;
            if taken < w {
                // Letters are two bytes each, and the rest are spaces.
                run.letters = (p - run.end - run.spaces as usize) as u32 / 2;
                run.end = p;
                return;
            }
            starts_before = starts >> (w - 1);
            space_before = spaces >> (w - 1);
        }
    }

    /// Both widths, for the tests: AVX2 only where the processor has it.
    #[cfg(test)]
    pub(super) fn each_width(bytes: &[u8], run: CommonRun) -> Vec<CommonRun> {
        let mut found = Vec::new();
        let mut narrow = run;
        // SAFETY: SSE2 is part of x86_64.
        unsafe { blocks::<Sse2>(bytes, &mut narrow) };
        found.push(narrow);
        if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("popcnt") {
            let mut wide = run;
            // SAFETY: the processor has both.
            unsafe { blocks_avx2(bytes, &mut wide) };
            found.push(wide);
        }
        found
    }
}

/// A mark that ends a sentence or a clause, which typing doubles.
fn is_sentence_mark(c: char) -> bool {
    matches!(c, '.' | '…' | '!' | '?' | '\u{061F}' | '\u{060C}')
}

/// A summary of what a paragraph holds, made in one pass, so that rules whose
/// trigger characters are absent cost nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    /// Letters of each script (presentation forms count as Arabic).
    pub arabic: u32,
    pub latin: u32,
    /// Words of each script: runs of letters of one script.
    pub arabic_words: u32,
    pub latin_words: u32,
    pub quotes: bool,
    pub odd_spaces: bool,
    /// Two ASCII spaces in a row.
    pub double_space: bool,
    pub ascii_punct: bool,
    pub tatweel: bool,
    pub presentation: bool,
    /// Persian kaf or yeh, or a heh of another language (ھ ہ ە).
    pub persian_kaf_yeh: bool,
    /// A letter Arabic does not use (see [`language::is_non_arabic_letter`]).
    pub persian_only: bool,
    pub combining_hamza: bool,
    pub bidi_controls: bool,
    pub invisible: bool,
    pub replacement: bool,
    pub digits: bool,
    pub non_western_digits: bool,
    pub dashes: bool,
    pub slash: bool,
    pub arabic_punct: bool,
    pub brackets: bool,
    /// The conjunction و alone before a space (`و في`): S019's trigger.
    pub lone_waw: bool,
    /// Two sentence marks or Arabic commas touch (`؟؟`, `!.`, `،،`,
    /// `....`): what doubled and repeated marks are made of.
    pub touching_marks: bool,
    /// One of `، ؛ ؟ : ! .` with something other than a space after it
    /// (`انتهت،المهام`, but also `؟»`).
    pub unspaced_mark: bool,
    /// One of `، ؛ ؟ : ! .` with a space before it (`قال :`).
    pub spaced_mark: bool,
    /// An opening bracket or quotation mark (`(` `[` `«` `“`) right after an
    /// Arabic letter or mark, or a closing one right before a letter.
    pub glued_bracket: bool,
    /// A space just inside `(` `[` `«` or `)` `]` `»`.
    pub spaced_bracket: bool,
    /// An Arabic letter or mark right before a Latin letter, or a Latin
    /// letter right before an Arabic one: S010's trigger.
    pub scripts_touch: bool,
}

/// Features a text may lack, as a set of bits. A pass names the triggers
/// without which it finds nothing (`pass!(check, [...], when QUOTES |
/// BRACKETS)`); the engine does not show it a paragraph that holds none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Triggers(u32);

impl Triggers {
    /// Every paragraph: for a pass that names no trigger.
    pub const ANY: Triggers = Triggers(u32::MAX);
    pub const NONE: Triggers = Triggers(0);
    pub const PRESENTATION: Triggers = Triggers(1 << 0);
    pub const INVISIBLE: Triggers = Triggers(1 << 1);
    pub const REPLACEMENT: Triggers = Triggers(1 << 2);
    pub const BIDI_CONTROLS: Triggers = Triggers(1 << 3);
    pub const PERSIAN_KAF_YEH: Triggers = Triggers(1 << 4);
    pub const COMBINING_HAMZA: Triggers = Triggers(1 << 5);
    pub const TATWEEL: Triggers = Triggers(1 << 6);
    pub const DASHES: Triggers = Triggers(1 << 7);
    pub const SLASH: Triggers = Triggers(1 << 8);
    pub const SCRIPTS_TOUCH: Triggers = Triggers(1 << 9);
    pub const LONE_WAW: Triggers = Triggers(1 << 10);
    pub const DIGITS: Triggers = Triggers(1 << 11);
    pub const NON_WESTERN_DIGITS: Triggers = Triggers(1 << 12);
    pub const QUOTES: Triggers = Triggers(1 << 13);
    pub const BRACKETS: Triggers = Triggers(1 << 14);
    pub const ASCII_PUNCT: Triggers = Triggers(1 << 15);
    pub const ARABIC_PUNCT: Triggers = Triggers(1 << 16);
    pub const ODD_SPACES: Triggers = Triggers(1 << 17);
    pub const DOUBLE_SPACE: Triggers = Triggers(1 << 18);
    pub const TOUCHING_MARKS: Triggers = Triggers(1 << 19);
    pub const UNSPACED_MARK: Triggers = Triggers(1 << 20);
    pub const SPACED_MARK: Triggers = Triggers(1 << 21);
    pub const GLUED_BRACKET: Triggers = Triggers(1 << 22);
    pub const SPACED_BRACKET: Triggers = Triggers(1 << 23);

    /// Held by every text, so that [`Triggers::ANY`] meets every text.
    const EVERY_TEXT: Triggers = Triggers(1 << 31);

    pub const fn or(self, other: Triggers) -> Triggers {
        Triggers(self.0 | other.0)
    }

    /// The two sets share a trigger.
    #[inline]
    pub fn meets(self, other: Triggers) -> bool {
        self.0 & other.0 != 0
    }
}

impl Features {
    /// The triggers this text holds.
    pub fn triggers(&self) -> Triggers {
        let flags = [
            (self.presentation, Triggers::PRESENTATION),
            (self.invisible, Triggers::INVISIBLE),
            (self.replacement, Triggers::REPLACEMENT),
            (self.bidi_controls, Triggers::BIDI_CONTROLS),
            (self.persian_kaf_yeh, Triggers::PERSIAN_KAF_YEH),
            (self.combining_hamza, Triggers::COMBINING_HAMZA),
            (self.tatweel, Triggers::TATWEEL),
            (self.dashes, Triggers::DASHES),
            (self.slash, Triggers::SLASH),
            (self.scripts_touch, Triggers::SCRIPTS_TOUCH),
            (self.lone_waw, Triggers::LONE_WAW),
            (self.digits, Triggers::DIGITS),
            (self.non_western_digits, Triggers::NON_WESTERN_DIGITS),
            (self.quotes, Triggers::QUOTES),
            (self.brackets, Triggers::BRACKETS),
            (self.ascii_punct, Triggers::ASCII_PUNCT),
            (self.arabic_punct, Triggers::ARABIC_PUNCT),
            (self.odd_spaces, Triggers::ODD_SPACES),
            (self.double_space, Triggers::DOUBLE_SPACE),
            (self.touching_marks, Triggers::TOUCHING_MARKS),
            (self.unspaced_mark, Triggers::UNSPACED_MARK),
            (self.spaced_mark, Triggers::SPACED_MARK),
            (self.glued_bracket, Triggers::GLUED_BRACKET),
            (self.spaced_bracket, Triggers::SPACED_BRACKET),
        ];
        flags.iter().filter(|(on, _)| *on).fold(Triggers::EVERY_TEXT, |set, &(_, t)| set.or(t))
    }

    pub fn of(text: &str) -> Features {
        Features::scan(text, &mut Vec::new(), &mut Vec::new())
    }

    /// One pass over `text`: the features, the numbers it holds pushed to
    /// `numbers`, and its signs to `signs`: every character that is not
    /// part of a word, a digit or a plain space (punctuation, quotes,
    /// brackets, symbols, odd spaces, controls), with its offset. Found here
    /// because this pass visits every byte anyway: the rules about signs
    /// read the list instead of searching the paragraph again.
    pub fn scan(text: &str, numbers: &mut Vec<Range<usize>>, signs: &mut Vec<(usize, char)>) -> Features {
        let mut f = Features::default();
        // The script of the word being read, to count words as runs.
        let mut in_word: Option<bool> = None;
        // The script of the character before (Some(true): an Arabic letter
        // or mark, even a mark after a space), to see scripts touch.
        let mut last: Option<bool> = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast paths for what most text is made of: ASCII letters and
            // spaces, and the Arabic letters U+0621–U+063A, U+0641–U+064A.
            let b = bytes[i];
            // Words of common Arabic letters one space apart, or a run of
            // ASCII letters, are one step: this loop is the hottest in
            // cleanup.
            if (b == 0xD8 || b == 0xD9) && i + 1 < bytes.len() && is_common_arabic_letter(b, bytes[i + 1]) {
                let run = common_run(bytes, i);
                f.arabic += run.letters;
                f.arabic_words += run.spaces + u32::from(in_word != Some(true));
                f.lone_waw |= run.lone_waw;
                f.scripts_touch |= last == Some(false);
                in_word = Some(true);
                last = Some(true);
                i = run.end;
                continue;
            }
            if b.is_ascii_alphabetic() {
                let run = bytes[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                f.latin += run as u32;
                f.latin_words += u32::from(in_word != Some(false));
                f.scripts_touch |= last == Some(true);
                in_word = Some(false);
                last = Some(false);
                i += run;
                continue;
            }
            let (letter, len, script) = match b {
                b' ' => {
                    f.double_space |= bytes.get(i + 1) == Some(&b' ');
                    (None, 1, None)
                }
                _ if numbers::digit_at(bytes, i) => {
                    let end = numbers::number_end(text, i);
                    let number = &text[i..end];
                    f.digits |= number.bytes().any(|b| b.is_ascii_digit());
                    f.non_western_digits |= !number.is_ascii();
                    signs.extend(number.char_indices().filter(|&(_, c)| !is_digit(c)).map(|(at, c)| (i + at, c)));
                    numbers.push(i..end);
                    (None, end - i, None)
                }
                0xD8..=0xD9 if i + 1 < bytes.len() && is_common_arabic_letter(b, bytes[i + 1]) => (Some(true), 2, Some(true)),
                _ => {
                    let c = text[i..].chars().next().expect("char boundary");
                    let letter = f.classify(c, in_word);
                    let mut script = letter;
                    if letter.is_none() {
                        f.note_sign(text, i, c, signs.last());
                        signs.push((i, c));
                        script = is_arabic_mark(c).then_some(true);
                    }
                    (letter, c.len_utf8(), script)
                }
            };
            f.scripts_touch |= script.is_some() && last.is_some() && script != last;
            last = script;
            match letter {
                Some(true) => {
                    f.arabic += 1;
                    f.arabic_words += u32::from(in_word != Some(true));
                }
                Some(false) => {
                    f.latin += 1;
                    f.latin_words += u32::from(in_word != Some(false));
                }
                None => {}
            }
            in_word = letter;
            i += len;
        }
        f
    }

    /// Record how sign `c` at `i` sits among its neighbours (`previous` is
    /// the sign before it): the triggers of the rules about spacing marks.
    fn note_sign(&mut self, text: &str, i: usize, c: char, previous: Option<&(usize, char)>) {
        let before = || text[..i].chars().next_back();
        let after = || text[i + c.len_utf8()..].chars().next();
        match c {
            '\u{060C}' | '\u{061B}' | '\u{061F}' | ':' | '!' | '.' => {
                self.unspaced_mark |= after().is_some_and(|n| n != ' ');
                self.spaced_mark |= before().is_some_and(is_inline_space);
            }
            '(' | '[' | '«' | '\u{201C}' => {
                self.glued_bracket |= before().is_some_and(|p| is_arabic_letter(p) || is_arabic_mark(p));
                self.spaced_bracket |= c != '\u{201C}' && after().is_some_and(is_inline_space);
            }
            ')' | ']' | '»' | '\u{201D}' => {
                self.glued_bracket |= after().is_some_and(is_arabic_letter);
                self.spaced_bracket |= c != '\u{201D}' && before().is_some_and(is_inline_space);
            }
            _ => {}
        }
        let touches = |&(j, p): &(usize, char)| j + p.len_utf8() == i && is_sentence_mark(p);
        self.touching_marks |= is_sentence_mark(c) && previous.is_some_and(touches);
    }

    /// Record what `c` is; Some(true) for an Arabic letter, Some(false) for
    /// a Latin one (marks and tatweel continue the word they are in).
    fn classify(&mut self, c: char, in_word: Option<bool>) -> Option<bool> {
        let f = self;
        match c {
            'a'..='z' | 'A'..='Z' => Some(false),
            '0'..='9' => {
                f.digits = true;
                None
            }
            ' ' => None,
            ',' | ';' | '?' | '!' | ':' | '.' => {
                f.ascii_punct = true;
                None
            }
            '"' | '«' | '»' | '\u{2018}'..='\u{201F}' => {
                f.quotes = true;
                None
            }
            '-' | '\u{2010}'..='\u{2015}' => {
                f.dashes = true;
                None
            }
            '/' => {
                f.slash = true;
                None
            }
            '(' | ')' | '[' | ']' => {
                f.brackets = true;
                None
            }
            '\t' => {
                f.odd_spaces = true;
                None
            }
            '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{AD}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' => {
                f.invisible = true;
                None
            }
            '\u{060C}' | '\u{061B}' | '\u{061F}' => {
                f.arabic_punct = true;
                None
            }
            TATWEEL => {
                f.tatweel = true;
                in_word.and(Some(true))
            }
            '\u{0653}'..='\u{0655}' => {
                f.combining_hamza = true;
                in_word
            }
            '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => {
                f.non_western_digits = true;
                None
            }
            '\u{06A9}' | '\u{06CC}' | '\u{06BE}' | '\u{06C1}' | '\u{06D5}' => {
                f.persian_kaf_yeh = true;
                Some(true)
            }
            _ if language::is_non_arabic_letter(c) => {
                f.persian_only = true;
                Some(true)
            }
            '\u{FFFD}' => {
                f.replacement = true;
                None
            }
            _ if is_arabic_letter(c) => Some(true),
            _ if is_arabic_mark(c) => in_word,
            _ if is_presentation_form(c) => {
                f.presentation = true;
                Some(true)
            }
            _ if is_bidi_control(c) => {
                f.bidi_controls = true;
                None
            }
            _ if is_odd_space(c) => {
                f.odd_spaces = true;
                None
            }
            _ => match strong(c) {
                Some(Strong::Ltr) => Some(false),
                Some(Strong::Rtl) => Some(true),
                None => None,
            },
        }
    }

    /// Most words are Arabic (words, not letters: unvowelled Arabic words
    /// are shorter than English ones).
    pub fn is_arabic(&self) -> bool {
        self.arabic_words > 0 && self.arabic_words >= self.latin_words
    }

    /// Clearly Arabic (`Some(true)`) or clearly not (`Some(false)`): one
    /// script has at least twice the other's words. `None` when mixed.
    pub fn clear_direction(&self) -> Option<bool> {
        if self.arabic_words > 0 && self.arabic_words >= 2 * self.latin_words {
            Some(true)
        } else if self.latin_words > 0 && self.latin_words >= 2 * self.arabic_words {
            Some(false)
        } else {
            None
        }
    }
}

/// The one language rule: most words are Arabic (see [`Features::is_arabic`]).
pub fn is_arabic(text: &str) -> bool {
    Features::of(text).is_arabic()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The flags that let a rule skip a paragraph must be set wherever the
    /// rule could find something.
    #[test]
    fn trigger_flags() {
        assert!(Features::of("السياسي و الاقتصادي").lone_waw);
        assert!(Features::of("و في").lone_waw);
        assert!(!Features::of("وفي هو نحو الوطن").lone_waw);
        for doubled in ["نص  نص", "a  b", "1  2", "«  »", "  "] {
            assert!(Features::of(doubled).double_space, "{doubled}");
        }
        assert!(!Features::of("نص نص a b 1 2 « »").double_space);
        for touching in ["لماذا؟؟", "نعم!.", "نص،، نص", "...", "نص.…", "why?."] {
            assert!(Features::of(touching).touching_marks, "{touching}");
        }
        for apart in ["«نص».", "نص، نص. نص؟ نص!", "2.5.", "1،2،3", "نص.»"] {
            assert!(!Features::of(apart).touching_marks, "{apart}");
        }
        for unspaced in ["انتهت،المهام", "العام.وقال", "قال:«نعم»", "لماذا؟»"] {
            assert!(Features::of(unspaced).unspaced_mark, "{unspaced}");
        }
        for spaced in ["قال : نعم", "نص ،", "نص\u{00A0}."] {
            assert!(Features::of(spaced).spaced_mark, "{spaced}");
        }
        let clean = Features::of("قال: نعم، والعام 2.5 أو 10:30 انتهى.");
        assert!(!clean.unspaced_mark && !clean.spaced_mark);
        for glued in ["يسمى«الحل»", "«الحل»ثم", "قال(1)", "نص\u{064E}[", "و“نص”"] {
            assert!(Features::of(glued).glued_bracket, "{glued}");
        }
        for spaced in ["( نص)", "(نص )", "« نص»", "[نص\t]"] {
            assert!(Features::of(spaced).spaced_bracket, "{spaced}");
        }
        let clean = Features::of("يسمى «الحل» (نص) [1] “نص” ثم");
        assert!(!clean.glued_bracket && !clean.spaced_bracket);
        // A text with no trigger still meets a pass that names none.
        assert!(Triggers::ANY.meets(Features::of("نص").triggers()));
        assert!(!Triggers::QUOTES.or(Triggers::DIGITS).meets(Features::of("نص، (نص)").triggers()));
        assert!(Triggers::QUOTES.or(Triggers::DIGITS).meets(Features::of("نص 1").triggers()));
        for touching in ["عبرGoogle", "Googleعبر", "لـGoogle", "\u{064E}A", "Aپ"] {
            assert!(Features::of(touching).scripts_touch, "{touching}");
        }
        for apart in ["عبر Google", "Google، عبر", "A 1 ب"] {
            assert!(!Features::of(apart).scripts_touch, "{apart}");
        }
    }

    /// The run finder (sixteen bytes at a time on x86_64) agrees with a
    /// letter-by-letter reading on every start of a common letter, in
    /// texts mixing what ends a run: marks, other Arabic letters, double
    /// spaces, Latin, digits, a lone و, block edges at every offset.
    #[test]
    fn common_runs_match_a_letter_by_letter_reading() {
        fn reference(bytes: &[u8], start: usize) -> CommonRun {
            let starts = |k: usize| k + 1 < bytes.len() && is_common_arabic_letter(bytes[k], bytes[k + 1]);
            let mut run = CommonRun { end: start, letters: 0, spaces: 0, lone_waw: false };
            let mut word = start;
            let mut k = start;
            loop {
                while starts(k) {
                    k += 2;
                    run.letters += 1;
                }
                let spaced = bytes.get(k) == Some(&b' ');
                run.lone_waw |= spaced && k - word == 2 && bytes[word] == 0xD9 && bytes[word + 1] == 0x88;
                if !(spaced && starts(k + 1)) {
                    break;
                }
                run.spaces += 1;
                k += 1;
                word = k;
            }
            run.end = k;
            run
        }
        // The first eight are common letters, the range edges among them
        // (ء غ ف ي); the characters just outside the ranges end a run.
        let pieces = [
            "ب", "و", "ي", "ا", "ء", "غ", "ف", "ة", " ", " ", "  ", "\u{064B}", "\u{0620}", "\u{063B}", "ـ", "\u{0671}", "پ", "a", "7",
            "،", "و ",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..4000 {
            let mut text = String::new();
            let len = (seed % 100) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Mostly letters and single spaces, as in prose.
                let pick = (seed % 100) as usize;
                text.push_str(if pick < 70 {
                    pieces[pick % 8]
                } else if pick < 85 {
                    " "
                } else {
                    pieces[pick % pieces.len()]
                });
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let bytes = text.as_bytes();
            for start in 0..bytes.len().saturating_sub(1) {
                if is_common_arabic_letter(bytes[start], bytes[start + 1]) {
                    let want = reference(bytes, start);
                    let mut scalar = run_at(bytes, start);
                    common_tail(bytes, &mut scalar);
                    let mut found = vec![common_run(bytes, start), scalar];
                    #[cfg(target_arch = "x86_64")]
                    found.extend(simd::each_width(bytes, run_at(bytes, start)));
                    for found in found {
                        assert_eq!((found.end, found.letters, found.spaces), (want.end, want.letters, want.spaces), "{text:?} at {start}");
                        // The lone-و flag may over-report, never miss.
                        assert!(found.lone_waw || !want.lone_waw, "{text:?} at {start}");
                    }
                }
            }
        }
    }

    /// Signs are every character that is not a letter, digit or plain
    /// space, separators inside numbers included, in text order.
    #[test]
    fn signs_in_order() {
        let mut signs = Vec::new();
        Features::scan("قال: «نعم» 2.5%، ثم", &mut Vec::new(), &mut signs);
        let chars: String = signs.iter().map(|&(_, c)| c).collect();
        assert_eq!(chars, ":«».%،");
        assert!(signs.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
