//! Tokenizer: one linear pass that cuts prose into numeric literals, words and single
//! punctuation characters, each with its byte span and whether whitespace (or a line break)
//! precedes it. URLs and e-mail addresses are dropped whole here, so that nothing inside them
//! can ever become a mention. Words are lower-cased and interned against the grammar's
//! lexicon, so the parser compares `&'static str`s and never allocates per word.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A numeric literal as written: "1,340", "2 000", "60.8", ".77", "1e4".
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NumLit {
    /// The digits with separators removed, a '.' kept for decimals ("1340", "60.8").
    pub clean: String,
    /// Number of digits before the decimal point.
    pub int_digits: usize,
    /// Number of digits after the decimal point.
    pub frac_digits: usize,
    /// Whether thousands separators were written.
    pub grouped: bool,
    /// Written exponent ("1e4" -> 4).
    pub exp: i32,
    /// A second decimal point followed ("1.2.3"): a version number or an address.
    pub multi_dot: bool,
}

impl NumLit {
    /// The value, parsed from the cleaned digits so it is the correctly rounded f64.
    pub(super) fn value(&self, extra_exp: i32) -> f64 {
        scaled(&self.clean, self.exp + extra_exp)
    }
    /// Place value of the last written digit, before any scale word.
    pub(super) fn step_exp(&self) -> i32 {
        self.exp - self.frac_digits as i32
    }
    /// Whether this is a plain integer such as "2022" (no separators, decimals or exponent).
    pub(super) fn plain_int(&self) -> bool {
        !self.grouped && self.frac_digits == 0 && self.exp == 0 && !self.clean.contains('.')
    }
}

/// Parses `digits × 10^exp` through the decimal string so the result is correctly rounded.
pub(crate) fn scaled(clean: &str, exp: i32) -> f64 {
    if exp == 0 {
        return clean.parse().unwrap_or(f64::NAN);
    }
    format!("{clean}e{exp}").parse().unwrap_or(f64::NAN)
}

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TK {
    Num(Box<NumLit>),
    /// A word; `lex` is its interned lower-case form when the lexicon knows it.
    Word {
        lex: Option<&'static str>,
    },
    Punct(char),
}

/// One token with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TK,
    /// Whitespace (or the start of the text) precedes the token.
    pub sp: bool,
    /// A line break or the start of the text precedes the token.
    pub nl: bool,
    /// A mention may start here (a digit, a starting word, a symbol).
    pub starter: bool,
    /// Lexicon id of a known word, 0 otherwise.
    pub id: u16,
    /// The first character is upper-case.
    pub cap: bool,
    /// Every letter is upper-case (and there are at least two).
    pub upper: bool,
}

impl Tok {
    pub(super) fn lex(&self) -> Option<&'static str> {
        match self.kind {
            TK::Word { lex } => lex,
            _ => None,
        }
    }
    pub(super) fn is_word(&self) -> bool {
        matches!(self.kind, TK::Word { .. })
    }
    pub(super) fn punct(&self) -> Option<char> {
        match self.kind {
            TK::Punct(c) => Some(c),
            _ => None,
        }
    }
    pub(super) fn num(&self) -> Option<&NumLit> {
        match &self.kind {
            TK::Num(n) => Some(n),
            _ => None,
        }
    }
}

/// A multiply-rotate hash over 8-byte words: the lexicon keys are short words looked up
/// once per word of the text, for which SipHash (and even byte-wise FNV) is needlessly slow.
#[derive(Default)]
pub(crate) struct Fnv(u64);
impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut h = self.0 ^ (bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            for (d, s) in w.iter_mut().zip(rest) {
                *d = *s;
            }
            h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
        }
        self.0 = h.wrapping_mul(K) ^ (h >> 32);
    }
    // Slices hash their length first: folding it in without a multiply halves the work.
    fn write_usize(&mut self, n: usize) {
        self.0 ^= (n as u64).rotate_left(47);
    }
    fn write_u8(&mut self, n: u8) {
        self.0 ^= u64::from(n).rotate_left(53);
    }
}
pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A lexicon word: its interned lower-case text, whether a mention may start at it, and a
/// small id (from 1) that indexes the pattern tables without hashing.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LexEntry {
    pub word: &'static str,
    pub starter: bool,
    pub id: u16,
}

