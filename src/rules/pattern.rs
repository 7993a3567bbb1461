//! Phrasing patterns with typed placeholders, compiled to regexes.
//!
//! A pattern is a regex in which `{count}`, `{money}`, `{percent}`, ... stand for a value the
//! quantity grammar read. Before matching, the extractor replaces each mention in the text by a
//! token that names its kind (see [`token`]); a placeholder compiles to a group that matches one
//! token of its kind. So the regex engine handles the words around a value and the grammar alone
//! decides what a value is: `{count} member countries` matches "thirty member countries" and
//! "30 member countries" but not "F-16 member", and "31st member" is an ordinal, not a count.
//!
//! Two conveniences keep patterns readable: a literal space matches any run of whitespace
//! (line breaks and non-breaking spaces included), and a pattern that starts or ends with a word
//! character gets a word boundary there. Matching ignores case.

use crate::quantity::Kind;
use regex::{Regex, RegexBuilder};

/// Start and end of a mention token in masked text (private-use characters never in prose).
pub const TOKEN_OPEN: char = '\u{E000}';
/// See [`TOKEN_OPEN`].
pub const TOKEN_CLOSE: char = '\u{E001}';

/// Placeholders a pattern may use, and the mention kind each one matches.
pub const PLACEHOLDERS: &[(&str, Kind, &str)] = &[
    ("count", Kind::Number, "a cardinal number: 32, thirty-two, 1,340, tens of thousands"),
    ("number", Kind::Number, "same as {count}"),
    ("money", Kind::Money, "an amount of money: $60-billion, €270 million, NOK 2 billion"),
    ("percent", Kind::Percent, "a percentage: 55 percent, 55%"),
    ("points", Kind::PercentagePoints, "percentage points: 3 percentage points"),
    ("quantity", Kind::Quantity, "a quantity with a unit: 1,340 km"),
    ("date", Kind::Date, "a date: Nov. 29, 29 November 2023, last Tuesday"),
    ("year", Kind::Year, "a year: 2022"),
    ("ordinal", Kind::Ordinal, "an ordinal: 31st, third"),
];

/// The letter a kind's token carries.
pub fn kind_letter(kind: Kind) -> char {
    match kind {
        Kind::Number => 'N',
        Kind::Ordinal => 'O',
        Kind::Money => 'M',
        Kind::Percent => 'P',
        Kind::PercentagePoints => 'Q',
        Kind::Quantity => 'U',
        Kind::Date => 'D',
        Kind::Year => 'Y',
    }
}

/// The token that stands for mention number `index` of kind `kind` in masked text.
pub fn token(kind: Kind, index: usize) -> String {
    format!("{TOKEN_OPEN}{}{index}{TOKEN_CLOSE}", kind_letter(kind))
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern as written.
    pub source: String,
    /// The compiled regex, over masked text.
    pub regex: Regex,
    /// Capture group names of the placeholders, in order, with their kinds.
    pub placeholders: Vec<(String, Kind)>,
    /// Whether the pattern has a `(?P<value>...)` group.
    pub has_value_group: bool,
}

/// What went wrong compiling a pattern, with the byte offset in the pattern it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset into the pattern text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// Largest compiled size of one pattern; larger ones are errors rather than slow runs.
const SIZE_LIMIT: usize = 1 << 20;

/// A word boundary of ASCII word characters (see [`compile`]).
const ASCII_BOUNDARY: &str = r"(?-u:\b)";

