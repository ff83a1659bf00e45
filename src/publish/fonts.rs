//! The bundled fonts (OFL, in `fonts/` with their licences), embedded in the
//! binary so a build needs nothing from the machine; a dossier's own fonts
//! (its `fonts/` folder, named in `[build] fallback`); and the check that
//! every character has a glyph, so a missing one is an error listing every
//! place it occurs, never a tofu box.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use ttf_parser::{name_id, Face};

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
    font!("NotoSansMono-Regular.ttf"),
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
    /// How the names of its bundled files start (`Amiri-Bold.ttf`).
    fn file_stem(self) -> &'static str {
        match self {
            ArabicFace::NotoNaskh => "NotoNaskhArabic-",
            ArabicFace::Amiri => "Amiri-",
        }
    }

    /// The bundled font files the dossier's typesetting may use: all but
    /// the other Arabic faces', which the template never names.
    pub fn uses(self, file: &str) -> bool {
        [ArabicFace::NotoNaskh, ArabicFace::Amiri].into_iter().all(|face| face == self || !file.starts_with(face.file_stem()))
    }

    /// The body size and spacing this face reads well at, and the size of
    /// Latin runs against it: a Naskh is small for its point size (its
    /// teeth are lower than a Latin x-height), so it is set larger than a
    /// Latin text would be and its Latin runs smaller, until their
    /// lowercase matches the Arabic letters' height by eye.
    pub fn metrics(self) -> FaceMetrics {
        match self {
            ArabicFace::NotoNaskh => FaceMetrics { size: 12.0, leading: 0.78, latin_scale: 0.88 },
            // Amiri is smaller still and needs more room for its marks.
            ArabicFace::Amiri => FaceMetrics { size: 13.0, leading: 0.9, latin_scale: 0.82 },
        }
    }

    fn files(self) -> &'static [&'static str] {
        match self {
            ArabicFace::NotoNaskh => &["NotoNaskhArabic-Regular.ttf"],
            ArabicFace::Amiri => &["Amiri-Regular.ttf"],
        }
    }
}

/// A face's body setting (see [`ArabicFace::metrics`]).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct FaceMetrics {
    /// Body size, in points.
    pub size: f64,
    /// Space between lines, in em of the body size.
    pub leading: f64,
    /// Latin runs inside Arabic text, as a share of the body size.
    pub latin_scale: f64,
}

pub const LATIN_FAMILY: &str = "Noto Serif";

/// Code, inline and in blocks, left to right.
pub const MONO_FAMILY: &str = "Noto Sans Mono";

/// A font file of the dossier's own `fonts/` folder.
pub struct OwnFont {
    pub name: String,
    pub data: Vec<u8>,
    pub family: String,
}

/// A face's family name (the typographic one when it has one).
fn family_of(face: &Face) -> Option<String> {
    let names = face.names();
    [name_id::TYPOGRAPHIC_FAMILY, name_id::FAMILY]
        .iter()
        .find_map(|id| names.into_iter().filter(|n| n.name_id == *id).find_map(|n| n.to_string()))
}

/// The fonts in `dir/fonts/` (`.ttf`, `.otf`), in name order; none when
/// there is no such folder.
pub fn own_fonts(dir: &Path, root: &Path) -> Result<Vec<OwnFont>, String> {
    let folder = dir.join("fonts");
    // The folder and each font stay inside the dossier folder, after links.
    let Some(real_folder) = super::load::resolve_inside(dir, root, Path::new("fonts"), "the fonts folder").map_err(|e| e.0)? else {
        return Ok(Vec::new());
    };
    let Ok(entries) = std::fs::read_dir(&real_folder) else { return Ok(Vec::new()) };
    let mut names: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| {
            Path::new(n).extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf"))
        })
        .collect();
    names.sort();
    let mut out = Vec::new();
    for file in names {
        let path = folder.join(&file);
        let Some(real) = super::load::resolve_inside(dir, root, &Path::new("fonts").join(&file), "the font").map_err(|e| e.0)? else {
            continue;
        };
        if !real.is_file() {
            continue;
        }
        let data = std::fs::read(&real).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let family = Face::parse(&data, 0)
            .ok()
            .and_then(|f| family_of(&f))
            .ok_or_else(|| format!("{}: not a font dossier can read (TrueType or OpenType)", path.display()))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        out.push(OwnFont { name, data, family });
    }
    Ok(out)
}

/// Check that every family `[build] fallback` names is among `own`, and
/// return them as the font files spell them (typst matches them exactly).
pub fn check_fallback(fallback: &[String], own: &[OwnFont], dir: &Path) -> Result<Vec<String>, String> {
    let mut spelled = Vec::with_capacity(fallback.len());
    for family in fallback {
        if let Some(font) = own.iter().find(|f| f.family.eq_ignore_ascii_case(family)) {
            spelled.push(font.family.clone());
        } else {
            let have: BTreeSet<&str> = own.iter().map(|f| f.family.as_str()).collect();
            return Err(format!(
                "[build] fallback names \"{family}\", which no font in {} has; {}",
                dir.join("fonts").display(),
                if have.is_empty() {
                    "put the font file (.ttf or .otf) there".to_string()
                } else {
                    format!("the families there are: {}", have.into_iter().collect::<Vec<_>>().join(", "))
                }
            ));
        }
    }
    Ok(spelled)
}

/// Which characters the fonts of a build can draw.
pub struct Coverage<'a> {
    faces: Vec<Face<'a>>,
    /// The families, for messages.
    pub families: Vec<String>,
}

