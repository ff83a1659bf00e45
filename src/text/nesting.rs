//! How deep brackets nest in front matter (YAML flow collections, TOML
//! arrays and inline tables): parsers slow with the square of the depth
//! before their own limits stop them, so the depth is measured first, in
//! one linear pass.

/// How deep front matter may nest `[` and `{`: metadata needs two or three
/// levels, and the YAML parser took 21 s on 200 KB of `[`.
pub const MAX_FLOW_DEPTH: usize = 32;

/// The deepest nesting of `[` and `{` in `text`, outside quoted strings (a
/// quote left open ends with its line).
pub fn flow_depth(text: &str) -> usize {
    let (mut depth, mut deepest, mut quote, mut escaped) = (0usize, 0usize, None, false);
    for c in text.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        if c == '\n' {
            quote = None;
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_brackets_outside_quotes() {
        assert_eq!(flow_depth("tags: [a, [b, {c: d}]]\ntitle: \"[[[[\"\n"), 3);
        assert_eq!(flow_depth("title: don't [stop]\n"), 0, "a quote left open hides the rest of its line");
        assert_eq!(flow_depth(&"[".repeat(1000)), 1000);
    }
}