/// Every word any rule of the grammar looks at, with whether a mention may start at it.
/// Words outside it are tokens with `lex: None`.
pub(crate) static LEXICON: LazyLock<FnvMap<&'static [u8], LexEntry>> = LazyLock::new(|| {
    let mut m: FnvMap<&'static [u8], LexEntry> = FnvMap::default();
    type Lex = FnvMap<&'static [u8], LexEntry>;
    // `strict`: frequent words in NON_STARTERS never start a mention.
    fn add(m: &mut Lex, w: String, starter: bool, strict: bool) {
        let starter = starter && !(strict && NON_STARTERS.contains(&w.as_str()));
        let id = u16::try_from(m.len() + 1).unwrap_or(u16::MAX);
        match m.get_mut(w.as_bytes()) {
            Some(e) => e.starter |= starter,
            None => {
                // Leaked once: the map lives as long as the process anyway.
                let word: &'static str = Box::leak(w.into_boxed_str());
                m.insert(word.as_bytes(), LexEntry { word, starter, id });
            }
        }
    }
    for list in [super::number::WORDS, super::date::WORDS, super::grammar::WORDS] {
        for w in list {
            add(&mut m, (*w).to_string(), true, true);
        }
    }
    for list in [super::money::WORDS, super::unit::WORDS, super::grammar::CONTEXT_WORDS] {
        for w in list {
            add(&mut m, (*w).to_string(), false, true);
        }
    }
    // Forms read before a number may start a mention ("C$", "Rs"), even short ones.
    for f in super::money::forms_before().chain(super::grammar::qualifier_forms()) {
        for (k, w) in super::grammar::Pat::words(f).into_iter().enumerate() {
            add(&mut m, w, k == 0, false);
        }
    }
    for f in super::money::forms().chain(super::unit::forms()) {
        for w in super::grammar::Pat::words(f) {
            add(&mut m, w, false, true);
        }
    }
    m
});

/// Frequent words the grammar reads only after a mention has started: skipping them keeps
/// the scan fast on prose.
const NON_STARTERS: &[&str] = &[
    "the", "of", "and", "in", "to", "is", "was", "has", "had", "who", "whom", "whose", "that", "which", "can", "could", "will", "would",
    "should", "must", "might", "does", "did", "each", "other", "such", "same", "little", "big", "best", "only", "st", "nd", "rd", "th",
    "by", "since", "until", "early", "late", "mid", "per", "cent", "percent", "points", "pct", "pc", "pp", "ppt", "or", "clock", "o", "m",
    "p", "c", "k", "b", "mn", "mln", "bn", "bln", "tn", "trn", "cr", "lac", "lkh", "lacs", "lkhs", "any", "every", "another", "than",
    "least", "most", "excess", "week", "month", "year", "pm", "am", "dozen", "thousand", "million", "billion", "trillion", "hundred",
    "couple", "pair", "lakh", "lakhs", "crore", "crores", "koti", "krore", "krores", "thirds", "quarters", "halves",
];

/// For each pair of ASCII first and last letters, a bit per word length that some lexicon
/// word has: most prose words fail this test and skip the hash.
static SHAPES: LazyLock<[[u32; 26]; 26]> = LazyLock::new(|| {
    let mut shapes = [[0u32; 26]; 26];
    for key in LEXICON.keys() {
        let (Some(f), Some(l)) = (key.first(), key.last()) else {
            continue;
        };
        if f.is_ascii_lowercase() && l.is_ascii_lowercase() && key.len() < 32 {
            if let Some(s) = shapes.get_mut(usize::from(f - b'a')).and_then(|r| r.get_mut(usize::from(l - b'a'))) {
                *s |= 1 << key.len();
            }
        }
    }
    shapes
});

