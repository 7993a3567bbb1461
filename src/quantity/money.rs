//! Currencies: symbols, ISO 4217 codes and names, with where each may stand (before or
//! after the number) and the names of their hundredths ("cents", "pence", "kopecks").
//! Forms written with capitals here must match the text exactly ("USD", "RM", "C$"), so the
//! article "A" or the word "try" never become currencies; lower-case forms match any case.

use super::grammar::{Parser, Pat, PatIndex};
use std::sync::LazyLock;

/// Words this module reads (beyond the surface forms below, which the lexicon adds itself).
pub(crate) const WORDS: &[&str] = &[
    "of",
    "and",
    "c",
    "p",
    "heavier",
    "lighter",
    "overweight",
    "weigh",
    "weighs",
    "weighed",
    "weighing",
    "lose",
    "loses",
    "lost",
    "losing",
    "shed",
    "sheds",
    "shedding",
    "gain",
    "gained",
    "gaining",
    "gains",
];

/// One currency: its ISO code (None for names shared by several, like "dinars"), the forms
/// that may precede the number and those that may follow it.
struct Currency {
    code: Option<&'static str>,
    before: &'static [&'static str],
    after: &'static [&'static str],
}

const fn cur(code: Option<&'static str>, before: &'static [&'static str], after: &'static [&'static str]) -> Currency {
    Currency { code, before, after }
}

/// The currency table. "$", "dollars" and "bucks" are USD by convention.
const CURRENCIES: &[Currency] = &[
    cur(
        Some("USD"),
        &["$", "US$", "US $", "USD", "U.S.$", "USD$"],
        &[
            "$",
            "US$",
            "USD",
            "dollars",
            "dollar",
            "us dollars",
            "us dollar",
            "U.S. dollars",
            "U.S. dollar",
            "American dollars",
            "bucks",
            "buck",
        ],
    ),
    cur(Some("CAD"), &["C$", "c $", "CA$", "Can$", "CAD"], &["CAD", "Canadian dollars", "Canadian dollar"]),
    cur(Some("AUD"), &["A$", "AU$", "AUD"], &["AUD", "Australian dollars", "Australian dollar"]),
    cur(Some("NZD"), &["NZ$", "NZD"], &["NZD", "New Zealand dollars"]),
    cur(Some("HKD"), &["HK$", "hk $", "HKD"], &["HKD", "Hong Kong dollars", "Hong Kong dollar"]),
    cur(Some("SGD"), &["S$", "SGD"], &["SGD", "Singapore dollars"]),
    cur(Some("TWD"), &["NT$", "TWD"], &["TWD", "Taiwan dollars", "New Taiwan dollars"]),
    cur(Some("BRL"), &["R$", "BRL"], &["BRL", "reais", "Brazilian reais"]),
    cur(Some("EUR"), &["€", "EUR"], &["€", "EUR", "euros", "euro", "Euros", "Euro"]),
    cur(
        Some("GBP"),
        &["£", "GBP"],
        &["£", "GBP", "pounds sterling", "pound sterling", "sterling", "British pounds", "pounds", "pound", "quid"],
    ),
    cur(Some("JPY"), &["¥", "JPY"], &["JPY", "yen", "Japanese yen"]),
    cur(Some("CNY"), &["CNY", "rmb"], &["CNY", "rmb", "yuan", "renminbi", "Chinese yuan"]),
    cur(Some("INR"), &["₹", "Rs.", "Rs", "INR"], &["INR", "Rs", "rupees", "rupee", "Indian rupees"]),
    cur(Some("PKR"), &["PKR"], &["PKR", "Pakistani rupees"]),
    cur(Some("UAH"), &["₴", "UAH"], &["UAH", "hryvnias", "hryvnia", "hryvnas", "hryvna", "hryvnyas", "Ukrainian hryvnias"]),
    cur(Some("RUB"), &["₽", "RUB"], &["₽", "RUB", "rubles", "ruble", "roubles", "rouble", "Russian rubles", "Russian roubles"]),
    cur(Some("NOK"), &["NOK"], &["NOK", "Norwegian kroner", "Norwegian krone", "Norwegian crowns", "kroner", "krone"]),
    cur(Some("DKK"), &["DKK"], &["DKK", "Danish kroner", "Danish krone", "Danish crowns"]),
    cur(Some("SEK"), &["SEK"], &["SEK", "Swedish kronor", "Swedish krona", "Swedish crowns", "kronor", "krona"]),
    cur(Some("CHF"), &["CHF", "SFr"], &["CHF", "Swiss francs", "Swiss franc", "francs", "franc"]),
    cur(Some("PLN"), &["PLN"], &["PLN", "zloty", "zlotys", "zlotych", "Polish zloty"]),
    cur(Some("HUF"), &["HUF"], &["HUF", "forint", "forints"]),
    cur(Some("CZK"), &["CZK"], &["CZK", "koruna", "Czech crowns"]),
    cur(Some("TRY"), &["₺"], &["₺", "lira", "liras", "Turkish lira"]),
    cur(Some("KRW"), &["₩", "KRW"], &["KRW", "South Korean won", "Korean won"]),
    cur(Some("ILS"), &["₪", "ILS", "NIS"], &["ILS", "NIS", "shekels", "shekel", "new shekels"]),
    cur(Some("ZAR"), &["ZAR"], &["ZAR", "rand", "South African rand"]),
    cur(Some("MXN"), &["MXN", "Mex$"], &["MXN", "Mexican pesos"]),
    cur(
        Some("MYR"),
        &["RM", "MYR", "ringgit", "ringgits", "malaysia ringgit", "malaysian ringgit", "malaysia ringgits", "malaysian ringgits"],
        &["MYR", "RM", "ringgit", "ringgits", "malaysia ringgit", "malaysian ringgit", "malaysia ringgits", "malaysian ringgits"],
    ),
    cur(Some("KWD"), &["KWD"], &["KWD", "kuwaiti dinars", "kuwaiti dinar"]),
    cur(Some("LBP"), &["LBP"], &["LBP", "lebanese pounds", "lebanese pound"]),
    // "LE" (livre égyptienne) is how Egyptian English-language papers write the pound.
    cur(Some("EGP"), &["EGP", "LE", "L.E."], &["EGP", "LE", "L.E.", "L.E", "egyptian pounds", "egyptian pound"]),
    cur(Some("QAR"), &["QAR"], &["QAR", "qatari riyals", "qatari riyal"]),
    cur(Some("SAR"), &["SAR"], &["SAR", "saudi riyals", "saudi riyal"]),
    cur(Some("AED"), &["AED"], &["AED", "dirhams", "dirham", "UAE dirhams"]),
    cur(Some("BGN"), &["BGN"], &["BGN", "leva"]),
    cur(Some("MNT"), &["MNT", "₮"], &["MNT", "tugriks", "tugrik", "togrogs"]),
    cur(Some("IRR"), &["IRR"], &["IRR", "Iranian rials"]),
    cur(Some("KES"), &["KSh", "Ksh", "KES"], &["KES", "Kenyan shillings"]),
    cur(Some("NGN"), &["₦", "NGN"], &["NGN", "naira"]),
    cur(Some("PHP"), &["₱", "PHP"], &["PHP", "Philippine pesos"]),
    cur(Some("CRC"), &["₡", "CRC"], &["₡", "CRC", "colones", "Costa Rican colones"]),
    cur(Some("GEL"), &["₾", "GEL"], &["₾", "GEL", "lari", "Georgian lari"]),
    cur(Some("LAK"), &["₭", "LAK"], &["₭", "LAK", "Lao kip"]),
    // Currencies replaced by the euro, still met in reports on the past.
    cur(Some("DEM"), &["DEM", "DM"], &["DEM", "Deutsche marks", "Deutsche mark", "Deutschmarks", "D-marks", "German marks"]),
    cur(Some("FRF"), &["FRF"], &["FRF", "French francs", "French franc"]),
    cur(Some("BEF"), &["BEF"], &["BEF", "Belgian francs", "Belgian franc"]),
    cur(Some("ITL"), &["ITL"], &["ITL", "lire", "Italian lire"]),
    cur(Some("ESP"), &["ESP"], &["ESP", "pesetas", "peseta", "Spanish pesetas"]),
    cur(Some("NLG"), &["NLG"], &["NLG", "guilders", "guilder", "Dutch guilders", "Netherlands guilders"]),
    cur(Some("FIM"), &["FIM"], &["FIM", "markkaa", "markka", "Finnish markkaa", "Finnish markka", "Finnish marks"]),
    // The unknown-currency code: names shared by several countries, and the canonical form.
    cur(None, &["XXX"], &["XXX", "dinars", "dinar", "riyals", "riyal", "rials", "rial", "pesos", "peso", "shillings"]),
];

/// Hundredths: name and the currency they belong to when they stand alone.
const MINOR: &[(&str, &str)] = &[
    ("cents", "USD"),
    ("cent", "USD"),
    ("¢", "USD"),
    ("pennies", "USD"),
    ("penny", "USD"),
    ("pence", "GBP"),
    ("kopecks", "RUB"),
    ("kopeks", "RUB"),
    ("kopiykas", "UAH"),
    ("kopiyok", "UAH"),
    ("kopiyky", "UAH"),
    ("sen", "MYR"),
    ("sens", "MYR"),
    ("paise", "INR"),
];

pub(crate) struct Compiled {
    before: PatIndex<Option<&'static str>>,
    after: PatIndex<Option<&'static str>>,
    minor: PatIndex<&'static str>,
}

/// Forms written before a number, for the lexicon's list of mention starts.
pub(crate) fn forms_before() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().flat_map(|c| c.before.iter().copied())
}

/// Surface forms, for the lexicon.
pub(crate) fn forms() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().flat_map(|c| c.before.iter().chain(c.after.iter()).copied()).chain(MINOR.iter().map(|m| m.0))
}

