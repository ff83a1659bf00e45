//! Marks that come in pairs, brackets and quotation marks with a distinct
//! opener and closer, and which opener a closer closes.

/// The closer that pairs with opener `c`: `(` `)`, `[` `]`, `«` `»`, `“` `”`.
/// Straight `"` and the `”…”` of Arabic copy are not here: which of those
/// opens is a guess, the Q rules' to make.
pub fn closer_of(c: char) -> Option<char> {
    Some(match c {
        '(' => ')',
        '[' => ']',
        '«' => '»',
        '\u{201C}' => '\u{201D}',
        _ => return None,
    })
}

/// The opener that closer `c` closes.
pub fn opener_of(c: char) -> Option<char> {
    Some(match c {
        ')' => '(',
        ']' => '[',
        '»' => '«',
        '\u{201D}' => '\u{201C}',
        _ => return None,
    })
}

/// The kinds, indexed by opener: `(`, `[`, `«`, `“`.
const OPENERS: [char; 4] = ['(', '[', '«', '\u{201C}'];

fn kind(opener: char) -> Option<usize> {
    OPENERS.iter().position(|&o| o == opener)
}

/// How the marks of a text pair up.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pairing {
    /// (opener, closer) offsets, in the order the closers come.
    pub pairs: Vec<(usize, usize)>,
    /// Offsets of marks with no partner, in text order.
    pub unmatched: Vec<usize>,
    /// Per kind, some mark has no partner.
    stray: [bool; 4],
}

impl Pairing {
    /// Some mark of this kind (named by its opener) has no partner.
    pub fn kind_unmatched(&self, opener: char) -> bool {
        kind(opener).is_some_and(|k| self.stray[k])
    }
}

/// Pair `marks` (offset, mark; in text order): each closer with the last
/// opener of its kind still open. Kinds pair independently, so `( « ) »`
/// pairs both. Linear: one stack per kind.
pub fn pair(marks: impl IntoIterator<Item = (usize, char)>) -> Pairing {
    let mut open: [Vec<usize>; 4] = Default::default();
    let mut out = Pairing::default();
    for (i, c) in marks {
        if let Some(k) = kind(c) {
            open[k].push(i);
        } else if let Some(k) = opener_of(c).and_then(kind) {
            match open[k].pop() {
                Some(o) => out.pairs.push((o, i)),
                None => {
                    out.unmatched.push(i);
                    out.stray[k] = true;
                }
            }
        }
    }
    for (k, left) in open.into_iter().enumerate() {
        out.stray[k] |= !left.is_empty();
        out.unmatched.extend(left);
    }
    out.unmatched.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<(usize, char)> {
        text.char_indices().filter(|&(_, c)| closer_of(c).is_some() || opener_of(c).is_some()).collect()
    }

    #[test]
    fn pairs_by_kind() {
        let t = "(a «b) c» [d";
        let p = pair(marks(t));
        assert_eq!(p.pairs.len(), 2);
        assert_eq!(p.unmatched, vec![t.find('[').unwrap()]);
        assert!(p.kind_unmatched('['));
        assert!(!p.kind_unmatched('('));
        let t = "ديسمبر 1911)، وأمضى";
        assert_eq!(pair(marks(t)).unmatched, vec![t.find(')').unwrap()]);
    }
}