/// Compile a pattern with placeholders.
pub fn compile(source: &str) -> Result<Pattern, PatternError> {
    if source.trim().is_empty() {
        return Err(PatternError {
            offset: 0,
            message: "empty pattern".into(),
            hint: "write the words around the value, e.g. \"{count} member states\"".into(),
        });
    }
    let mut out = String::with_capacity(source.len() * 2);
    let mut placeholders = Vec::new();
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let (off, c) = chars[i];
        match c {
            '\\' => match chars.get(i + 1) {
                // Word boundaries are ASCII ones: the masked text holds private-use characters
                // (the tokens), and on such text a Unicode `\b` keeps the regex engine off its
                // fast automaton (claims of 25k generated articles 1.49 -> 0.39 s). A letter
                // outside ASCII then counts as a non-word character beside it.
                Some(&(_, n @ ('b' | 'B'))) if !in_class => {
                    out.push_str(if n == 'b' { ASCII_BOUNDARY } else { r"(?-u:\B)" });
                    i += 1;
                }
                Some(&(_, n)) => {
                    out.push(c);
                    out.push(n);
                    i += 1;
                }
                None => out.push(c),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            ' ' if !in_class => {
                // Collapse a run of spaces into one flexible whitespace match.
                while chars.get(i + 1).is_some_and(|&(_, n)| n == ' ') {
                    i += 1;
                }
                out.push_str(r"\s+");
            }
            '{' if !in_class => {
                let rest = &source[off + 1..];
                let end = rest.find('}');
                let name = end.map(|e| &rest[..e]).unwrap_or("");
                let is_quantifier = !name.is_empty() && name.chars().all(|ch| ch.is_ascii_digit() || ch == ',');
                if is_quantifier {
                    out.push(c);
                } else {
                    let Some(end) = end else {
                        return Err(PatternError {
                            offset: off,
                            message: "unclosed `{`".into(),
                            hint: "close the placeholder with `}`, or write `\\{` for a literal brace".into(),
                        });
                    };
                    let Some(&(_, kind, _)) = PLACEHOLDERS.iter().find(|(n, _, _)| *n == name) else {
                        let names: Vec<String> = PLACEHOLDERS.iter().map(|(n, _, _)| format!("{{{n}}}")).collect();
                        let close = PLACEHOLDERS
                            .iter()
                            .map(|(n, _, _)| (strsim::jaro_winkler(n, name), *n))
                            .filter(|(s, _)| *s > 0.8)
                            .max_by(|a, b| a.0.total_cmp(&b.0))
                            .map(|(_, n)| format!("did you mean {{{n}}}? "))
                            .unwrap_or_default();
                        return Err(PatternError {
                            offset: off,
                            message: format!("unknown placeholder `{{{name}}}`"),
                            hint: format!("{close}placeholders are {}", names.join(", ")),
                        });
                    };
                    let group = format!("__p{}", placeholders.len());
                    out.push_str(&format!("(?P<{group}>{TOKEN_OPEN}{}\\d+{TOKEN_CLOSE})", kind_letter(kind)));
                    placeholders.push((group, kind));
                    // Skip the name and the closing brace.
                    let target = off + 1 + end + 1;
                    while i < chars.len() && chars[i].0 < target {
                        i += 1;
                    }
                    continue;
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    let first_word = source.chars().next().is_some_and(|c| c.is_alphanumeric());
    let last_word = source.chars().next_back().is_some_and(|c| c.is_alphanumeric());
    let full = format!("{}(?:{out}){}", if first_word { ASCII_BOUNDARY } else { "" }, if last_word { ASCII_BOUNDARY } else { "" });
    let regex = RegexBuilder::new(&full).case_insensitive(true).size_limit(SIZE_LIMIT).build().map_err(|e| regex_error(&e))?;
    let has_value_group = regex.capture_names().flatten().any(|n| n == "value");
    Ok(Pattern { source: source.to_string(), regex, placeholders, has_value_group })
}

/// Compile a plain regex (subject and role labels, raw `regex` patterns): case-sensitive
/// unless it says `(?i)`, with the same size limit.
pub(crate) fn compile_plain(source: &str) -> Result<Regex, PatternError> {
    if source.is_empty() {
        return Err(PatternError { offset: 0, message: "empty regex".into(), hint: "write what to match".into() });
    }
    RegexBuilder::new(source).size_limit(SIZE_LIMIT).build().map_err(|e| regex_error(&e))
}

fn regex_error(e: &regex::Error) -> PatternError {
    match e {
        regex::Error::CompiledTooBig(limit) => PatternError {
            offset: 0,
            message: format!("the compiled pattern exceeds the size limit of {limit} bytes"),
            hint: "simplify it: fewer alternatives, no large repetition counts".into(),
        },
        other => {
            let text = other.to_string();
            let detail = text
                .lines()
                .rev()
                .find(|l| l.trim_start().starts_with("error:"))
                .map(|l| l.trim().trim_start_matches("error:").trim().to_string())
                .unwrap_or(text);
            let hint = if detail.contains("look-around") {
                "regexes here have no look-around (it would make matching slow on large corpora): to exclude a phrasing, give it in the fact's `not-when`; where two subject or role regexes overlap, the longer match wins".into()
            } else if detail.contains("backreference") {
                "regexes here have no backreferences: spell out the alternatives, e.g. `(?:Kyiv|Kiev)`".into()
            } else {
                "patterns are regexes (https://docs.rs/regex/latest/regex/#syntax); escape `.`, `(`, `$` etc. with `\\\\` in TOML basic strings or use a 'literal string'".into()
            };
            PatternError { offset: 0, message: format!("invalid regex: {detail}"), hint }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(kind: Kind, before: &str, after: &str) -> String {
        format!("{before}{}{after}", token(kind, 7))
    }

    #[test]
    fn word_boundaries_hold_beside_tokens_and_words() {
        let p = compile("{count} members").unwrap();
        assert!(p.regex.is_match(&masked(Kind::Number, "alliance of ", " members.")));
        assert!(!p.regex.is_match(&masked(Kind::Number, "the ", " membership")));
        let b = compile(r"\bEU\b[^.]{0,20}{count}").unwrap();
        assert!(b.regex.is_match(&masked(Kind::Number, "the EU has ", " states")));
        assert!(!b.regex.is_match(&masked(Kind::Number, "Europe has ", " states")));
    }

    #[test]
    fn placeholder_matches_its_kind_only() {
        let p = compile("{count} member countries").unwrap();
        assert!(p.regex.is_match(&masked(Kind::Number, "comprising ", " member  countries,")));
        assert!(p.regex.is_match(&masked(Kind::Number, "", " member\ncountries")));
        assert!(!p.regex.is_match(&masked(Kind::Money, "", " member countries")));
        assert!(!p.regex.is_match(&masked(Kind::Number, "", " member countriesx")));
    }

    #[test]
    fn quantifiers_are_not_placeholders() {
        let p = compile("a{2} {money}").unwrap();
        assert!(p.regex.is_match(&masked(Kind::Money, "aa ", "")));
    }

    #[test]
    fn unknown_placeholder_suggests() {
        let e = compile("{mony} package").unwrap_err();
        assert_eq!(e.offset, 0);
        assert!(e.message.contains("{mony}"));
        assert!(e.hint.contains("did you mean {money}"), "{}", e.hint);
    }

    #[test]
    fn bad_regex_is_reported() {
        let e = compile("{money} (package").unwrap_err();
        assert!(e.message.starts_with("invalid regex"), "{}", e.message);
    }

    #[test]
    fn look_around_gets_its_own_hint() {
        let e = compile_plain("in Turkey(?! and)").unwrap_err();
        assert!(e.message.contains("look-around"), "{}", e.message);
        assert!(e.hint.contains("not-when"), "{}", e.hint);
        let e = compile_plain(r"(Kyiv) and \1").unwrap_err();
        assert!(e.hint.contains("no backreferences"), "{}", e.hint);
    }

    #[test]
    fn value_group_detected() {
        assert!(compile("meeting in (?P<value>Brussels|Bucharest)").unwrap().has_value_group);
    }
}
