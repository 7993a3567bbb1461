//! Bare numbers: numeric literals with their scale, written numbers ("one billion
//! twenty-five million", "two and a half"), fractions ("1/5", "two thirds", "half a
//! million"), dozens, vague counts ("tens of thousands") and ordinals ("31st", "third").
//! Everything here reads one number and reports where it ends; units, currencies,
//! qualifiers and ranges are the grammar's business.

use super::grammar::Parser;
use super::lex::{scaled, TK};
use super::Num;

/// Words this module reads.
pub(crate) const WORDS: &[&str] = &[
    "zero",
    "nought",
    "naught",
    "nil",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "lakh",
    "lakhs",
    "lac",
    "lacs",
    "lkh",
    "lkhs",
    "crore",
    "crores",
    "cr",
    "koti",
    "krore",
    "krores",
    "k",
    "m",
    "mn",
    "mln",
    "bn",
    "bln",
    "b",
    "tn",
    "trn",
    "dozen",
    "dozens",
    "tens",
    "scores",
    "a",
    "an",
    "and",
    "of",
    "point",
    "minus",
    "negative",
    "half",
    "halves",
    "third",
    "thirds",
    "quarter",
    "quarters",
    "fourth",
    "fourths",
    "fifth",
    "fifths",
    "sixth",
    "sixths",
    "seventh",
    "sevenths",
    "eighth",
    "eighths",
    "ninth",
    "ninths",
    "tenth",
    "tenths",
    "first",
    "second",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
    "thousandth",
    "millionth",
    "st",
    "nd",
    "rd",
    "th",
    "couple",
    "pair",
    "no",
    "any",
    "every",
    "some",
    "the",
    "this",
    "that",
    "which",
    "each",
    "another",
    "only",
    "who",
    "whom",
    "whose",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "would",
    "will",
    "does",
    "did",
    "has",
    "had",
    "is",
    "was",
    "such",
    "other",
    "same",
    "little",
    "big",
    "best",
    "last",
    "next",
];

/// Value of a cardinal word below 100.
pub(crate) fn small_word(w: &str) -> Option<(u8, bool)> {
    // (value, is_tens)
    let v = match w {
        "zero" | "nought" | "naught" | "nil" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => return Some((20, true)),
        "thirty" => return Some((30, true)),
        "forty" => return Some((40, true)),
        "fifty" => return Some((50, true)),
        "sixty" => return Some((60, true)),
        "seventy" => return Some((70, true)),
        "eighty" => return Some((80, true)),
        "ninety" => return Some((90, true)),
        _ => return None,
    };
    Some((v, false))
}

/// Power of ten of a scale word ("million" -> 6); plurals only where `plural_ok`.
pub(crate) fn scale_word(w: &str, plural_ok: bool) -> Option<i32> {
    let e = match w {
        "thousand" => 3,
        "million" => 6,
        "billion" => 9,
        "trillion" => 12,
        "lakh" | "lac" | "lkh" => 5,
        "crore" | "cr" | "koti" | "krore" => 7,
        // Newspaper abbreviations also stand spaced: "$5 bn".
        "mn" | "mln" => 6,
        "bn" | "bln" => 9,
        "tn" | "trn" => 12,
        _ if plural_ok => match w {
            "thousands" => 3,
            "millions" => 6,
            "billions" => 9,
            "trillions" => 12,
            "lakhs" | "lacs" | "lkhs" => 5,
            "crores" | "krores" => 7,
            _ => return None,
        },
        _ => return None,
    };
    Some(e)
}

/// Scale suffix glued to digits ("61bn", "10k"). Lower-case "m" is million only with money.
fn scale_suffix(w: &str, raw: &str, money: bool) -> Option<i32> {
    match w {
        "k" => Some(3),
        "m" if raw == "M" || money => Some(6),
        "mn" | "mln" => Some(6),
        "bn" | "bln" => Some(9),
        "b" if raw == "B" || money => Some(9),
        "tn" | "trn" => Some(12),
        _ => None,
    }
}