/// ASCII-lower-cased copy of a short word, for lookups of words not starting with a-z.
fn lower(word: &str) -> Option<Vec<u8>> {
    (word.len() <= 16).then(|| word.bytes().map(|b| b.to_ascii_lowercase()).collect())
}

/// Interns the lower-case form of `word` if the lexicon knows it.
fn intern(word: &str) -> Option<LexEntry> {
    // No lexicon word is longer than 16 bytes, and most (first letter, last letter, length)
    // shapes of prose words occur in no lexicon word: both skip the hash.
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    let last = word.as_bytes().last()?.to_ascii_lowercase();
    if word.len() > 16 || !first.is_ascii_lowercase() || !last.is_ascii_lowercase() {
        return (word.len() <= 16).then(|| LEXICON.get(lower(word)?.as_slice()).copied()).flatten();
    }
    let mask = SHAPES.get(usize::from(first - b'a')).and_then(|r| r.get(usize::from(last - b'a'))).copied().unwrap_or(0);
    if mask & (1 << word.len()) == 0 {
        return None;
    }
    let mut buf = [0u8; 24];
    let bytes = word.as_bytes();
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    LEXICON.get(buf.get(..bytes.len())?).copied()
}

/// Spaces that may group digits ("2 000", with no-break or thin spaces too).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// Cuts `text` into tokens, appending to `toks` (a reused buffer).
pub(crate) fn tokenize_into(text: &str, toks: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut sp = true;
    let mut nl = true;
    // First token of the current whitespace-delimited chunk, so that a URL or an e-mail
    // address found in the middle of it can be dropped whole.
    let mut chunk_tok = toks.len();
    let mut chunk_start = 0;
    while let Some(&byte) = b.get(i) {
        // ASCII fast path for the common characters.
        let c = if byte < 0x80 {
            char::from(byte)
        } else {
            match text.get(i..).and_then(|s| s.chars().next()) {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                nl = true;
            }
            sp = true;
            i += c.len_utf8();
            continue;
        }
        if sp {
            chunk_tok = toks.len();
            chunk_start = i;
        }
        let start = i;
        let ws_before = sp;
        let nl_before = nl;
        sp = false;
        nl = false;
        // URLs ("://", "www.") and e-mails ("x@y.z"): drop the whole chunk.
        let url = (c == ':' && b.get(i + 1..i + 3) == Some(b"//"))
            || (c == '@' && !ws_before && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))
            || (ws_before && (c == 'w' || c == 'W') && b.get(i..i + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"www.")));
        if url {
            toks.truncate(chunk_tok);
            let _ = chunk_start;
            let rest = text.get(i..).unwrap_or("");
            i += rest.find(char::is_whitespace).unwrap_or(rest.len());
            continue;
        }
        let next_is_digit = b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if byte.is_ascii_digit() || (c == '.' && next_is_digit && !prev_alnum(text, start)) {
            let (lit, end) = lex_number(text, i);
            toks.push(Tok {
                start,
                end,
                kind: TK::Num(Box::new(lit)),
                starter: true,
                id: 0,
                sp: ws_before,
                nl: nl_before,
                cap: false,
                upper: false,
            });
            i = end;
            continue;
        }
        if is_word_char(c) {
            // ASCII letters in one tight loop; other letters (é, ü ...) on the slow path.
            let mut end = i;
            loop {
                end += b.get(end..).map_or(0, |r| r.iter().take_while(|x| x.is_ascii_alphabetic()).count());
                match b.get(end) {
                    Some(&x) if x >= 0x80 => match text.get(end..).and_then(|r| r.chars().next()) {
                        Some(ch) if is_word_char(ch) => end += ch.len_utf8(),
                        _ => break,
                    },
                    _ => break,
                }
            }
            let word = text.get(start..end).unwrap_or("");
            let lexed = intern(word);
            toks.push(Tok {
                start,
                end,
                kind: TK::Word { lex: lexed.map(|l| l.word) },
                starter: lexed.is_some_and(|l| l.starter),
                id: lexed.map_or(0, |l| l.id),
                sp: ws_before,
                nl: nl_before,
                cap: c.is_uppercase(),
                upper: c.is_uppercase() && is_all_caps(text.get(start..end).unwrap_or("")),
            });
            i = end;
            continue;
        }
        let end = i + c.len_utf8();
        toks.push(Tok {
            start,
            end,
            kind: TK::Punct(c),
            id: 0,
            starter: !matches!(c, '.' | ',' | '(' | ')' | '"' | '\'' | ';' | ':' | '!' | '?' | '“' | '”' | '’' | '‘' | '/'),
            sp: ws_before,
            nl: nl_before,
            cap: false,
            upper: false,
        });
        i = end;
    }
}

