//! The mention grammar over tokens: qualifiers, sides (currency, number, scale, unit or
//! percent), ranges with distribution of currency/scale/unit, parenthesised conversions,
//! and the refusals (identifiers, times, codes, list numbering, the pronoun "one").
//! `Parser::scan_all` walks the tokens once; every rule looks at a bounded window, so the
//! scan is linear in the length of the text.

use super::lex::{FnvMap, Tok, LEXICON, TK};
use super::money::CurP;
use super::number::NumP;
use super::{Amount, Mention, Num, Qualifier, ScanOptions, Unit, Value};
use std::sync::LazyLock;

/// Words the grammar itself reads.
pub(crate) const WORDS: &[&str] = &[
    "about",
    "around",
    "roughly",
    "some",
    "approximately",
    "nearly",
    "almost",
    "an",
    "estimated",
    "close",
    "to",
    "circa",
    "approx",
    "more",
    "than",
    "over",
    "above",
    "exceeding",
    "in",
    "excess",
    "of",
    "upwards",
    "greater",
    "higher",
    "at",
    "least",
    "no",
    "less",
    "fewer",
    "minimum",
    "under",
    "below",
    "lower",
    "just",
    "well",
    "most",
    "up",
    "maximum",
    "not",
    "exactly",
    "precisely",
    "between",
    "and",
    "from",
    "through",
    "percent",
    "per",
    "cent",
    "pc",
    "pct",
    "percentage",
    "point",
    "points",
    "pp",
    "ppt",
    "pm",
    "am",
    "a",
    "m",
    "p",
    "o",
    "clock",
    "or",
    "only",
];

/// Words read only as context (never starting a mention): verbs of change before "X to Y".
pub(crate) const CONTEXT_WORDS: &[&str] = &[
    "plus",
    "odd",
    "rose",
    "rise",
    "rises",
    "risen",
    "fell",
    "fall",
    "falls",
    "fallen",
    "increased",
    "decreased",
    "grew",
    "dropped",
    "jumped",
    "climbed",
    "slipped",
    "declined",
    "gained",
    "lost",
    "cut",
    "raised",
    "up",
    "down",
    "by",
    "added",
    "shed",
    "but",
];

/// One piece of a surface form: a word, a digit run or a punctuation character.
#[derive(Debug, Clone)]
struct Piece {
    /// Lower-case word or digits, or the character.
    text: String,
    is_char: bool,
    /// The form had capitals here: the text must match exactly.
    exact: Option<String>,
    /// No space allowed before this piece.
    glued: bool,
}

/// A compiled surface form ("US$", "sq km", "km/h", "°C").
#[derive(Debug, Clone)]
pub(crate) struct Pat {
    pieces: Vec<Piece>,
}

impl Pat {
    /// Cuts a form into pieces the way the tokenizer cuts text.
    pub(crate) fn compile(form: &str) -> Pat {
        let mut pieces = Vec::new();
        let mut glued = false;
        let mut chars = form.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == ' ' {
                glued = false;
                continue;
            }
            let mut end = i + c.len_utf8();
            let is_word = c.is_alphabetic();
            let is_digit = c.is_ascii_digit();
            if is_word || is_digit {
                while let Some(&(j, d)) = chars.peek() {
                    if (is_word && d.is_alphabetic()) || (is_digit && d.is_ascii_digit()) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
            }
            let raw = form.get(i..end).unwrap_or("");
            let low = raw.to_lowercase();
            // Capitals make short symbols and codes exact ("MW", "kWh", "USD", "C$"); names
            // ("Celsius", "Danish kroner") match in any case.
            let short = raw.chars().count() <= 3 || raw.chars().all(|c| !c.is_lowercase());
            pieces.push(Piece {
                exact: (low != raw && short).then(|| raw.to_string()),
                text: low,
                is_char: !(is_word || is_digit),
                glued: !pieces.is_empty() && glued,
            });
            glued = true;
        }
        Pat { pieces }
    }

    /// Number of pieces.
    pub(crate) fn len(&self) -> usize {
        self.pieces.len()
    }

    /// Lower-case words in a form, for the lexicon.
    pub(crate) fn words(form: &str) -> Vec<String> {
        form.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    }
}

/// Compiled forms indexed by their first piece, so a lookup tries only the few forms that
/// can start at a token instead of every form (the scan visits most words of the text).
pub(crate) struct PatIndex<T> {
    /// By lexicon id of the first word.
    words: Vec<Vec<(Pat, T)>>,
    chars: FnvMap<char, Vec<(Pat, T)>>,
    nums: FnvMap<String, Vec<(Pat, T)>>,
}

impl<T> PatIndex<T> {
    /// Indexes `items`; within a bucket the longest forms come first.
    pub(crate) fn new(items: Vec<(Pat, T)>) -> Self {
        let mut idx = PatIndex { words: Vec::new(), chars: FnvMap::default(), nums: FnvMap::default() };
        for (pat, t) in items {
            let Some(first) = pat.pieces.first() else {
                continue;
            };
            if first.is_char {
                let c = first.text.chars().next().unwrap_or(' ');
                idx.chars.entry(c).or_default().push((pat, t));
            } else if first.text.starts_with(|c: char| c.is_ascii_digit()) {
                idx.nums.entry(first.text.clone()).or_default().push((pat, t));
            } else if let Some(e) = LEXICON.get(first.text.as_bytes()) {
                let id = usize::from(e.id);
                if idx.words.len() <= id {
                    idx.words.resize_with(id + 1, Vec::new);
                }
                if let Some(b) = idx.words.get_mut(id) {
                    b.push((pat, t));
                }
            }
        }
        for v in idx.words.iter_mut().chain(idx.chars.values_mut()).chain(idx.nums.values_mut()) {
            v.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        }
        idx
    }

