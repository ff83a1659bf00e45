//! The glyphs a PDF draws, read from mutool's structured text (`mutool draw
//! -F stext`): one reader for every test that checks positions on the page.

use std::path::Path;

use super::{attr, tool, unescape};

/// One drawn character: its page (from 1), its box left to right, the top
/// of its box and its baseline (down from the page's top, in pt), and its
/// font size.
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    pub page: usize,
    pub c: char,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub y: f64,
    pub size: f64,
}

impl Glyph {
    /// The horizontal centre of its box.
    pub fn x(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// Every glyph of the PDF in the order mutool gives them, and the width of
/// its pages (the last page's; a dossier's pages are all one size).
pub fn glyphs(pdf: &Path) -> (Vec<Glyph>, f64) {
    let xml = tool("mutool", &["draw", "-q", "-F", "stext", "-o", "-", pdf.to_str().unwrap()]);
    let mut out = Vec::new();
    let (mut page, mut width, mut size) = (0, 0.0, 0.0);
    for tag in xml.split('<').skip(1) {
        if tag.starts_with("page ") {
            page += 1;
            width = attr(tag, "width").and_then(|w| w.parse().ok()).unwrap_or(width);
        } else if tag.starts_with("font ") {
            size = attr(tag, "size").and_then(|s| s.parse().ok()).unwrap_or(10.0);
        } else if tag.starts_with("char ") {
            let quad: Vec<f64> = attr(tag, "quad").unwrap().split_whitespace().map(|v| v.parse().unwrap()).collect();
            let c = unescape(attr(tag, "c").unwrap());
            let y = attr(tag, "y").unwrap().parse().unwrap();
            let top = quad[1].min(quad[3]);
            // A glyph standing for several characters (a ligature) shares
            // its box between them, in logical order.
            let n = c.chars().count().max(1) as f64;
            let (left, right) = (quad[0].min(quad[2]), quad[0].max(quad[2]));
            let w = (right - left) / n;
            for (k, ch) in c.chars().enumerate() {
                out.push(Glyph { page, c: ch, x0: left + w * k as f64, x1: left + w * (k + 1) as f64, top, y, size });
            }
        }
    }
    (out, width)
}
