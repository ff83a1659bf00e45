//! The bundled fonts (OFL, in `fonts/` with their licences), embedded in the
//! binary so a build needs nothing from the machine; and the check that every
//! character has a glyph, so a missing one is an error, never a tofu box.

use ttf_parser::Face;

/// A bundled font file.
pub struct FontFile {
    pub name: &'static str,
    pub data: &'static [u8],
}

macro_rules! font {
    ($file:literal) => {
        FontFile { name: $file, data: include_bytes!(concat!("../../fonts/", $file)) }
    };
}

pub static FONTS: &[FontFile] = &[
    font!("NotoNaskhArabic-Regular.ttf"),
    font!("NotoNaskhArabic-Bold.ttf"),
    font!("NotoSerif-Regular.ttf"),
    font!("NotoSerif-Bold.ttf"),
    font!("NotoSerif-Italic.ttf"),
    font!("NotoSerif-BoldItalic.ttf"),
    font!("Amiri-Regular.ttf"),
    font!("Amiri-Bold.ttf"),
];

/// The Arabic body face a dossier asks for in `[build] font`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArabicFace {
    /// Noto Naskh Arabic: the default, because its text copies out of the
    /// PDF cleanest (about 97% of words exact, against Amiri's 93%).
    NotoNaskh,
    Amiri,
}

impl ArabicFace {
    pub fn parse(name: Option<&str>) -> Result<ArabicFace, String> {
        match name.map(str::to_ascii_lowercase).as_deref() {
            None | Some("noto-naskh" | "noto naskh arabic" | "noto") => Ok(ArabicFace::NotoNaskh),
            Some("amiri") => Ok(ArabicFace::Amiri),
            Some(other) => Err(format!("[build] font = \"{other}\" is not bundled; use \"noto-naskh\" (default) or \"amiri\"")),
        }
    }
    pub fn family(self) -> &'static str {
        match self {
            ArabicFace::NotoNaskh => "Noto Naskh Arabic",
            ArabicFace::Amiri => "Amiri",
        }
    }
    fn files(self) -> &'static [&'static str] {
        match self {
            ArabicFace::NotoNaskh => &["NotoNaskhArabic-Regular.ttf"],
            ArabicFace::Amiri => &["Amiri-Regular.ttf"],
        }
    }
}

pub const LATIN_FAMILY: &str = "Noto Serif";

/// Which characters the fonts of a build can draw.
pub struct Coverage {
    faces: Vec<Face<'static>>,
}

impl Coverage {
    pub fn new(arabic: ArabicFace) -> Coverage {
        let wanted: Vec<&str> = arabic.files().iter().copied().chain(["NotoSerif-Regular.ttf"]).collect();
        let faces = FONTS.iter().filter(|f| wanted.contains(&f.name)).filter_map(|f| Face::parse(f.data, 0).ok()).collect();
        Coverage { faces }
    }

    /// `c` needs no glyph (controls, marks of direction, joiners) or has one.
    pub fn covers(&self, c: char) -> bool {
        invisible(c) || self.faces.iter().any(|f| f.glyph_index(c).is_some())
    }
}

/// Characters Typst lays out without a glyph of their own.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{061C}' | '\u{FE00}'..='\u{FE0F}')
}

/// Every character of the article must have a glyph in the bundled fonts.
pub fn check_glyphs(name: &str, text: &str, coverage: &Coverage, face: ArabicFace) -> Result<(), super::BuildError> {
    for (n, line) in text.lines().enumerate() {
        if let Some((col, c)) = line.chars().enumerate().find(|&(_, c)| !coverage.covers(c)) {
            return Err(super::BuildError(format!(
                "clean/{name}:{}:{}: character U+{:04X} `{c}` has no glyph in the bundled fonts ({}, {}); remove or replace it in the source, or it would print as a box",
                n + 1,
                col + 1,
                c as u32,
                face.family(),
                LATIN_FAMILY
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_parse_and_cover_the_seeds_alphabet() {
        for f in FONTS {
            assert!(Face::parse(f.data, 0).is_ok(), "{} does not parse", f.name);
        }
        for face in [ArabicFace::NotoNaskh, ArabicFace::Amiri] {
            let cov = Coverage::new(face);
            for c in "كازاخستان «» “” – ،؛؟ ـ ًٌٍَُِّْ 0123456789 ٠١٢ abcXYZ’ \u{2066}\u{2069}".chars() {
                assert!(cov.covers(c), "{face:?} lacks {c:?}");
            }
            assert!(!cov.covers('\u{1F600}'), "emoji are not bundled");
        }
    }
}