impl<'a> Coverage<'a> {
    /// The bundled faces a build uses, and the dossier's fonts of the
    /// `fallback` families.
    pub fn new(arabic: ArabicFace, own: &'a [OwnFont], fallback: &[String]) -> Coverage<'a> {
        let wanted: Vec<&str> = arabic.files().iter().copied().chain(["NotoSerif-Regular.ttf", "NotoSansMono-Regular.ttf"]).collect();
        let mut faces: Vec<Face<'a>> =
            FONTS.iter().filter(|f| wanted.contains(&f.name)).filter_map(|f| Face::parse(f.data, 0).ok()).collect();
        let mut families: Vec<String> = [arabic.family(), LATIN_FAMILY, MONO_FAMILY].map(String::from).to_vec();
        for family in fallback {
            faces.extend(own.iter().filter(|f| f.family.eq_ignore_ascii_case(family)).filter_map(|f| Face::parse(&f.data, 0).ok()));
            families.push(family.clone());
        }
        Coverage { faces, families }
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

/// The characters of `text` no font of the build can draw, in order.
pub fn missing(text: &str, coverage: &Coverage) -> BTreeSet<char> {
    // A bit per character of the Basic Multilingual Plane (8 KB), a set
    // for the rest: each character is looked up in the fonts once.
    let mut seen_bmp = vec![0u64; 1024];
    let mut seen = BTreeSet::new();
    let mut out = BTreeSet::new();
    for c in text.chars() {
        if c.is_ascii() {
            continue;
        }
        let first = match u32::from(c) {
            n if n < 0x10000 => {
                let (word, bit) = ((n / 64) as usize, 1u64 << (n % 64));
                let first = seen_bmp[word] & bit == 0;
                seen_bmp[word] |= bit;
                first
            }
            _ => seen.insert(c),
        };
        if first && !coverage.covers(c) {
            out.insert(c);
        }
    }
    out
}

/// Where each of `chars` occurs in `text`: `file:line:col` (col in
/// characters), at most `limit` places per character.
pub fn places(file: &str, text: &str, chars: &BTreeSet<char>, limit: usize, out: &mut BTreeMap<char, Vec<String>>) {
    for (c, at) in occurrences(text, chars) {
        let places = out.entry(c).or_default();
        if places.len() < limit {
            places.push(format!("{file}:{}:{}", at.line, at.col));
        }
    }
}

/// Where one character of [`occurrences`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    /// Its byte offset in the text.
    pub offset: usize,
    /// Its line, from 1.
    pub line: usize,
    /// Its column in characters, from 1.
    pub col: usize,
}

/// Each occurrence of `chars` in `text`, in order.
pub fn occurrences<'a>(text: &'a str, chars: &'a BTreeSet<char>) -> impl Iterator<Item = (char, At)> + 'a {
    let (mut line, mut col) = (1, 0);
    text.char_indices().filter_map(move |(offset, c)| {
        if c == '\n' {
            (line, col) = (line + 1, 0);
            return None;
        }
        col += 1;
        chars.contains(&c).then_some((c, At { offset, line, col }))
    })
}

/// One message for every character no font can draw, each with where it
/// occurs, and the two ways through.
pub fn missing_message(places: &BTreeMap<char, Vec<String>>, coverage: &Coverage, dir: &Path) -> String {
    let mut msg = format!(
        "{} character{} no glyph in the fonts of this build ({}); each would print as a box:\n",
        places.len(),
        if places.len() == 1 { " has" } else { "s have" },
        coverage.families.join(", ")
    );
    for (c, at) in places {
        msg.push_str(&format!("  U+{:04X} `{c}` at {}\n", *c as u32, at.join(", ")));
    }
    msg.push_str(&format!(
        "remove or replace them in the source, or put a font that has them in {} and name its family in dossier.toml: [build] fallback = [\"Family\"]",
        dir.join("fonts").display()
    ));
    msg
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
            let cov = Coverage::new(face, &[], &[]);
            for c in "كازاخستان «» “” – ،؛؟ ـ ًٌٍَُِّْ 0123456789 ٠١٢ abcXYZ’ \u{2066}\u{2069}".chars() {
                assert!(cov.covers(c), "{face:?} lacks {c:?}");
            }
            assert!(!cov.covers('\u{1F600}'), "emoji are not bundled");
        }
    }

    #[test]
    fn every_missing_character_is_listed_with_its_places() {
        let cov = Coverage::new(ArabicFace::NotoNaskh, &[], &[]);
        let text = "نص 😀 و中\nسطر ثان 😀 {code}\n";
        let chars = missing(text, &cov);
        assert_eq!(chars.iter().collect::<String>(), "中😀");
        let mut at = BTreeMap::new();
        places("a.md", text, &chars, 20, &mut at);
        assert_eq!(at[&'😀'], vec!["a.md:1:4", "a.md:2:9"]);
        let msg = missing_message(&at, &cov, Path::new("d"));
        assert!(msg.starts_with("2 characters have no glyph"), "{msg}");
        assert!(msg.contains("U+4E2D `中` at a.md:1:7") && msg.contains("d/fonts") && msg.contains("fallback"), "{msg}");
    }

    #[test]
    fn a_fallback_family_must_be_in_the_dossier_fonts() {
        let own = vec![OwnFont { name: "x.ttf".into(), data: Vec::new(), family: "Noto Sans Symbols2".into() }];
        assert!(check_fallback(&["noto sans symbols2".into()], &own, Path::new("d")).is_ok());
        let e = check_fallback(&["Emoji One".into()], &own, Path::new("d")).unwrap_err();
        assert!(e.contains("Emoji One") && e.contains("Noto Sans Symbols2"), "{e}");
    }
}