/// A vulgar fraction character as (numerator, denominator): '½' -> (1, 2).
fn vulgar(c: char) -> Option<(f64, f64)> {
    Some(match c {
        '½' => (1.0, 2.0),
        '⅓' => (1.0, 3.0),
        '⅔' => (2.0, 3.0),
        '¼' => (1.0, 4.0),
        '¾' => (3.0, 4.0),
        '⅕' => (1.0, 5.0),
        '⅖' => (2.0, 5.0),
        '⅗' => (3.0, 5.0),
        '⅘' => (4.0, 5.0),
        '⅙' => (1.0, 6.0),
        '⅚' => (5.0, 6.0),
        '⅛' => (1.0, 8.0),
        '⅜' => (3.0, 8.0),
        '⅝' => (5.0, 8.0),
        '⅞' => (7.0, 8.0),
        '⅒' => (1.0, 10.0),
        _ => return None,
    })
}

/// Denominator of a fraction word ("thirds" -> 3).
fn denominator(w: &str) -> Option<u32> {
    Some(match w {
        "half" | "halves" => 2,
        "third" | "thirds" => 3,
        "quarter" | "quarters" | "fourth" | "fourths" => 4,
        "fifth" | "fifths" => 5,
        "sixth" | "sixths" => 6,
        "seventh" | "sevenths" => 7,
        "eighth" | "eighths" => 8,
        "ninth" | "ninths" => 9,
        "tenth" | "tenths" => 10,
        _ => return None,
    })
}

/// Value of an ordinal word ("third" -> 3; tens ordinals with `is_tens`).
pub(crate) fn ordinal_word(w: &str) -> Option<i64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        "millionth" => 1_000_000,
        _ => return None,
    })
}

/// A number read at some token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NumP {
    /// Token index just past the number.
    pub end: usize,
    pub num: Num,
    /// Upper bound of a vague count.
    pub high: Option<Num>,
    pub ordinal: Option<i64>,
    /// Power of ten of the scale written after the number, if any.
    pub scale: Option<i32>,
    /// A plain integer literal with no scale ("2022", "737"), for the year and name rules.
    pub plain: Option<u64>,
    /// Digits as written had a leading sign.
    pub signed: bool,
    /// Written with words only.
    pub words: bool,
}

impl NumP {
    fn new(end: usize, value: f64, step: f64) -> NumP {
        NumP { end, num: Num { value, step }, high: None, ordinal: None, scale: None, plain: None, signed: false, words: false }
    }
}

