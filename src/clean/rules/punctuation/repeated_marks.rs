//! P004: repeated question and exclamation marks, and runs of dots.

use crate::clean::rules::prelude::*;

rule! {
    /// Repeated `؟` and `!`, and more than three dots, take the house form.
    ///
    /// `لماذا؟؟؟`, `!!!` and `؟!؟!` shout; print uses one mark. A run of one
    /// mark becomes that mark; a run mixing both becomes `؟!` (set
    /// `mixed-marks` in `[clean]` to `exclamation-first` for `!؟`, or
    /// `as-typed` to keep the order the run starts with). `؟!` and `!؟`
    /// themselves are left as typed. These fixes are unsafe: the marks may
    /// be a quoted writer's own (a post, a slogan), which only a person can
    /// tell.
    ///
    /// Four dots or more (`....`) are an ellipsis typed long and become
    /// `...` (`……` becomes `…`): the number of dots says nothing, so this
    /// fix is safe. Dots before a number (a leader in a table of contents,
    /// `الفصل الأول ...... 5`) and after a colon (a blank to fill in,
    /// `الاسم: ........`) are left alone, and so is the headline `..`.
    ///
    /// Only in Arabic context: Latin text keeps its marks. Links and
    /// markdown code are never touched.
    ///
    /// Before: `ماذا حدث....`
    /// After:  `ماذا حدث...`
    ///
    /// Example: `لماذا؟؟؟` (unsafe fix: `لماذا؟`)
    pub static REPEATED_MARKS = ("P004", "repeated-marks", Sometimes);
}

const QUESTION: char = '\u{061F}';

/// The house form of a run of `؟` and `!` (two marks or more), or `None`
/// when it is one already.
fn house_marks(run: &str, style: MixedMarks) -> Option<&'static str> {
    let first = run.chars().next()?;
    let mixed = run.chars().any(|c| c != first);
    let form = match (mixed, first) {
        (false, QUESTION) => "؟",
        (false, _) => "!",
        (true, _) if run.chars().count() == 2 => return None,
        (true, _) => match style {
            MixedMarks::QuestionFirst => "؟!",
            MixedMarks::ExclamationFirst => "!؟",
            MixedMarks::AsTyped if first == QUESTION => "؟!",
            MixedMarks::AsTyped => "!؟",
        },
    };
    (form != run).then_some(form)
}

/// The house form of a run of dots (`.` and `…`), when it is too long.
fn house_dots(run: &str) -> Option<&'static str> {
    let dots: usize = run.chars().map(|c| if c == '…' { 3 } else { 1 }).sum();
    if dots < 4 || run == "…" {
        return None;
    }
    Some(if run.chars().all(|c| c == '…') { "…" } else { "..." })
}

/// Dots that lead to a page number or a blank after a colon (see the doc).
fn leader_or_blank(text: &str, start: usize, end: usize) -> bool {
    let next = text[end..].trim_start_matches(is_inline_space).chars().next();
    let prev = text[..start].trim_end_matches(is_inline_space).chars().next_back();
    next.is_some_and(is_digit) || prev == Some(':')
}

/// Maximal runs of two or more characters `member` accepts: (start, end),
/// read from the paragraph's signs.
fn runs(para: &Paragraph, member: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // The run being read: start, end, and whether it has a second mark.
    let mut run: Option<(usize, usize, bool)> = None;
    for (i, c) in para.signs(member) {
        match &mut run {
            Some((_, end, long)) if *end == i => {
                *end = i + c.len_utf8();
                *long = true;
            }
            _ => {
                out.extend(run.filter(|r| r.2).map(|(start, end, _)| (start, end)));
                run = Some((i, i + c.len_utf8(), false));
            }
        }
    }
    out.extend(run.filter(|r| r.2).map(|(start, end, _)| (start, end)));
    out
}

fn repeated(para: &Paragraph, style: MixedMarks, out: &mut Vec<Diagnostic>) {
    let text = para.text;
    // ؟ is D8 9F and … is E2 80 A6: their last bytes are the rarer ones.
    for (start, end) in runs(para, |c| c == QUESTION || c == '!') {
        let run = &text[start..end];
        let Some(form) = house_marks(run, style) else { continue };
        if para.is_untouchable(start) || !is_arabic_context(text, start, end) {
            continue;
        }
        out.push(
            Diagnostic::report(REPEATED_MARKS.code, start..end, format!("`{run}` repeats its marks; house style is `{form}`"))
                .with_fix(Fix::unsafe_(vec![Edit::replace(start..end, form)])),
        );
    }
    for (start, end) in runs(para, |c| c == '.' || c == '…') {
        let run = &text[start..end];
        let Some(form) = house_dots(run) else { continue };
        if para.is_untouchable(start) || !is_arabic_context(text, start, end) || leader_or_blank(text, start, end) {
            continue;
        }
        out.push(Diagnostic::fixable(
            REPEATED_MARKS.code,
            start..end,
            format!("an ellipsis of {} dots; house style is `{form}`", run.chars().map(|c| if c == '…' { 3 } else { 1 }).sum::<usize>()),
            vec![Edit::replace(start..end, form)],
        ));
    }
}

pub fn check(para: &Paragraph, ctx: &DocContext, out: &mut Vec<Diagnostic>) {
    let f = &para.features;
    if f.arabic > 0 && ctx.settings.enabled(&REPEATED_MARKS) {
        repeated(para, ctx.settings.mixed_marks, out);
    }
}

pass!(check, [REPEATED_MARKS], when TOUCHING_MARKS);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn house_forms() {
        let q = MixedMarks::QuestionFirst;
        assert_eq!(house_marks("؟؟؟", q), Some("؟"));
        assert_eq!(house_marks("!!", q), Some("!"));
        assert_eq!(house_marks("؟!؟!", q), Some("؟!"));
        assert_eq!(house_marks("!؟", q), None);
        assert_eq!(house_marks("؟", q), None);
        assert_eq!(house_marks("!؟!؟", MixedMarks::AsTyped), Some("!؟"));
        assert_eq!(house_marks("؟!!", MixedMarks::ExclamationFirst), Some("!؟"));
        assert_eq!(house_dots("...."), Some("..."));
        assert_eq!(house_dots("……"), Some("…"));
        assert_eq!(house_dots("..…"), Some("..."));
        assert_eq!(house_dots("..."), None);
        assert_eq!(house_dots("…"), None);
    }
}