/// At least two letters, none lower-case ("NATO", "JAS").
fn is_all_caps(word: &str) -> bool {
    word.len() >= 2 && !word.chars().any(char::is_lowercase) && word.chars().nth(1).is_some()
}

/// Whether a letter or digit comes right before byte `start`.
fn prev_alnum(text: &str, start: usize) -> bool {
    text.get(..start).and_then(|s| s.chars().next_back()).is_some_and(char::is_alphanumeric)
}

fn digits_at(b: &[u8], i: usize) -> usize {
    b.get(i..).map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// Reads a numeric literal at `i` (a digit, or '.' then a digit). Grouping by ',' or a space
/// needs groups of exactly three digits after a lead group of one to three, so "30,2022"
/// stops after "30" and "2022 330" stays two numbers.
fn lex_number(text: &str, start: usize) -> (NumLit, usize) {
    let b = text.as_bytes();
    let mut clean = String::new();
    let mut i = start;
    let lead = digits_at(b, i);
    clean.push_str(text.get(i..i + lead).unwrap_or(""));
    i += lead;
    let mut int_digits = lead;
    let mut grouped = false;
    if (1..=3).contains(&lead) {
        while let Some(sep) = text.get(i..).and_then(|s| s.chars().next()) {
            if sep != ',' && !is_group_space(sep) {
                break;
            }
            let after = i + sep.len_utf8();
            if digits_at(b, after) != 3 {
                break;
            }
            clean.push_str(text.get(after..after + 3).unwrap_or(""));
            int_digits += 3;
            grouped = true;
            i = after + 3;
        }
    }
    let mut frac_digits = 0;
    let mut multi_dot = false;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        let n = digits_at(b, i + 1);
        clean.push('.');
        clean.push_str(text.get(i + 1..i + 1 + n).unwrap_or(""));
        frac_digits = n;
        i += 1 + n;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            multi_dot = true;
            while b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                i += 1 + digits_at(b, i + 1);
            }
        }
    }
    if clean.starts_with('.') {
        clean.insert(0, '0');
    }
    let mut exp = 0;
    // "1e4" and "2.5e-3": only when the exponent ends the word, so "5eggs" stays words.
    if matches!(b.get(i), Some(b'e') | Some(b'E')) && !multi_dot {
        let (sign, off) = match b.get(i + 1) {
            Some(b'-') => (-1, 2),
            Some(b'+') => (1, 2),
            _ => (1, 1),
        };
        let n = digits_at(b, i + off);
        let after_alpha = b.get(i + off + n).is_some_and(|c| c.is_ascii_alphabetic());
        if (1..=3).contains(&n) && !after_alpha {
            let e: i32 = text.get(i + off..i + off + n).and_then(|s| s.parse().ok()).unwrap_or(0);
            exp = sign * e;
            i += off + n;
        }
    }
    (NumLit { clean, int_digits, frac_digits, grouped, exp, multi_dot }, i)
}
