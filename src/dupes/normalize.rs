//! Tokenization and token normalization.
//!
//! Text is split into *words*: maximal runs of alphanumeric characters, where an
//! apostrophe (`'`, `’`, `ʼ`) squeezed between two alphanumerics belongs to the word
//! (`Ukraine’s` is one word, normalized `ukraines`). Everything else (punctuation,
//! dashes, quotes, bullets, any kind of whitespace including non-breaking spaces and
//! line breaks) only separates words, so edits to punctuation, case, quote style and
//! layout are invisible to matching. Each word keeps its byte span in the original
//! text (always on `char` boundaries) and whether it lies inside quotation marks.
//!
//! Normalized words are lower-cased and passed through a small British→American
//! spelling map (see [`canonical_spelling`]) and then hashed to a 64-bit integer:
//! everything downstream compares integers, never strings.

/// A tokenized document: parallel arrays, one entry per word.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// 64-bit hash of each normalized word.
    pub hashes: Vec<u64>,
    /// Byte span `(start, end)` of each word in the original text.
    pub spans: Vec<(u32, u32)>,
    /// Whether each word lies inside quotation marks.
    pub quoted: Vec<bool>,
    /// Index of the line (split on `\n`) each word is on.
    pub lines: Vec<u32>,
}

impl Tokens {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// True when the text has no words.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

/// 64-bit FNV-1a over bytes followed by a final avalanche mix, so that low bits are
/// usable directly (winnowing compares whole values; truncations stay well spread).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix64(h)
}

/// Avalanche mixer (a splitmix64 finalizer) for combining hashes.
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hash of one normalized word (lower-cased, spelling-canonicalized).
/// The word is canonicalized in place (the buffer is reused by the tokenizer, so no
/// allocation happens per word).
pub fn word_hash(lower: &mut String) -> u64 {
    canonical_spelling(lower);
    hash_bytes(lower.as_bytes())
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Whether a line (the text from its start) is a Markdown blockquote ("> ..."): its words are
/// quoted, as a reprinted report or a treaty article set off from the prose.
pub(crate) fn blockquote_line(line: &str) -> bool {
    line.trim_start_matches([' ', '\t']).starts_with('>')
}

/// Split `text` into normalized words with spans, quote flags and line numbers.
///
/// Quote tracking: `“`/`”`, `«`/`»`, `„` are unambiguous; a straight `"` toggles;
/// `‘` (or a straight `'`) opens a single quote only at the start of a word (previous
/// char not alphanumeric) and `’`/`'` closes it only at the end of a word; apostrophes
/// inside words never count. Quote state is reset at every line break so that one
/// stray mark cannot make the rest of an article "quoted". The words of a blockquote line
/// ("> ...") are quoted.
pub fn tokenize(text: &str) -> Tokens {
    // Byte-level scan: runs of ASCII letters and digits (nearly every word of English news)
    // are taken in one tight loop; everything else goes through the char-level rules. The
    // result equals the plain char-by-char definition (`tokenize_reference` in the tests,
    // checked on random text), at a fraction of the cost per word.
    let b = text.as_bytes();
    let mut out = Tokens::default();
    let words_guess = b.len() / 6;
    out.hashes.reserve(words_guess);
    out.spans.reserve(words_guess);
    out.quoted.reserve(words_guess);
    out.lines.reserve(words_guess);
    let mut in_double = false;
    let mut in_single = false;
    let mut in_block = blockquote_line(text);
    let mut line: u32 = 0;
    let mut cur: Option<(usize, bool)> = None;
    let mut buf = String::new();
    let mut end = 0usize;
    let mut prev: char = ' ';
    let mut i = 0usize;

    fn flush(out: &mut Tokens, cur: &mut Option<(usize, bool)>, buf: &mut String, end: usize, line: u32) {
        if let Some((start, q)) = cur.take() {
            out.hashes.push(word_hash(buf));
            out.spans.push((start as u32, end as u32));
            out.quoted.push(q);
            out.lines.push(line);
            buf.clear();
        }
    }
    let char_at = |at: usize| -> char {
        match b.get(at) {
            None => ' ',
            Some(&x) if x < 0x80 => char::from(x),
            Some(_) => text.get(at..).and_then(|r| r.chars().next()).unwrap_or(' '),
        }
    };

    while i < b.len() {
        let x = b[i];
        if x.is_ascii_alphanumeric() {
            if cur.is_none() {
                cur = Some((i, in_double || in_single || in_block));
            }
            let run = b[i..].iter().position(|y| !y.is_ascii_alphanumeric()).unwrap_or(b.len() - i);
            for &y in &b[i..i + run] {
                buf.push(char::from(y.to_ascii_lowercase()));
            }
            i += run;
            end = i;
            prev = char::from(b[i - 1]);
            continue;
        }
        let c = char_at(i);
        let width = c.len_utf8();
        let next = char_at(i + width);
        if c.is_alphanumeric() {
            if cur.is_none() {
                cur = Some((i, in_double || in_single || in_block));
            }
            for l in c.to_lowercase() {
                buf.push(l);
            }
            end = i + width;
        } else if is_apostrophe(c) && prev.is_alphanumeric() && next.is_alphanumeric() {
            // In-word apostrophe: part of the span, dropped from the normalized form
            // (so `Ukraine’s`, `Ukraine's` and `Ukraines` all agree).
        } else {
            flush(&mut out, &mut cur, &mut buf, end, line);
            match c {
                '\n' => {
                    line += 1;
                    in_double = false;
                    in_single = false;
                    in_block = blockquote_line(&text[i + 1..]);
                }
                '“' | '«' | '„' => in_double = true,
                '”' | '»' => in_double = false,
                '"' => in_double = !in_double,
                '‘' if !prev.is_alphanumeric() => in_single = true,
                '’' | '\'' => {
                    if in_single && !prev.is_whitespace() {
                        in_single = false;
                    } else if c == '\'' && !prev.is_alphanumeric() && next.is_alphanumeric() {
                        in_single = true;
                    }
                }
                _ => {}
            }
        }
        prev = c;
        i += width;
    }
    flush(&mut out, &mut cur, &mut buf, end, line);
    out
}

/// Words that need an explicit British→American mapping (no safe general rule). A `match`
/// rather than a table scan: the tokenizer asks for every word, and the compiler turns this
/// into a length switch plus at most a few comparisons.
fn spelling_table(word: &str) -> Option<&'static str> {
    Some(match word {
        "defence" => "defense",
        "defences" => "defenses",
        "offence" => "offense",
        "offences" => "offenses",
        "licence" => "license",
        "licences" => "licenses",
        "pretence" => "pretense",
        "practise" => "practice",
        "practised" => "practiced",
        "programme" => "program",
        "programmes" => "programs",
        "grey" => "gray",
        "tyre" => "tire",
        "tyres" => "tires",
        "aluminium" => "aluminum",
        "manoeuvre" => "maneuver",
        "manoeuvres" => "maneuvers",
        "judgement" => "judgment",
        "ageing" => "aging",
        "fuelled" => "fueled",
        "fuelling" => "fueling",
        "jewellery" => "jewelry",
        "plough" => "plow",
        "mould" => "mold",
        "whilst" => "while",
        "amongst" => "among",
        "enrolment" => "enrollment",
        "fulfil" => "fulfill",
        "skilful" => "skillful",
        "paediatric" => "pediatric",
        "anaesthetic" => "anesthetic",
        "oestrogen" => "estrogen",
        _ => return None,
    })
}