pub(crate) static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let mut before = Vec::new();
    let mut after = Vec::new();
    for c in CURRENCIES {
        for f in c.before {
            before.push((Pat::compile(f), c.code));
        }
        for f in c.after {
            after.push((Pat::compile(f), c.code));
        }
    }
    // The index keeps the longest forms first, so "US dollars" wins over "US".
    Compiled {
        before: PatIndex::new(before),
        after: PatIndex::new(after),
        minor: PatIndex::new(MINOR.iter().map(|(f, c)| (Pat::compile(f), *c)).collect()),
    }
});

/// The static ISO code the grammar uses for `code`, to rebuild values read back from a cache.
pub(crate) fn static_code(code: &str) -> Option<&'static str> {
    CURRENCIES.iter().filter_map(|c| c.code).find(|c| *c == code)
}

/// Display symbol for a code ("USD" -> "$").
pub(crate) fn symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "UAH" => "₴",
        "RUB" => "₽",
        "INR" => "₹",
        "CAD" => "C$",
        "AUD" => "A$",
        "HKD" => "HK$",
        _ => return None,
    })
}

/// A currency read next to a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CurP {
    pub code: Option<&'static str>,
    /// The amount is in hundredths ("cents", "pence").
    pub minor: bool,
}

impl Parser<'_> {
    /// A currency written before the number, at token `i`; returns it and the next index.
    pub(crate) fn currency_before(&self, i: usize) -> Option<(CurP, usize)> {
        for (pat, code) in COMPILED.before.bucket(self.tok(i)?) {
            if let Some(end) = self.match_pat(i, pat) {
                return Some((CurP { code: *code, minor: false }, end));
            }
        }
        None
    }

    /// A currency written after the number at `i` (the number ends just before `i`).
    pub(crate) fn currency_after(&self, i: usize) -> Option<(CurP, usize)> {
        for (pat, code) in COMPILED.after.bucket(self.tok(i)?) {
            if let Some(end) = self.match_pat(i, pat) {
                let last = self.lex(end.wrapping_sub(1));
                // "six pounds of meat" is a weight; "pounds sterling" and "£" never are.
                if matches!(last, Some("pounds") | Some("pound")) && (self.lex(end) == Some("of") || self.weight_context(i, end)) {
                    continue;
                }
                return Some((CurP { code: *code, minor: false }, end));
            }
        }
        self.minor_after(i).map(|(code, end)| (CurP { code: Some(code), minor: true }, end))
    }

    /// "pounds" at `i..end` after an amount is a weight when a verb of weight comes shortly
    /// before the amount ("weighed 200 pounds", "lost more than 30 pounds") or a comparative
    /// of weight follows ("20 pounds heavier"); never after a scale ("lost 50 million pounds").
    fn weight_context(&self, i: usize, end: usize) -> bool {
        if matches!(self.lex(end), Some("heavier" | "lighter" | "overweight")) {
            return true;
        }
        let prev = i.checked_sub(1).and_then(|k| self.tok(k));
        if prev
            .is_some_and(|t| t.is_word() && t.lex().is_some_and(|w| super::number::scale_word(w, true).is_some() || w == "m" || w == "bn"))
        {
            return false;
        }
        const WEIGHT: &[&str] = &[
            "weigh", "weighs", "weighed", "weighing", "lose", "loses", "lost", "losing", "shed", "sheds", "shedding", "gain", "gained",
            "gaining", "gains",
        ];
        let mut k = i;
        for _ in 0..6 {
            let Some(j) = k.checked_sub(1) else { break };
            k = j;
            if matches!(self.punct(k), Some('.' | ';' | '!' | '?' | ',')) {
                break;
            }
            if self.lex(k).is_some_and(|w| WEIGHT.contains(&w)) {
                return true;
            }
        }
        false
    }

    /// Hundredths after a number: "cents", "¢", and glued "43c" / "50p".
    pub(crate) fn minor_after(&self, i: usize) -> Option<(&'static str, usize)> {
        for (pat, code) in COMPILED.minor.bucket(self.tok(i)?) {
            if let Some(end) = self.match_pat(i, pat) {
                return Some((code, end));
            }
        }
        let t = self.tok(i)?;
        if !t.sp && self.word_ends(i) {
            // Lower case only: "35C" is a temperature.
            match self.text.get(t.start..t.end) {
                Some("c") => return Some(("USD", i + 1)),
                Some("p") => return Some(("GBP", i + 1)),
                _ => {}
            }
        }
        None
    }
}