impl Parser<'_> {
    /// Reads a number at token `i`. `money` says a currency came before (so "m" is million).
    pub(crate) fn number(&self, i: usize, money: bool) -> Option<NumP> {
        let t = self.tok(i)?;
        // Signs: "-504" (glued to the number, and not to what comes before, which would make
        // it a range or a compound), "minus 5", "negative five". A dash and a space before a
        // number open a list item ("- 32 member countries"), even at the start of a line.
        if t.punct() == Some('-') || t.punct() == Some('−') {
            let prev_glued = i > 0 && !t.sp;
            let next = self.tok(i + 1)?;
            if prev_glued || next.num().is_none() || next.sp {
                return None;
            }
            let mut p = self.number(i + 1, money)?;
            p.num.value = -p.num.value;
            p.signed = true;
            p.plain = None;
            return Some(p);
        }
        if matches!(t.lex(), Some("minus") | Some("negative")) {
            // One sign only: "minus minus minus ..." must not recurse.
            let next = self.tok(i + 1)?;
            if matches!(next.lex(), Some("minus" | "negative")) || matches!(next.punct(), Some('-' | '−')) {
                return None;
            }
            let mut p = self.number(i + 1, money)?;
            if p.ordinal.is_some() || p.high.is_some() {
                return None;
            }
            p.num.value = -p.num.value;
            p.signed = true;
            p.plain = None;
            return Some(p);
        }
        let base = match &t.kind {
            TK::Num(_) => self.digits_number(i, money)?,
            TK::Word { lex: Some(w) } => self.word_number(i, w)?,
            // "½ mile", "¾ of voters".
            TK::Punct(c) if !self.tok(i + 1).is_some_and(|n| !n.sp && (n.is_word() || n.num().is_some())) => {
                let (n, d) = vulgar(*c)?;
                NumP::new(i + 1, n / d, 1.0 / d)
            }
            _ => return None,
        };
        if base.ordinal.is_some() || base.high.is_some() {
            return Some(base);
        }
        Some(self.tail(base, money))
    }

    /// A numeric literal with its glued suffix: ordinal ("31st"), fraction ("1/5"),
    /// scale ("61bn", "60-billion").
    fn digits_number(&self, i: usize, money: bool) -> Option<NumP> {
        let t = self.tok(i)?;
        let lit = t.num()?;
        if lit.multi_dot {
            return None;
        }
        let mut p = NumP::new(i + 1, lit.value(0), 10f64.powi(lit.step_exp()));
        if lit.plain_int() {
            p.plain = lit.clean.parse().ok();
        }
        // "2½", "2 ½": an integer and a vulgar fraction.
        if let Some((n, d)) = self.punct(i + 1).and_then(vulgar) {
            if lit.plain_int() {
                return Some(NumP::new(i + 2, lit.value(0) + n / d, 1.0 / d));
            }
        }
        let next = self.tok(i + 1);
        if let Some(n) = next.filter(|n| !n.sp) {
            // Ordinal suffix.
            if let Some(sfx @ ("st" | "nd" | "rd" | "th")) = n.lex() {
                let v: i64 = lit.clean.parse().ok()?;
                let ok = match sfx {
                    "st" => v % 10 == 1 && v % 100 != 11,
                    "nd" => v % 10 == 2 && v % 100 != 12,
                    "rd" => v % 10 == 3 && v % 100 != 13,
                    _ => !(1..=3).contains(&(v % 10)) || (11..=13).contains(&(v % 100)),
                };
                if !ok || !self.word_ends(i + 1) {
                    return None;
                }
                p.end = i + 2;
                p.ordinal = Some(v);
                p.plain = None;
                return Some(p);
            }
            // Fraction "1/5": not dates ("11/29/2023") nor "24/7"-like codes with more slashes.
            if n.punct() == Some('/') {
                let d = self.tok(i + 2).filter(|d| !d.sp)?;
                let dl = d.num()?;
                if !lit.plain_int() || !dl.plain_int() {
                    return None;
                }
                if self.tok(i + 3).is_some_and(|x| !x.sp && x.punct() == Some('/')) {
                    return None;
                }
                let den: f64 = dl.clean.parse().ok()?;
                // Proper fractions with a usual denominator only: "24/7" and "9/11" are
                // not fractions, and "3/15" or "20/100" are.
                let usual = matches!(den as u32, 2..=10 | 12 | 15 | 16 | 20 | 25 | 32 | 50 | 64 | 100 | 1000);
                if den.fract() != 0.0 || !usual || lit.value(0) >= den {
                    return None;
                }
                let v = lit.value(0) / den;
                let mut f = NumP::new(i + 3, v, 1.0 / den);
                if den == 1.0 {
                    f.num.step = 1.0;
                }
                return Some(f);
            }
            if let Some(w) = n.lex() {
                let raw = self.text.get(n.start..n.end).unwrap_or("");
                if let Some(e) = scale_suffix(w, raw, money).filter(|_| self.word_ends(i + 1)) {
                    return Some(self.apply_scale(p, lit_exp_value(self, i, e), e, i + 2));
                }
            }
            // "$60-billion", "5-million".
            if n.punct() == Some('-') {
                if let Some(e) = self.tok(i + 2).filter(|x| !x.sp).and_then(|x| x.lex()).and_then(|w| scale_word(w, false)) {
                    return Some(self.apply_scale(p, lit_exp_value(self, i, e), e, i + 3));
                }
            }
        }
        // Mixed numbers: "2 1/2".
        if lit.plain_int() && self.tok(i + 1).is_some_and(|t| t.sp) && self.punct(i + 2) == Some('/') && self.glued(i + 2) {
            let num = self.tok(i + 1).and_then(|t| t.num()).filter(|l| l.plain_int());
            let den = self.tok(i + 3).filter(|t| !t.sp).and_then(|t| t.num()).filter(|l| l.plain_int());
            if let (Some(n), Some(d)) = (num, den) {
                let (nv, dv): (f64, f64) = (n.value(0), d.value(0));
                let open_end = !self.tok(i + 4).is_some_and(|t| !t.sp && (t.punct() == Some('/') || t.num().is_some()));
                if nv < dv && dv <= 100.0 && nv > 0.0 && open_end {
                    return Some(NumP::new(i + 4, lit.value(0) + nv / dv, 1.0 / dv));
                }
            }
        }
        // "1 point 1".
        if self.lex(i + 1) == Some("point") && lit.plain_int() {
            if let Some((frac, digits, end)) = self.point_digits(i + 2) {
                let v = lit.value(0) + frac;
                let mut q = NumP::new(end, v, 10f64.powi(-(digits as i32)));
                q.num.value = round_to(v, digits);
                return Some(q);
            }
        }
        Some(p)
    }

    /// After "point": digit words ("two") or a literal ("77"). Returns (fraction, digits, end).
    fn point_digits(&self, i: usize) -> Option<(f64, usize, usize)> {
        let t = self.tok(i)?;
        if let Some(l) = t.num() {
            if !l.plain_int() {
                return None;
            }
            let v: f64 = format!("0.{}", l.clean).parse().ok()?;
            return Some((v, l.clean.len(), i + 1));
        }
        let mut s = String::from("0.");
        let mut j = i;
        while let Some((d, false)) = self.lex(j).and_then(small_word) {
            if d > 9 {
                break;
            }
            s.push(char::from(b'0' + d));
            j += 1;
        }
        if j == i {
            return None;
        }
        Some((s.parse().ok()?, j - i, j))
    }

    fn apply_scale(&self, mut p: NumP, value: f64, e: i32, end: usize) -> NumP {
        p.num.value = value;
        p.num.step *= 10f64.powi(e);
        p.scale = Some(e);
        p.plain = None;
        p.end = end;
        p
    }

    /// Scale words, dozens and "and a half" after a number.
    fn tail(&self, mut p: NumP, money: bool) -> NumP {
        // "two and a half", "3 and a quarter".
        if self.lex(p.end) == Some("and") && self.lex(p.end + 1) == Some("a") {
            if let Some(d @ (2 | 4)) = self.lex(p.end + 2).and_then(denominator) {
                let w = self.lex(p.end + 2).unwrap_or("");
                if matches!(w, "half" | "quarter") && p.num.step >= 1.0 && p.scale.is_none() {
                    p.num.value += 1.0 / f64::from(d);
                    p.num.step = 1.0 / f64::from(d);
                    p.plain = None;
                    p.end += 3;
                }
            }
        }
        let _ = money;
        // Scale words: "5 thousand", "three thousand millions", "1.2 million".
        let mut e_total = p.scale.unwrap_or(0);
        let mut any = false;
        let mut last = p.scale.unwrap_or(0);
        while let Some(e) = self.lex(p.end).and_then(|w| scale_word(w, true)) {
            if any && e <= last {
                break;
            }
            if self.lex(p.end) == Some("thousands") || self.lex(p.end) == Some("millions") || self.lex(p.end) == Some("billions") {
                // "three billions" yes, but "two thousands of" is odd enough to allow too.
            }
            e_total += e;
            last = e;
            any = true;
            p.end += 1;
        }
        if any {
            p.num.value = scale_value(p.num.value, p.num.step, e_total - p.scale.unwrap_or(0));
            p.num.step *= 10f64.powi(e_total - p.scale.unwrap_or(0));
            p.scale = Some(e_total);
            p.plain = None;
        }
        // Dozens: "two dozen", "200 dozens".
        if matches!(self.lex(p.end), Some("dozen") | Some("dozens")) && p.scale.is_none() {
            p.num.value *= 12.0;
            p.num.step *= 12.0;
            p.plain = None;
            p.end += 1;
        }
        p
    }

    /// Written numbers, fractions, vague counts and ordinal words starting at word `w`.
    fn word_number(&self, i: usize, w: &'static str) -> Option<NumP> {
        match w {
            "a" | "an" => return self.a_number(i),
            "half" => {
                // "half a dozen".
                if self.lex(i + 1) == Some("a") && self.lex(i + 2) == Some("dozen") {
                    let mut p = NumP::new(i + 3, 6.0, 1.0);
                    p.words = true;
                    return Some(p);
                }
                // "half a million".
                if matches!(self.lex(i + 1), Some("a") | Some("an")) {
                    let e = self.lex(i + 2).and_then(|s| scale_word(s, false))?;
                    let v = scaled("5", e - 1);
                    let mut p = NumP::new(i + 3, v, v);
                    p.scale = Some(e);
                    p.words = true;
                    return Some(p);
                }
                return None;
            }
            "tens" | "hundreds" | "thousands" | "millions" | "billions" | "dozens" | "scores" => {
                return self.vague(i, w);
            }
            "point" => {
                let (f, d, end) = self.point_digits(i + 1)?;
                let mut p = NumP::new(end, f, 10f64.powi(-(d as i32)));
                p.words = true;
                return Some(p);
            }
            _ => {}
        }
        if let Some(n) = ordinal_word(w) {
            if w == "second" && self.lex(i.wrapping_sub(1)).is_some_and(|_| false) {
                return None;
            }
            let mut p = NumP::new(i + 1, n as f64, 1.0);
            p.ordinal = Some(n);
            p.words = true;
            return Some(p);
        }
        let mut p = self.written(i)?;
        // Fractions: "two thirds", "one-third", "three quarters".
        let mut j = p.end;
        if self.punct(j) == Some('-') && self.glued(j) && self.glued(j + 1) {
            j += 1;
        }
        if let Some(d) = self.lex(j).and_then(denominator) {
            let n = p.num.value;
            if p.num.step >= 1.0 && (1.0..=20.0).contains(&n) && self.lex(j) != Some("second") {
                let v = n / f64::from(d);
                let mut f = NumP::new(j + 1, v, 1.0 / f64::from(d));
                f.words = true;
                // "two thirds of a million".
                if self.lex(j + 1) == Some("of") && matches!(self.lex(j + 2), Some("a") | Some("an")) {
                    if let Some(e) = self.lex(j + 3).and_then(|s| scale_word(s, false)) {
                        let sv = v * 10f64.powi(e);
                        f = NumP::new(j + 4, sv, 10f64.powi(e) / f64::from(d));
                        f.scale = Some(e);
                        f.words = true;
                    }
                }
                return Some(f);
            }
        }
        if p.num.value == 1.0 && p.end == i + 1 && self.pronoun_one(i) {
            return None;
        }
        p.words = true;
        // Tens-ordinals: "twenty-first", "thirty-second".
        if self.punct(p.end) == Some('-') && self.glued(p.end) && self.glued(p.end + 1) {
            if let Some(o) = self.lex(p.end + 1).and_then(ordinal_word) {
                if o < 10 && p.num.value >= 20.0 {
                    let n = p.num.value as i64 + o;
                    let mut q = NumP::new(p.end + 2, n as f64, 1.0);
                    q.ordinal = Some(n);
                    q.words = true;
                    return Some(q);
                }
            }
        }
        Some(p)
    }

    /// "one" used as a pronoun: "one of the", "no one", "the one who", "one another".
    fn pronoun_one(&self, i: usize) -> bool {
        let prev = if i == 0 { None } else { self.lex(i - 1) };
        if matches!(
            prev,
            Some(
                "no" | "any"
                    | "every"
                    | "some"
                    | "the"
                    | "this"
                    | "that"
                    | "which"
                    | "each"
                    | "another"
                    | "only"
                    | "such"
                    | "other"
                    | "same"
                    | "little"
                    | "big"
                    | "best"
                    | "last"
                    | "next"
                    | "a"
                    | "an"
            )
        ) {
            return true;
        }
        if self.punct(i + 1) == Some('\'') || self.punct(i + 1) == Some('’') {
            return true;
        }
        matches!(
            self.lex(i + 1),
            Some(
                "of" | "another"
                    | "who"
                    | "whom"
                    | "whose"
                    | "that"
                    | "which"
                    | "can"
                    | "could"
                    | "may"
                    | "might"
                    | "must"
                    | "should"
                    | "would"
                    | "will"
                    | "does"
                    | "did"
                    | "has"
                    | "had"
                    | "is"
                    | "was"
            )
        )
    }

    /// "a dozen", "a hundred", "a million", "a couple", "a pair", "a quarter of a million",
    /// "a half million". "a" before a currency or unit is handled by the grammar.
    fn a_number(&self, i: usize) -> Option<NumP> {
        let w = self.lex(i + 1)?;
        let mut p = match w {
            // The "of" of "a couple of" belongs to the count, as in "dozens of".
            "dozen" if self.lex(i + 2) == Some("of") => NumP::new(i + 3, 12.0, 12.0),
            "dozen" => NumP::new(i + 2, 12.0, 12.0),
            "couple" | "pair" if self.lex(i + 2) == Some("of") => NumP::new(i + 3, 2.0, 1.0),
            "couple" | "pair" => NumP::new(i + 2, 2.0, 1.0),
            "hundred" => self.a_scale(i, 2, 100.0),
            "half" => {
                let e = self.lex(i + 2).and_then(|s| scale_word(s, false))?;
                let v = scaled("5", e - 1);
                let mut p = NumP::new(i + 3, v, v);
                p.scale = Some(e);
                p
            }
            "quarter" | "third" | "fifth" | "tenth" => {
                let d = f64::from(denominator(w)?);
                // "a third of", "fell by a third.", "about a third" — but "a third term" is
                // an ordinal.
                let prev = if i == 0 { None } else { self.lex(i - 1) };
                let fraction_context = matches!(
                    prev,
                    Some(
                        "by" | "about"
                            | "nearly"
                            | "almost"
                            | "roughly"
                            | "around"
                            | "than"
                            | "over"
                            | "under"
                            | "some"
                            | "just"
                            | "only"
                            | "approximately"
                    )
                );
                if self.lex(i + 2) != Some("of") && !self.end_of_clause(i + 2) && !fraction_context {
                    return None;
                }
                // "a quarter of a million".
                let scale =
                    matches!(self.lex(i + 3), Some("a") | Some("an")).then(|| self.lex(i + 4).and_then(|s| scale_word(s, false))).flatten();
                match scale {
                    Some(e) => {
                        let v = 10f64.powi(e) / d;
                        let mut p = NumP::new(i + 5, v, v);
                        p.scale = Some(e);
                        p
                    }
                    // "a third of Ukrainians": the fraction, without the "of".
                    None => NumP::new(i + 2, 1.0 / d, 1.0 / d),
                }
            }
            _ => {
                let e = scale_word(w, false)?;
                let mut p = self.a_scale(i, e, 10f64.powi(e));
                p.scale = Some(e);
                p
            }
        };
        p.words = true;
        Some(p)
    }

    /// "a hundred", "a million", "a thousand and one", "a hundred twenty".
    fn a_scale(&self, i: usize, e: i32, base: f64) -> NumP {
        let mut p = NumP::new(i + 2, base, base);
        let mut j = i + 2;
        if self.lex(j) == Some("and") {
            j += 1;
        }
        if let Some(r) = self.written(j) {
            if r.num.value < base && r.scale.is_none_or(|x| x < e) {
                p.num = Num { value: base + r.num.value, step: r.num.step };
                p.end = r.end;
            }
        }
        p
    }

    /// Vague counts: "tens of thousands", "hundreds of millions", "dozens of", "thousands of".
    fn vague(&self, i: usize, w: &str) -> Option<NumP> {
        let (lo, end) = match w {
            "tens" | "hundreds" if self.lex(i + 1) == Some("of") => {
                let base: f64 = if w == "tens" { 10.0 } else { 100.0 };
                match self.lex(i + 2).and_then(|s| scale_word(s, true)) {
                    Some(e) if matches!(self.lex(i + 2), Some("thousands" | "millions" | "billions" | "trillions")) => {
                        (base * 10f64.powi(e), i + 3)
                    }
                    _ if w == "hundreds" => (100.0, i + 2),
                    _ => return None,
                }
            }
            "thousands" | "millions" | "billions" if self.lex(i + 1) == Some("of") => (10f64.powi(scale_word(w, true)?), i + 2),
            "dozens" if self.lex(i + 1) == Some("of") => (24.0, i + 2),
            "scores" if self.lex(i + 1) == Some("of") => (40.0, i + 2),
            _ => return None,
        };
        // Dozens count in dozens (2..12 of them); scores from two score to ten.
        let (lo_step, hi, hi_step) = match w {
            "dozens" => (12.0, 144.0, 12.0),
            "scores" => (10.0, 200.0, 100.0),
            _ => (lo, lo * 10.0, lo * 10.0),
        };
        let mut p = NumP::new(end, lo, lo_step);
        p.high = Some(Num { value: hi, step: hi_step });
        p.words = true;
        Some(p)
    }

    /// A written cardinal: "thirty-two", "one billion twenty-five million",
    /// "seven hundred twenty-one thousand and twelve", "two point two".
    pub(crate) fn written(&self, i: usize) -> Option<NumP> {
        #[derive(PartialEq, Clone, Copy)]
        enum Last {
            None,
            Unit,
            Teen,
            Tens,
            Hundred,
            Scale,
        }
        let mut total = 0f64;
        let mut group = 0f64;
        let mut group_step = 1f64;
        let mut step = 1f64;
        let mut last = Last::None;
        let mut last_scale = i32::MAX;
        let mut j = i;
        let mut end = i;
        let mut after_and = false;
        while let Some(w) = self.lex(j) {
            if let Some((v, tens)) = small_word(w) {
                let ok = match last {
                    Last::None | Last::Hundred | Last::Scale => true,
                    Last::Tens => !tens && v < 10 && v > 0,
                    Last::Unit | Last::Teen => false,
                };
                if !ok {
                    break;
                }
                group += f64::from(v);
                group_step = 1.0;
                last = if tens {
                    Last::Tens
                } else if v >= 10 {
                    Last::Teen
                } else {
                    Last::Unit
                };
                j += 1;
                end = j;
                after_and = false;
                // "thirty-two": hyphen between tens and unit.
                if last == Last::Tens
                    && self.punct(j) == Some('-')
                    && self.glued(j)
                    && self.glued(j + 1)
                    && self.lex(j + 1).and_then(small_word).is_some_and(|(u, t)| !t && u < 10 && u > 0)
                {
                    j += 1;
                }
                continue;
            }
            if w == "hundred" && matches!(last, Last::Unit | Last::Teen | Last::Tens) && !after_and {
                group *= 100.0;
                group_step = 100.0;
                last = Last::Hundred;
                j += 1;
                end = j;
                continue;
            }
            if let Some(e) = scale_word(w, false).or_else(|| {
                // "three billions" at the end of the number.
                scale_word(w, true).filter(|_| last != Last::Scale)
            }) {
                if last == Last::None || after_and {
                    break;
                }
                if last == Last::Scale {
                    // "three thousand millions".
                    if e <= last_scale {
                        break;
                    }
                    total *= 10f64.powi(e);
                    step *= 10f64.powi(e);
                } else {
                    if e >= last_scale {
                        // "one million two thousand million" is not a number.
                        break;
                    }
                    total += group * 10f64.powi(e);
                    step = group_step * 10f64.powi(e);
                    group = 0.0;
                }
                last_scale = e;
                last = Last::Scale;
                j += 1;
                end = j;
                continue;
            }
            if w == "and" && matches!(last, Last::Hundred | Last::Scale) && self.lex(j + 1).and_then(small_word).is_some() {
                after_and = true;
                j += 1;
                continue;
            }
            break;
        }
        if last == Last::None {
            return None;
        }
        if group > 0.0 || last != Last::Scale {
            step = group_step;
        }
        let mut value = total + group;
        // "two point two".
        let mut p_end = end;
        if self.lex(end) == Some("point") && last != Last::Scale {
            if let Some((f, d, e2)) = self.point_digits(end + 1) {
                value = round_to(value + f, d);
                step = 10f64.powi(-(d as i32));
                p_end = e2;
            }
        }
        let mut p = NumP::new(p_end, value, step);
        p.words = true;
        if last == Last::Scale {
            p.scale = Some(last_scale.min(12));
        }
        Some(p)
    }
}

/// The literal at `i` times 10^e, parsed through its decimal string.
fn lit_exp_value(p: &Parser<'_>, i: usize, e: i32) -> f64 {
    p.tok(i).and_then(|t| t.num()).map_or(f64::NAN, |l| l.value(e))
}

/// `v × 10^e`, rounded through the decimal representation its step implies.
fn scale_value(v: f64, step: f64, e: i32) -> f64 {
    let _ = step;
    scaled(&format!("{v}"), e)
}

fn round_to(v: f64, digits: usize) -> f64 {
    format!("{:.*}", digits.min(17), v).parse().unwrap_or(v)
}