/// Rewrite a lower-cased word, in place, to a canonical (American) spelling.
///
/// Besides the words of `spelling_table`, a few general suffix rules are applied. They are
/// applied to *both* sides of every comparison, so over-application (e.g.
/// `resource`→`resorce`) is harmless; the rules are restricted (minimum stem
/// lengths) so they do not merge genuinely different common words
/// (`filled`≠`filed`, `four`≠`for`):
/// * `-our` → `-or` when at least 3 letters precede it (`colour`, `honourable`, `behaviour`);
/// * `-ise/-ised/-ises/-ising/-isation/-iser` → `-iz…` with a stem of ≥ 3 letters (`organise`);
/// * `-yse/-ysed/-ysing` → `-yz…` (`analyse`);
/// * `-tre/-bre(s)` → `-ter/-ber(s)` (`centre`, `theatre`, `fibre`);
/// * `-lled/-lling/-ller(s)` → single `l` when ≥ 4 letters precede (`travelled`, `cancelling`);
/// * `-logue(s)` → `-log(s)` (`catalogue`, `dialogue`).
pub fn canonical_spelling(s: &mut String) {
    if !s.is_ascii() || s.len() < 4 {
        return;
    }
    // Only words ending in one of these letters can be rewritten by any rule.
    if !matches!(s.as_bytes()[s.len() - 1], b'e' | b'r' | b'd' | b'g' | b's' | b'y' | b'h' | b'l' | b'n' | b't' | b'm' | b'c') {
        return;
    }
    if let Some(am) = spelling_table(s) {
        s.clear();
        s.push_str(am);
        return;
    }
    // -our -> -or
    if let Some(p) = s.as_bytes().windows(3).position(|w| w == b"our") {
        if p >= 3 {
            s.replace_range(p..p + 3, "or");
        }
    }
    // Each suffix below is tried only when its last letter is the word's: one byte compare
    // instead of a string compare for the ~20 suffixes, on every word of the corpus.
    let ends = |s: &String, suf: &str| s.as_bytes().last() == suf.as_bytes().last() && s.ends_with(suf);
    // -ise family -> -ize family
    for suf in ["isations", "isation", "ising", "ised", "ises", "isers", "iser", "ise"] {
        if s.len() >= suf.len() + 3 && ends(s, suf) {
            let at = s.len() - suf.len();
            s.replace_range(at..at + 2, "iz");
            break;
        }
    }
    for suf in ["ysing", "ysed", "yses", "yse"] {
        if s.len() >= suf.len() + 2 && ends(s, suf) {
            let at = s.len() - suf.len();
            s.replace_range(at..at + 2, "yz");
            break;
        }
    }
    // -tre / -bre -> -ter / -ber
    for (br, am) in [("tres", "ters"), ("bres", "bers"), ("tre", "ter"), ("bre", "ber")] {
        if s.len() >= br.len() + 2 && ends(s, br) {
            let at = s.len() - br.len();
            s.replace_range(at.., am);
            break;
        }
    }
    // doubled l before -ed/-ing/-er
    for (br, am) in [("lling", "ling"), ("llers", "lers"), ("lled", "led"), ("ller", "ler")] {
        if s.len() >= br.len() + 4 && ends(s, br) {
            let at = s.len() - br.len();
            s.replace_range(at.., am);
            break;
        }
    }
    for (br, am) in [("logues", "logs"), ("logue", "log")] {
        if s.len() > br.len() && ends(s, br) {
            let at = s.len() - br.len();
            s.replace_range(at.., am);
            break;
        }
    }
}