    /// The forms that may start at token `t`, longest first.
    pub(crate) fn bucket(&self, t: &Tok) -> &[(Pat, T)] {
        let v = match &t.kind {
            TK::Word { .. } => self.words.get(usize::from(t.id)).filter(|_| t.id != 0),
            TK::Punct(c) => self.chars.get(c),
            TK::Num(n) => self.nums.get(n.clean.as_str()),
        };
        v.map_or(&[], Vec::as_slice)
    }
}

/// Qualifier phrases and what they mean.
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("roughly", Qualifier::About),
    ("some", Qualifier::About),
    ("approximately", Qualifier::About),
    ("approx", Qualifier::About),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("an estimated", Qualifier::About),
    ("estimated", Qualifier::About),
    ("close to", Qualifier::About),
    ("circa", Qualifier::About),
    ("~", Qualifier::About),
    ("≥", Qualifier::AtLeast),
    ("≤", Qualifier::AtMost),
    ("more than", Qualifier::MoreThan),
    ("just over", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("greater than or equal to", Qualifier::AtLeast),
    ("more than or equal to", Qualifier::AtLeast),
    ("less than or equal to", Qualifier::AtMost),
    ("equal to or more than", Qualifier::AtLeast),
    ("equal to or greater than", Qualifier::AtLeast),
    ("equal to or higher than", Qualifier::AtLeast),
    ("equal to or above", Qualifier::AtLeast),
    ("equal to or less than", Qualifier::AtMost),
    ("equal to or fewer than", Qualifier::AtMost),
    ("equal to or lower than", Qualifier::AtMost),
    ("equal to or below", Qualifier::AtMost),
    ("bigger than", Qualifier::MoreThan),
    ("larger than", Qualifier::MoreThan),
    ("smaller than", Qualifier::LessThan),
    ("greater than", Qualifier::MoreThan),
    ("higher than", Qualifier::MoreThan),
    ("at least", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("no fewer than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("less than", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("lower than", Qualifier::LessThan),
    ("just under", Qualifier::LessThan),
    ("just below", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("at most", Qualifier::AtMost),
    ("up to", Qualifier::AtMost),
    ("as many as", Qualifier::AtMost),
    ("as much as", Qualifier::AtMost),
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("a maximum of", Qualifier::AtMost),
    ("exactly", Qualifier::Exact),
    ("precisely", Qualifier::Exact),
];

static QUAL_PATS: LazyLock<PatIndex<Qualifier>> =
    LazyLock::new(|| PatIndex::new(QUALIFIERS.iter().map(|(f, q)| (Pat::compile(f), *q)).collect()));

/// Qualifier phrases, for the lexicon.
pub(crate) fn qualifier_forms() -> impl Iterator<Item = &'static str> {
    QUALIFIERS.iter().map(|q| q.0)
}

/// What follows a number: percent, percentage points.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pct {
    None,
    Percent,
    Points,
}

/// One side of a possible range.
#[derive(Debug, Clone)]
struct Side {
    start: usize,
    end: usize,
    num: NumP,
    cur: Option<CurP>,
    unit: Option<Unit>,
    pct: Pct,
}

impl Side {
    fn bare(&self) -> bool {
        self.cur.is_none() && self.unit.is_none() && self.pct == Pct::None
    }
}

/// The parser: the text, its tokens and the options.
pub(crate) struct Parser<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub opts: &'a ScanOptions,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(text: &'a str, toks: &'a [Tok], opts: &'a ScanOptions) -> Self {
        Parser { text, toks, opts }
    }

    pub(crate) fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }
    pub(crate) fn lex(&self, i: usize) -> Option<&'static str> {
        self.toks.get(i).and_then(Tok::lex)
    }
    pub(crate) fn punct(&self, i: usize) -> Option<char> {
        self.toks.get(i).and_then(Tok::punct)
    }
    /// Token `i` exists and follows the previous one without a space.
    pub(crate) fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.sp)
    }
    /// No letter or digit is glued right after token `i`.
    pub(crate) fn word_ends(&self, i: usize) -> bool {
        match self.toks.get(i + 1) {
            None => true,
            Some(t) => t.sp || matches!(t.kind, TK::Punct(_)),
        }
    }
    /// Token `i` ends a clause: the end of the text or closing punctuation.
    pub(crate) fn end_of_clause(&self, i: usize) -> bool {
        match self.toks.get(i) {
            None => true,
            Some(t) => matches!(t.punct(), Some('.' | ',' | ';' | ':' | '!' | '?' | ')')),
        }
    }

    fn raw(&self, t: &Tok) -> &str {
        self.text.get(t.start..t.end).unwrap_or("")
    }

    /// Matches a compiled form at token `i`; returns the index just past it.
    pub(crate) fn match_pat(&self, i: usize, pat: &Pat) -> Option<usize> {
        let mut j = i;
        for p in &pat.pieces {
            let t = self.toks.get(j)?;
            if p.glued && t.sp {
                return None;
            }
            let ok = match &t.kind {
                TK::Punct(c) => p.is_char && p.text.starts_with(*c) && p.text.len() == c.len_utf8(),
                TK::Word { lex } => {
                    !p.is_char
                        && match &p.exact {
                            Some(e) => self.raw(t) == e,
                            None => lex.is_some_and(|l| l == p.text),
                        }
                }
                TK::Num(n) => !p.is_char && n.clean == p.text,
            };
            if !ok {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// Every mention, left to right, longest reading at each position.
    /// Mentions are pushed to `out` with their spans shifted by `offset` (where this piece
    /// starts in the scanned text).
    pub(crate) fn scan_all(&self, out: &mut Vec<Mention>, offset: usize) {
        let mut i = 0;
        while i < self.toks.len() {
            if !self.may_start(i) {
                i += 1;
                continue;
            }
            if let Some(end) = self.phone_number(i) {
                i = end;
                continue;
            }
            match self.mention(i) {
                Some((mut m, end)) if end > i => {
                    if offset > 0 {
                        super::shift(&mut m, offset);
                    }
                    out.push(m);
                    i = end;
                }
                _ => i += 1,
            }
        }
    }

    /// "+44 20 7946 0958", "+1 (555) 123-4567": a '+' glued to digits and followed by more
    /// digit groups is a telephone number; returns the index past it.
    fn phone_number(&self, i: usize) -> Option<usize> {
        if self.punct(i) != Some('+') || !self.tok(i + 1).is_some_and(|t| !t.sp && t.num().is_some()) {
            return None;
        }
        let mut j = i + 2;
        let mut groups = 1;
        while let Some(t) = self.tok(j) {
            match &t.kind {
                TK::Num(_) => groups += 1,
                TK::Punct('(' | ')' | '-' | '.') => {}
                _ => break,
            }
            j += 1;
        }
        (groups >= 3).then_some(j)
    }

    /// Cheap filter: only digits, starting words and symbols can start a mention.
    fn may_start(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.starter)
    }

    /// The longest mention starting at token `i`.
    pub(crate) fn mention(&self, i: usize) -> Option<(Mention, usize)> {
        let date = self.date(i);
        let amount = self.amount_mention(i);
        match (date, amount) {
            (Some((d, de)), Some((m, me))) if me > de => {
                let _ = d;
                Some((m, me))
            }
            (Some((d, de)), _) => Some((self.mk(i, de, Value::Date { date: d }, Qualifier::Exact), de)),
            (None, a) => a,
        }
    }

    fn mk(&self, i: usize, end: usize, value: Value, qualifier: Qualifier) -> Mention {
        let s = self.toks.get(i).map_or(0, |t| t.start);
        let e = end.checked_sub(1).and_then(|k| self.toks.get(k)).map_or(s, |t| t.end);
        Mention { span: s..e, value, qualifier, conversion: None }
    }

    fn qualifier(&self, i: usize) -> Option<(Qualifier, usize)> {
        for (pat, q) in QUAL_PATS.bucket(self.tok(i)?) {
            if let Some(end) = self.match_pat(i, pat) {
                return Some((*q, end));
            }
        }
        None
    }

    /// `[qualifier] side [connector side] [(conversion)]`.
    fn amount_mention(&self, i: usize) -> Option<(Mention, usize)> {
        self.amount_mention_at(i, true)
    }

    /// An amount mention; `with_conversion` is false inside the parentheses of one, since
    /// conversions do not nest (and "5 (5 (5 ..." must not recurse).
    fn amount_mention_at(&self, i: usize, with_conversion: bool) -> Option<(Mention, usize)> {
        let (mut qual, j, range_word) = match self.lex(i) {
            Some("between") => (Qualifier::Range, i + 1, Some("between")),
            Some("from") => (Qualifier::Range, i + 1, Some("from")),
            _ => match self.qualifier(i) {
                Some((q, e)) => (q, e, None),
                None => (Qualifier::Exact, i, None),
            },
        };
        let qualified = j > i;
        // "around 10-20 dollars", "about $10-$20": a qualifier before a range is dropped.
        let s1 = self.side(j, false)?;
        let mut end = s1.end;
        let mut low = s1.clone();
        let mut high: Option<Side> = None;
        if low.num.ordinal.is_none() && low.num.high.is_none() {
            if let Some((s2, e2)) = self.range_tail(&s1, range_word) {
                let (a, b) = distribute(s1.clone(), s2);
                if a.num.num.value < b.num.num.value && compatible(&a, &b) {
                    low = a;
                    high = Some(b);
                    end = e2;
                    qual = Qualifier::Range;
                } else if self.is_dash(s1.end) && !self.year_like(&s1) {
                    // "3-1": a score or a code, not an amount.
                    return None;
                }
            } else if !self.year_like(&s1)
                && self.is_dash(s1.end)
                && self.glued(s1.end)
                && self.tok(s1.end + 1).is_some_and(|t| !t.sp && t.num().is_some())
            {
                return None;
            }
        }
        if range_word.is_some() && high.is_none() {
            // "from 5%" with no second side: the scan moves on and the mention starts at the
            // number (no recursion here, so "from from from ..." stays flat).
            return None;
        }
        if low.num.high.is_some() {
            qual = Qualifier::Vague;
        }
        // Qualifiers written after the amount: "30 or more", "100 or fewer", "18 and over";
        // they also sharpen "about" ("about 500 or more"), but "5000 or less than 6000" leaves
        // the "less than" to the next amount.
        if matches!(qual, Qualifier::Exact | Qualifier::About) && high.is_none() && low.num.ordinal.is_none() {
            let after = match (self.lex(end), self.lex(end + 1)) {
                _ if self.lex(end + 2) == Some("than") => None,
                (Some("or"), Some("more" | "above" | "greater")) => Some(Qualifier::AtLeast),
                (Some("or"), Some("less" | "fewer" | "below")) => Some(Qualifier::AtMost),
                (Some("and"), Some("above" | "over" | "up")) => Some(Qualifier::AtLeast),
                (Some("and"), Some("below" | "under")) => Some(Qualifier::AtMost),
                _ => None,
            };
            if qual == Qualifier::About && after.is_none() {
                // "about 500" stays about.
            } else if let Some(q) = after {
                qual = q;
                end += 2;
            } else if self.punct(end) == Some('-')
                && self.glued(end)
                && self.glued(end + 1)
                && matches!(self.lex(end + 1), Some("plus" | "odd"))
                && self.word_ends(end + 1)
            {
                // "1,200-plus", "40-odd".
                qual = if self.lex(end + 1) == Some("plus") { Qualifier::AtLeast } else { Qualifier::About };
                end += 2;
            } else if self.punct(end) == Some('+') && self.glued(end) && self.word_ends(end) {
                // "30+".
                qual = Qualifier::AtLeast;
                end += 1;
            }
        }
        // "more than 5000 or equal to.", "less than 30 or equal": the bound includes itself
        // (only at the end of a clause: "or equal to 40" compares with something else).
        if matches!(qual, Qualifier::MoreThan | Qualifier::LessThan)
            && high.is_none()
            && self.lex(end) == Some("or")
            && self.lex(end + 1) == Some("equal")
        {
            let e = if self.lex(end + 2) == Some("to") { end + 3 } else { end + 2 };
            if self.end_of_clause(e) {
                qual = if qual == Qualifier::MoreThan { Qualifier::AtLeast } else { Qualifier::AtMost };
                end = e;
            }
        }
        // Two bounds joined: "more than 100 and fewer than 200", "at most 50 and at least 20".
        if high.is_none() && range_word.is_none() && low.num.ordinal.is_none() && low.num.high.is_none() {
            if let Some((q, lo, hi, e)) = self.second_bound(qual, &low, end) {
                qual = q;
                low = lo;
                high = Some(hi);
                end = e;
            }
        }
        let value = self.value(&low, high.as_ref())?;
        // Refusals that need the whole reading.
        if high.is_none() && low.bare() && low.num.plain.is_some() {
            let n = low.num.plain.unwrap_or(0);
            if !qualified && (1900..=2100).contains(&n) && self.is_four_digits(j) {
                let m = self.mk(i, end, Value::Year { year: n as i32 }, Qualifier::Exact);
                return Some((m, end));
            }
            if !qualified && self.is_name_number(j) {
                return None;
            }
        }
        if matches!(value, Value::Ordinal { .. }) && qualified {
            return None;
        }
        let mut m = self.mk(i, end, value, qual);
        // "1,340 km (833 mile)", "forty-five (45)".
        if with_conversion && self.punct(end) == Some('(') {
            if let Some((c, ce)) = self.amount_mention_at(end + 1, false) {
                if self.punct(ce) == Some(')') && same_kind(&m.value, &c.value) {
                    m.conversion = Some(Box::new(c));
                    end = ce + 1;
                    m.span.end = self.toks.get(ce).map_or(m.span.end, |t| t.end);
                }
            }
        }
        Some((m, end))
    }

    /// "and"/"but" and a bound of the opposite direction after a bounded side `s1` ending at
    /// `k`: both bounds make a range when the lower one is below the upper one. Returns the
    /// range qualifier, the low and high sides and the index past the second side.
    fn second_bound(&self, q1: Qualifier, s1: &Side, k: usize) -> Option<(Qualifier, Side, Side, usize)> {
        let lower_first = match q1 {
            Qualifier::MoreThan | Qualifier::AtLeast => true,
            Qualifier::LessThan | Qualifier::AtMost => false,
            _ => return None,
        };
        if !matches!(self.lex(k), Some("and" | "but")) {
            return None;
        }
        let (q2, j) = self.qualifier(k + 1)?;
        let opposite = match q2 {
            Qualifier::MoreThan | Qualifier::AtLeast => !lower_first,
            Qualifier::LessThan | Qualifier::AtMost => lower_first,
            _ => false,
        };
        if !opposite {
            return None;
        }
        let s2 = self.side(j, true)?;
        if s2.num.ordinal.is_some() || s2.num.high.is_some() {
            return None;
        }
        let e = s2.end;
        let (a, b) = distribute(s1.clone(), s2);
        let (lo, hi) = if lower_first { (a, b) } else { (b, a) };
        (lo.num.num.value < hi.num.num.value && compatible(&lo, &hi)).then_some((Qualifier::Range, lo, hi, e))
    }

    /// A bare four-digit integer 1900-2100 (a year unless a qualifier says otherwise).
    fn year_like(&self, s: &Side) -> bool {
        s.bare() && s.num.plain.is_some_and(|n| (1900..=2100).contains(&n)) && self.is_four_digits(s.end.saturating_sub(1))
    }

    /// The word before the first side reports a change ("rose", "fell by").
    fn after_change_verb(&self, s1: &Side) -> bool {
        let start = s1.start;
        let before = start.checked_sub(1).and_then(|k| self.lex(k));
        matches!(
            before,
            Some(
                "rose"
                    | "rise"
                    | "rises"
                    | "risen"
                    | "fell"
                    | "fall"
                    | "falls"
                    | "fallen"
                    | "increased"
                    | "decreased"
                    | "grew"
                    | "dropped"
                    | "jumped"
                    | "climbed"
                    | "slipped"
                    | "declined"
                    | "gained"
                    | "lost"
                    | "cut"
                    | "raised"
                    | "up"
                    | "down"
                    | "by"
                    | "added"
                    | "shed"
            )
        )
    }

    fn is_dash(&self, i: usize) -> bool {
        matches!(self.punct(i), Some('-' | '–' | '—'))
    }

    fn is_four_digits(&self, i: usize) -> bool {
        self.tok(i).and_then(Tok::num).is_some_and(|l| l.clean.len() == 4)
    }

    /// "Boeing 737", "JAS 39 Gripen", "Article 5": an integer right after a capitalised word
    /// the lexicon does not know (or an all-capitals one), not at a sentence start.
    fn is_name_number(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let Some(prev) = self.tok(i - 1) else {
            return false;
        };
        // Unknown capitalised words, acronyms ("JAS", "FTSE") and single capitals ("S&P 500").
        let single = prev.end - prev.start == 1;
        if !prev.is_word() || !prev.cap || (prev.lex().is_some() && !prev.upper && !single) {
            return false;
        }
        if self.tok(i).is_some_and(|t| t.nl) {
            // "Ukraine\n30 members": the name is on another line.
            return false;
        }
        let sentence_start = prev.nl
            || match i.checked_sub(2).and_then(|k| self.tok(k)) {
                None => true,
                Some(t) => matches!(t.punct(), Some('.' | '!' | '?' | '"' | '“' | ':')),
            };
        if !sentence_start {
            return true;
        }
        // At the start of a sentence every word has a capital: only a word that is a name
        // there too ("Apollo 11", "Windows 11", "Chapter 7") and not a determiner or adverb
        // ("These 30 countries", "All 32 allies") makes the number part of a name.
        let word = self.text.get(prev.start..prev.end).unwrap_or("").to_ascii_lowercase();
        const NOT_NAMES: &[&str] = &[
            "all",
            "these",
            "those",
            "both",
            "only",
            "just",
            "nearly",
            "almost",
            "another",
            "other",
            "some",
            "many",
            "its",
            "their",
            "his",
            "her",
            "our",
            "my",
            "your",
            "today",
            "now",
            "then",
            "yet",
            "still",
            "also",
            "even",
            "while",
            "when",
            "after",
            "before",
            "at",
            "by",
            "for",
            "with",
            "from",
            "on",
            "in",
            "to",
            "as",
            "if",
            "since",
            "until",
            "about",
            "around",
            "over",
            "under",
            "up",
            "down",
            "last",
            "next",
            "first",
            "every",
            "each",
            "no",
            "not",
            "roughly",
            "exactly",
            "perhaps",
            "maybe",
            "further",
            "additional",
            "extra",
            "more",
            "fewer",
            "less",
            "least",
            "most",
            "than",
            "there",
            "here",
            "where",
            "which",
            "what",
            "who",
        ];
        !NOT_NAMES.contains(&word.as_str()) && word.chars().all(|c| c.is_ascii_alphabetic()) && word.len() > 2
    }

    /// A connector and a second side: "to", "-", "–", "and" (after "between"/"from").
    fn range_tail(&self, s1: &Side, range_word: Option<&str>) -> Option<(Side, usize)> {
        let k = s1.end;
        let c = self.tok(k)?;
        let ok = match c.kind {
            // An em dash in prose sets off a clause; it does not join a range.
            TK::Punct('-' | '–') => range_word != Some("between"),
            // "rose $1.50 to $85.20" is a change and a level, not a range.
            TK::Word { lex: Some("to") } | TK::Word { lex: Some("through") } => {
                range_word == Some("from") || (range_word.is_none() && !self.after_change_verb(s1))
            }
            TK::Word { lex: Some("and") } => range_word.is_some(),
            _ => false,
        };
        if !ok {
            return None;
        }
        let mut j = k + 1;
        // "between 2.0 g and about 7.0 g", "2 - ~7 grams".
        if let Some((Qualifier::About | Qualifier::Nearly, e)) = self.qualifier(j) {
            j = e;
        }
        let s2 = self.side(j, true)?;
        if s2.num.ordinal.is_some() || s2.num.high.is_some() {
            return None;
        }
        // Phone numbers and codes: "555-1234", "978-3-16-148410-0".
        if matches!(c.kind, TK::Punct(_)) {
            let chained = self.is_dash(s2.end) && self.glued(s2.end) && self.tok(s2.end + 1).is_some_and(|t| t.num().is_some());
            let phone = s1.num.plain.is_some_and(|n| (100..1000).contains(&n))
                && self.tok(j).and_then(Tok::num).is_some_and(|l| l.clean.len() == 4 && l.plain_int())
                && s2.bare();
            if chained || phone {
                return None;
            }
        }
        // "2019-2022", "from 2019 to 2022", "2022-23": years, not a range.
        if self.year_like(s1) {
            return None;
        }
        let e = s2.end;
        Some((s2, e))
    }

    /// `[currency] number [scale] [currency | percent | unit]`, with cents and compound lengths.
    fn side(&self, i: usize, cont: bool) -> Option<Side> {
        let t = self.tok(i)?;
        // Identifiers: "F-16", "G7", "MiG-29", "176328.htm" (the right side of "3km-5km"
        // is glued to a word on purpose).
        let blocked = if cont { self.blocked_after_prefix(i) } else { self.blocked(i) };
        if t.num().is_some() && blocked {
            return None;
        }
        if let Some((cur, j)) = self.currency_before(i) {
            let mut k = j;
            if self.tok(k).is_some_and(|t| t.num().is_some()) && self.blocked_after_prefix(k) {
                return None;
            }
            let num = self.number(k, true).filter(|n| n.ordinal.is_none() && n.high.is_none());
            let num = num?;
            k = num.end;
            // "$100 USD": the code restating the symbol belongs to the amount (but in
            // "$ 20,000.00 $ 37,305.97" the second "$" starts the next amount).
            let restated = self
                .currency_after(k)
                .filter(|&(c2, e2)| c2.code == cur.code && !c2.minor && self.tok(e2).is_none_or(|t| t.num().is_none()));
            if let Some((c2, e2)) = restated {
                let _ = c2;
                k = e2;
            }
            let mut s = Side { start: i, end: k, num, cur: Some(cur), unit: None, pct: Pct::None };
            self.cents(&mut s);
            return self.finish(s);
        }
        // "a dollar", "a kilogram" — but not the rate in "$85 a barrel", "100 km a day".
        let after_amount = i > 0 && self.tok(i - 1).is_some_and(|p| p.num().is_some() || (p.lex().is_some() && !p.starter));
        if matches!(t.lex(), Some("a" | "an")) && self.number(i, false).is_none() {
            if after_amount {
                return None;
            }
            let one = NumP {
                end: i + 1,
                num: Num { value: 1.0, step: 1.0 },
                high: None,
                ordinal: None,
                scale: None,
                plain: None,
                signed: false,
                words: true,
            };
            // "a $300 million deal", "a USD 5 million loan", "a £ 50 fee": a symbol or a code
            // followed by an amount starts that amount; the "a" is the article.
            let cur_a = self
                .currency_after(i + 1)
                .filter(|&(_, e)| self.tok(i + 1).is_some_and(Tok::is_word) && self.tok(e).is_none_or(|t| t.num().is_none()));
            if let Some((cur, e)) = cur_a {
                let mut s = Side { start: i, end: e, num: one, cur: Some(cur), unit: None, pct: Pct::None };
                self.cents(&mut s);
                return self.finish(s);
            }
            if let Some((unit, e)) = self.unit_after(i + 1) {
                let long = self.tok(i + 1).is_some_and(|t| t.end - t.start >= 2);
                // "an hour and a half" is a duration even though "a year ago" is not read.
                let and_half = self.and_a_half(e);
                if (super::unit::a_ok(&unit) || and_half) && long {
                    if and_half {
                        let mut s = Side { start: i, end: e + 3, num: one, cur: None, unit: Some(unit), pct: Pct::None };
                        s.num.num = Num { value: 1.5, step: 0.5 };
                        return self.finish(s);
                    }
                    return self.finish(Side { start: i, end: e, num: one, cur: None, unit: Some(unit), pct: Pct::None });
                }
            }
            return None;
        }
        // "half an hour", "half a mile".
        if t.lex() == Some("half") && matches!(self.lex(i + 1), Some("a" | "an")) {
            if let Some((unit, e)) = self.unit_after(i + 2) {
                let num = NumP {
                    end: e,
                    num: Num { value: 0.5, step: 0.5 },
                    high: None,
                    ordinal: None,
                    scale: None,
                    plain: None,
                    signed: false,
                    words: true,
                };
                return self.finish(Side { start: i, end: e, num, cur: None, unit: Some(unit), pct: Pct::None });
            }
        }
        // A glued "m"/"b" is a scale only with money: try that reading first.
        let glued_mb = t.num().is_some() && self.glued(i + 1) && matches!(self.lex(i + 1), Some("m" | "b"));
        if let Some(n) = self.number(i, true).filter(|_| glued_mb) {
            if n.scale.is_some() {
                if let Some((cur, e)) = self.currency_after(n.end) {
                    let mut s = Side { start: i, end: e, num: n, cur: Some(cur), unit: None, pct: Pct::None };
                    self.cents(&mut s);
                    return self.finish(s);
                }
            }
        }
        // "8m people", "17m tonnes", "2b users": a glued "m"/"b" before a counted plural is a
        // scale too ("a 3m wall", "the 100m final" stay metres).
        let counted = self.number(i, true).filter(|n| glued_mb && n.scale.is_some() && self.counted_plural(n.end));
        let num = match counted {
            Some(n) => n,
            None => self.number(i, false)?,
        };
        let mut s = Side { start: i, end: num.end, num, cur: None, unit: None, pct: Pct::None };
        if s.num.ordinal.is_some() {
            return self.finish(s);
        }
        let mut k = s.end;
        // "a 10-km stretch", "a 20-minute walk", "a 0.5-percentage-point cut".
        if self.punct(k) == Some('-') && self.glued(k) && self.glued(k + 1) && self.tok(k + 1).is_some_and(Tok::is_word) {
            let unit_like = self.percent(k + 1).is_some() || self.unit_after(k + 1).is_some() || self.currency_after(k + 1).is_some();
            if unit_like {
                k += 1;
            }
        }
        if s.num.high.is_some() {
            // "tens of thousands of dollars", "hundreds of kilometres".
            let j = if self.lex(k) == Some("of") { k + 1 } else { k };
            if let Some((cur, e)) = self.currency_after(j).filter(|c| !c.0.minor) {
                s.cur = Some(cur);
                s.end = e;
            } else if let Some((unit, e)) = self.unit_after(j) {
                s.unit = Some(unit);
                s.end = e;
            }
            return Some(s);
        }
        if let Some((pct, e)) = self.percent(k) {
            s.pct = pct;
            s.end = e;
        } else if let Some((cur, e)) = self.currency_after(k) {
            s.cur = Some(cur);
            s.end = e;
            if cur.minor {
                return self.finish(s);
            }
            self.cents(&mut s);
        } else if let Some((unit, e)) = self.unit_after(k) {
            s.unit = Some(unit);
            s.end = e;
            // "two years and a half".
            if self.and_a_half(e) && s.num.num.step == 1.0 && s.num.scale.is_none() {
                s.num.num = Num { value: s.num.num.value + 0.5, step: 0.5 };
                s.num.plain = None;
                s.end = e + 3;
            }
            self.compound(&mut s);
        } else if self.time_after(k) {
            return None;
        }
        self.finish(s)
    }

    /// Rejects a side followed by glued letters it did not read ("5G", "737MAX").
    fn finish(&self, s: Side) -> Option<Side> {
        if let Some(t) = self.tok(s.end) {
            if !t.sp && (t.is_word() || t.num().is_some()) {
                return None;
            }
        }
        Some(s)
    }

    /// Token `k` is a spaced plural noun of things one counts ("people", "refugees",
    /// "tonnes"): after "8m" it makes the "m" million. Dimension words ("high", "deep") and
    /// words not in the plural are not.
    fn counted_plural(&self, k: usize) -> bool {
        let Some(t) = self.tok(k).filter(|t| t.sp && t.is_word()) else { return false };
        if !self.word_ends(k) && self.punct(k + 1) != Some('-') {
            return false;
        }
        let w = self.text.get(t.start..t.end).unwrap_or("").to_lowercase();
        const IRREGULAR: &[&str] = &["people", "children", "men", "women", "cattle", "livestock", "sheep", "poultry", "personnel"];
        if IRREGULAR.contains(&w.as_str()) {
            return true;
        }
        w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && w.chars().all(char::is_alphabetic)
    }

    /// "and a half" starts at token `i`.
    fn and_a_half(&self, i: usize) -> bool {
        self.lex(i) == Some("and") && self.lex(i + 1) == Some("a") && self.lex(i + 2) == Some("half")
    }

    /// "3 pm", "10 a.m.", "2015 GMT": clock times.
    fn time_after(&self, k: usize) -> bool {
        if self.tok(k).is_some_and(|t| t.upper)
            && matches!(
                self.text.get(self.tok(k).map_or(0, |t| t.start)..self.tok(k).map_or(0, |t| t.end)),
                Some("GMT" | "UTC" | "ET" | "EST" | "EDT" | "BST" | "CET" | "CEST" | "PST" | "PDT" | "IST" | "JST" | "MSK")
            )
        {
            return true;
        }
        match self.lex(k) {
            Some("pm" | "am") => true,
            Some("a" | "p") => self.punct(k + 1) == Some('.') && self.lex(k + 2) == Some("m"),
            Some("o") => self.punct(k + 1).is_some_and(|c| c == '\'' || c == '’') && self.lex(k + 2) == Some("clock"),
            _ => false,
        }
    }

    /// Percent signs and words; "percentage points".
    fn percent(&self, k: usize) -> Option<(Pct, usize)> {
        let t = self.tok(k)?;
        if t.punct() == Some('%') {
            if matches!(self.lex(k + 1), Some("points")) && !self.glued(k + 1) {
                return Some((Pct::Points, k + 2));
            }
            return Some((Pct::Percent, k + 1));
        }
        match t.lex()? {
            "percent" | "pct" => Some((Pct::Percent, k + 1)),
            "pc" if self.word_ends(k) => Some((Pct::Percent, k + 1)),
            "per" if self.lex(k + 1) == Some("cent") => Some((Pct::Percent, k + 2)),
            "percentage" if matches!(self.lex(k + 1), Some("point" | "points")) => Some((Pct::Points, k + 2)),
            "percentage" if self.punct(k + 1) == Some('-') && matches!(self.lex(k + 2), Some("point" | "points")) => {
                Some((Pct::Points, k + 3))
            }
            "pp" | "ppt" => Some((Pct::Points, k + 1)),
            _ => None,
        }
    }

    /// "$20 and 43 cents", "20 dollars 43", "US$3 and fourteen".
    fn cents(&self, s: &mut Side) {
        let Some(cur) = s.cur else { return };
        if cur.minor || s.num.num.step != 1.0 || s.num.scale.is_some() || s.num.num.value.fract() != 0.0 {
            return;
        }
        let mut j = s.end;
        if self.lex(j) == Some("and") {
            j += 1;
        }
        if j == s.end && !self.tok(j).is_some_and(|t| t.sp) {
            return;
        }
        let Some(n) = self.number(j, false) else {
            return;
        };
        if n.scale.is_some() || n.num.step != 1.0 || !(0.0..100.0).contains(&n.num.value) || n.ordinal.is_some() || n.high.is_some() {
            return;
        }
        let (end, ok) = match self.minor_after(n.end) {
            Some((_, e)) => (e, true),
            None => (n.end, self.end_of_clause(n.end) && self.tok(n.end).is_none()),
        };
        if !ok {
            return;
        }
        let v = s.num.num.value + n.num.value / 100.0;
        s.num.num = Num { value: round2(v), step: 0.01 };
        s.num.plain = None;
        s.end = end;
    }

    /// "7 feet 10 inches", "2 km and 1 meter": lengths summed into the smaller unit.
    fn compound(&self, s: &mut Side) {
        fn same_system(a: &str, b: &str) -> bool {
            const METRIC: &[&str] = &["km", "m", "cm", "mm"];
            const IMPERIAL: &[&str] = &["mi", "yd", "ft", "in"];
            (METRIC.contains(&a) && METRIC.contains(&b)) || (IMPERIAL.contains(&a) && IMPERIAL.contains(&b))
        }
        for _ in 0..3 {
            let Some(unit) = s.unit else { return };
            if unit.dimension != super::Dimension::Length || s.num.high.is_some() {
                return;
            }
            let mut j = s.end;
            if matches!(self.punct(j), Some(',')) {
                j += 1;
            }
            if self.lex(j) == Some("and") {
                j += 1;
            }
            let Some(n) = self.number(j, false) else {
                return;
            };
            if n.ordinal.is_some() || n.high.is_some() {
                return;
            }
            // "5 ft 11 in": after feet, a bare "in" is inches.
            let inch = (unit.symbol == "ft" && self.lex(n.end) == Some("in"))
                .then(|| super::unit::lookup_unit("in").map(|u| (u, n.end + 1)))
                .flatten();
            let Some((u2, e)) = inch.or_else(|| self.unit_after(n.end)) else {
                return;
            };
            // Only a smaller unit of the same system continues a length ("7 feet 10 inches",
            // "2 km and 1 meter"); "2 km one mile" is two quantities, not one.
            if u2.dimension != unit.dimension
                || u2.symbol == unit.symbol
                || u2.to_base >= unit.to_base
                || !same_system(unit.symbol, u2.symbol)
            {
                return;
            }
            let total_base = unit.base_value(s.num.num.value) + u2.base_value(n.num.value);
            let target = if u2.to_base < unit.to_base { u2 } else { unit };
            let v = round_sig(total_base / target.to_base);
            s.num.num = Num { value: v, step: 1f64.min(n.num.step) };
            s.unit = Some(target);
            s.end = e;
        }
    }

    /// A number at `i` that is part of an identifier, time, code or list numbering.
    fn blocked(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return true };
        if i > 0 && !t.sp {
            if let Some(p) = self.tok(i - 1) {
                match p.kind {
                    TK::Word { .. } => return true,
                    TK::Punct('-' | '/' | '.' | ':' | '_' | '#' | '+' | '–') => {
                        let pp_glued = !p.sp && i >= 2;
                        let midword = pp_glued && self.tok(i - 2).is_some_and(|q| q.is_word() && q.lex() != Some("mid"));
                        if pp_glued && (midword || self.tok(i - 2).is_some_and(|q| q.num().is_some())) {
                            return true;
                        }
                        if matches!(p.kind, TK::Punct('#')) {
                            return true;
                        }
                        // "No. 10", "no.5": a numbering, not an amount.
                        if matches!(p.kind, TK::Punct('.')) && i >= 2 && self.lex(i - 2) == Some("no") {
                            return true;
                        }
                    }
                    TK::Num(_) => return true,
                    _ => {}
                }
            }
        }
        self.blocked_after_prefix(i)
    }

    /// Refusals that look right of the number: times, list numbering, file names.
    fn blocked_after_prefix(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return true };
        // "No. 10 Downing Street", "No 1 seed".
        if i >= 2 && self.punct(i - 1) == Some('.') && self.glued(i - 1) && self.tok(i - 2).is_some_and(|w| w.cap && w.lex() == Some("no"))
        {
            return true;
        }
        let next = self.tok(i + 1);
        if let Some(n) = next.filter(|n| !n.sp) {
            match n.punct() {
                Some(':') if self.tok(i + 2).is_some_and(|x| !x.sp && x.num().is_some()) => {
                    return true;
                }
                Some('.') | Some(')') => {
                    // "1. What is NATO?" at a line start.
                    if t.nl && t.num().is_some_and(|l| l.plain_int() && l.clean.len() <= 3) && self.tok(i + 2).is_some_and(|x| x.sp) {
                        return true;
                    }
                    if n.punct() == Some('.') && self.tok(i + 2).is_some_and(|x| !x.sp && x.is_word()) {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// Builds the value of a reading.
    fn value(&self, low: &Side, high: Option<&Side>) -> Option<Value> {
        if let Some(n) = low.num.ordinal {
            return Some(Value::Ordinal { n });
        }
        let factor = if low.cur.is_some_and(|c| c.minor) { 0.01 } else { 1.0 };
        let conv = |n: Num| -> Num {
            if factor == 1.0 {
                n
            } else {
                Num { value: round_sig(n.value * factor), step: n.step * factor }
            }
        };
        let hi = match high {
            Some(h) => Some(conv(h.num.num)),
            None => low.num.high,
        };
        let amount = Amount { low: conv(low.num.num), high: hi };
        Some(match (low.cur, low.unit, low.pct) {
            (_, _, Pct::Percent) => Value::Percent { amount },
            (_, _, Pct::Points) => Value::PercentagePoints { amount },
            (Some(c), _, _) => Value::Money { amount, currency: c.code },
            (None, Some(unit), _) => Value::Quantity { amount, unit },
            _ => Value::Number { amount },
        })
    }
}

/// Spreads currency, unit, percent and scale written on one side of a range to the other.
fn distribute(mut a: Side, mut b: Side) -> (Side, Side) {
    if a.cur.is_none() {
        a.cur = b.cur;
    }
    if b.cur.is_none() {
        b.cur = a.cur;
    }
    if a.unit.is_none() && a.pct == Pct::None {
        a.unit = b.unit;
    }
    if a.pct == Pct::None && a.unit.is_none() {
        a.pct = b.pct;
    }
    if let (None, Some(e)) = (a.num.scale, b.num.scale) {
        let f = 10f64.powi(e);
        let v = super::lex::scaled(&format!("{}", a.num.num.value), e);
        if v <= b.num.num.value && a.num.num.value * f <= b.num.num.value * 1.000_001 {
            a.num.num = Num { value: v, step: a.num.num.step * f };
            a.num.scale = Some(e);
            a.num.plain = None;
        }
    }
    (a, b)
}

/// Both sides measure the same thing.
fn compatible(a: &Side, b: &Side) -> bool {
    a.cur == b.cur && a.pct == b.pct && a.unit.map(|u| u.dimension) == b.unit.map(|u| u.dimension) && a.unit == b.unit
}

/// A parenthesised restatement must be of the same kind (and dimension) to be a conversion.
fn same_kind(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Quantity { unit: u, .. }, Value::Quantity { unit: v, .. }) => u.dimension == v.dimension,
        _ => a.kind() == b.kind() && !matches!(a, Value::Date { .. } | Value::Year { .. } | Value::Ordinal { .. }),
    }
}

fn round2(v: f64) -> f64 {
    format!("{v:.2}").parse().unwrap_or(v)
}

/// Rounds away binary noise from unit arithmetic (12 significant digits).
fn round_sig(v: f64) -> f64 {
    format!("{v:.11e}").parse().unwrap_or(v)
}