/// The plain char-by-char tokenizer [`tokenize`] must agree with (tests only).
#[cfg(test)]
pub(crate) fn tokenize_reference(text: &str) -> Tokens {
    let mut out = Tokens::default();
    let mut in_double = false;
    let mut in_single = false;
    let mut in_block = blockquote_line(text);
    let mut line: u32 = 0;
    // Current word being built: start byte, normalized lowercase buffer, last end.
    let mut cur: Option<(usize, bool)> = None;
    let mut buf = String::new();
    let mut end = 0usize;
    let mut prev: char = ' ';
    let mut iter = text.char_indices().peekable();

    // Closure-free helper to flush the current word into `out`.
    fn flush(out: &mut Tokens, cur: &mut Option<(usize, bool)>, buf: &mut String, end: usize, line: u32) {
        if let Some((start, q)) = cur.take() {
            out.hashes.push(word_hash(buf));
            out.spans.push((start as u32, end as u32));
            out.quoted.push(q);
            out.lines.push(line);
            buf.clear();
        }
    }

    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n).unwrap_or(' ');
        if c.is_ascii_alphanumeric() {
            // ASCII fast path (the common case in English news).
            if cur.is_none() {
                cur = Some((i, in_double || in_single || in_block));
            }
            buf.push(c.to_ascii_lowercase());
            end = i + 1;
        } else if c.is_alphanumeric() {
            if cur.is_none() {
                cur = Some((i, in_double || in_single || in_block));
            }
            for l in c.to_lowercase() {
                buf.push(l);
            }
            end = i + c.len_utf8();
        } else if is_apostrophe(c) && prev.is_alphanumeric() && next.is_alphanumeric() {
            // In-word apostrophe: part of the span, dropped from the normalized form
            // (so `Ukraine’s`, `Ukraine's` and `Ukraines` all agree).
        } else {
            flush(&mut out, &mut cur, &mut buf, end, line);
            match c {
                '\n' => {
                    line += 1;
                    in_double = false;
                    in_single = false;
                    in_block = blockquote_line(&text[i + 1..]);
                }
                '“' | '«' | '„' => in_double = true,
                '”' | '»' => in_double = false,
                '"' => in_double = !in_double,
                '‘' if !prev.is_alphanumeric() => in_single = true,
                '’' | '\'' => {
                    if in_single && !prev.is_whitespace() {
                        in_single = false;
                    } else if c == '\'' && !prev.is_alphanumeric() && next.is_alphanumeric() {
                        in_single = true;
                    }
                }
                _ => {}
            }
        }
        prev = c;
    }
    flush(&mut out, &mut cur, &mut buf, end, line);
    out
}
