//! Units of measure: each with its canonical symbol, dimension, factor to the base unit and
//! the surface forms that may follow a number ("km", "kilometres", "sq km", "km/h",
//! "degrees Celsius"). Forms with capitals must match exactly ("MW" is not "mW"); others
//! match any case. "tons" is read as the metric tonne (international news mostly means
//! it); "pounds" as weight is decided by the money rules (see `money.rs`).

use super::grammar::{Parser, Pat, PatIndex};
use super::{Dimension, Unit};
use std::sync::LazyLock;

/// Words this module reads beyond the surface forms.
pub(crate) const WORDS: &[&str] = &["in", "ft"];

use Dimension::*;

const fn u(symbol: &'static str, dimension: Dimension, to_base: f64) -> Unit {
    Unit { symbol, dimension, to_base }
}

const MILE: f64 = 1609.344;
const YEAR: f64 = 365.2425 * 86400.0;

/// Units and their forms. The symbol is always one of its forms, so canonical text reparses.
const UNITS: &[(Unit, &[&str])] = &[
    (u("km", Length, 1000.0), &["km", "kms", "kilometres", "kilometers", "kilometre", "kilometer"]),
    (u("m", Length, 1.0), &["m", "metres", "meters", "metre", "meter"]),
    (u("cm", Length, 0.01), &["cm", "centimetres", "centimeters", "centimetre", "centimeter"]),
    (u("mm", Length, 0.001), &["mm", "millimetres", "millimeters", "millimetre", "millimeter"]),
    (u("mi", Length, MILE), &["mi", "miles", "mile"]),
    (u("nmi", Length, 1852.0), &["nmi", "nautical miles", "nautical mile"]),
    (u("ft", Length, 0.3048), &["ft", "feet", "foot", "'"]),
    (u("in", Length, 0.0254), &["inches", "inch", "''", "″"]),
    (u("yd", Length, 0.9144), &["yd", "yds", "yards", "yard"]),
    (u("kg", Mass, 1.0), &["kg", "kgs", "kilograms", "kilogrammes", "kilogram", "kilos", "kilo", "k.g.", "k.gs"]),
    (u("g", Mass, 0.001), &["g", "gs", "g.", "grams", "grammes", "gram", "gramme"]),
    (u("mg", Mass, 1e-6), &["mg", "milligrams", "milligram"]),
    (u("µg", Mass, 1e-9), &["µg", "μg", "mcg", "micrograms", "microgram", "microgrammes", "microgramme"]),
    (u("t", Mass, 1000.0), &["t", "tonnes", "tonne", "tons", "ton", "metric tons", "metric tonnes"]),
    (u("lb", Mass, 0.453_592_37), &["lb", "lbs", "pounds", "pound"]),
    (u("oz", Mass, 0.028_349_523_125), &["oz", "ounces", "ounce"]),
    (u("st", Mass, 6.350_293_18), &["stone"]),
    (
        u("km²", Area, 1e6),
        &["km²", "sq km", "sq. km", "square kilometres", "square kilometers", "square kilometre", "square kilometer", "km2"],
    ),
    (u("m²", Area, 1.0), &["m²", "sq m", "square metres", "square meters", "square metre", "square meter", "m2"]),
    (u("mi²", Area, MILE * MILE), &["mi²", "sq mi", "square miles", "square mile"]),
    (u("ft²", Area, 0.092_903_04), &["ft²", "sq ft", "square feet", "square foot"]),
    (u("ha", Area, 1e4), &["ha", "hectares", "hectare"]),
    (u("acre", Area, 4_046.856_422_4), &["acre", "acres"]),
    (u("l", Volume, 1.0), &["l", "litres", "liters", "litre", "liter"]),
    (u("ml", Volume, 0.001), &["ml", "millilitres", "milliliters", "millilitre", "milliliter"]),
    (u("m³", Volume, 1000.0), &["m³", "cubic metres", "cubic meters", "cubic metre", "cubic meter"]),
    (u("ft³", Volume, 28.316_846_592), &["ft³", "cubic feet", "cubic foot", "cu ft"]),
    (u("gal", Volume, 3.785_411_784), &["gal", "gallons", "gallon"]),
    (u("bbl", Volume, 158.987_294_928), &["bbl", "barrels", "barrel"]),
    (u("cup", Volume, 0.236_588_236_5), &["cup", "cups"]),
    (u("tbsp", Volume, 0.014_786_764_781_25), &["tbsp", "tablespoons", "tablespoon"]),
    (u("tsp", Volume, 0.004_928_921_593_75), &["tsp", "teaspoons", "teaspoon"]),
    (
        u("km/h", Speed, 1.0 / 3.6),
        &[
            "km/h",
            "km/hr",
            "kph",
            "kmh",
            "kmph",
            "km per hour",
            "kilometres per hour",
            "kilometers per hour",
            "kilometres an hour",
            "kilometers an hour",
        ],
    ),
    (u("mph", Speed, 0.44704), &["mph", "miles per hour", "miles an hour"]),
    (u("m/s", Speed, 1.0), &["m/s", "metres per second", "meters per second"]),
    (u("kn", Speed, 1852.0 / 3600.0), &["kn", "knots", "knot"]),
    (
        u("°C", Temperature, 1.0),
        &["°C", "° C", "ºC", "° Celsius", "degrees Celsius", "degree Celsius", "degrees centigrade", "degrees C", "deg C", "C°"],
    ),
    (
        u("°F", Temperature, 5.0 / 9.0),
        &["°F", "° F", "ºF", "° Fahrenheit", "degrees Fahrenheit", "degree Fahrenheit", "degrees F", "deg F"],
    ),
    (u("K", Temperature, 1.0), &["kelvin", "kelvins"]),
    (u("°", Other, 1.0), &["°", "degrees", "degree", "deg"]),
    (u("s", Duration, 1.0), &["s", "seconds", "second", "secs", "sec"]),
    (u("min", Duration, 60.0), &["min", "minutes", "minute", "mins"]),
    (u("h", Duration, 3600.0), &["h", "hours", "hour", "hrs", "hr"]),
    (u("d", Duration, 86400.0), &["d", "days", "day"]),
    (u("wk", Duration, 7.0 * 86400.0), &["wk", "weeks", "week"]),
    (u("fortnight", Duration, 14.0 * 86400.0), &["fortnight", "fortnights"]),
    (u("mo", Duration, YEAR / 12.0), &["mo", "months", "month"]),
    (u("yr", Duration, YEAR), &["yr", "years", "year", "yrs"]),
    (u("decade", Duration, 10.0 * YEAR), &["decade", "decades"]),
    (u("century", Duration, 100.0 * YEAR), &["century", "centuries"]),
    (u("W", Power, 1.0), &["W", "watts", "watt"]),
    (u("kW", Power, 1e3), &["kW", "kilowatts", "kilowatt"]),
    (u("MW", Power, 1e6), &["MW", "megawatts", "megawatt"]),
    (u("GW", Power, 1e9), &["GW", "gigawatts", "gigawatt"]),
    (u("kWh", Energy, 3.6e6), &["kWh", "kwh", "kilowatt-hours", "kilowatt hours", "kilowatt-hour"]),
    (u("MWh", Energy, 3.6e9), &["MWh", "megawatt-hours", "megawatt hours"]),
    (u("GWh", Energy, 3.6e12), &["GWh", "gigawatt-hours", "gigawatt hours"]),
    (u("TWh", Energy, 3.6e15), &["TWh", "terawatt-hours", "terawatt hours"]),
    (u("J", Energy, 1.0), &["J", "joules", "joule"]),
    (u("kcal", Energy, 4184.0), &["kcal", "calories", "kilocalories"]),
    (u("eV", Energy, 1.602_176_634e-19), &["eV", "electronvolts", "electron volts"]),
    (u("MeV", Energy, 1.602_176_634e-13), &["MeV"]),
    (u("GeV", Energy, 1.602_176_634e-10), &["GeV"]),
    (u("TeV", Energy, 1.602_176_634e-7), &["TeV"]),
    (u("B", Other, 1.0), &["bytes", "byte"]),
    (u("kB", Other, 1e3), &["kB", "KB", "kilobytes", "kilobyte"]),
    (u("MB", Other, 1e6), &["MB", "megabytes", "megabyte"]),
    (u("GB", Other, 1e9), &["GB", "gigabytes", "gigabyte"]),
    (u("TB", Other, 1e12), &["TB", "terabytes", "terabyte"]),
];

/// Surface forms, for the lexicon.
pub(crate) fn forms() -> impl Iterator<Item = &'static str> {
    UNITS.iter().flat_map(|(_, f)| f.iter().copied())
}

static COMPILED: LazyLock<PatIndex<Unit>> =
    LazyLock::new(|| PatIndex::new(UNITS.iter().flat_map(|(unit, forms)| forms.iter().map(move |f| (Pat::compile(f), *unit))).collect()));

/// Every unit the grammar knows.
pub(crate) fn all_units() -> impl Iterator<Item = Unit> {
    UNITS.iter().map(|u| u.0)
}

/// The unit with this canonical symbol.
pub fn lookup_unit(symbol: &str) -> Option<Unit> {
    all_units().find(|u| u.symbol == symbol)
}

/// Units a bare "a"/"an" may quantify ("a kilogram"); not durations ("a year ago").
pub(crate) fn a_ok(unit: &Unit) -> bool {
    !matches!(unit.dimension, Duration | Other | Temperature)
}

impl Parser<'_> {
    /// A unit right after a number ending before token `i`; returns it and the next index.
    pub(crate) fn unit_after(&self, i: usize) -> Option<(Unit, usize)> {
        let t = self.tok(i)?;
        for (pat, unit) in COMPILED.bucket(t) {
            let Some(end) = self.match_pat(i, pat) else {
                continue;
            };
            // A unit that is a word must end the word ("5 min" but not "5 minds").
            if !self.word_ends(end - 1) {
                continue;
            }
            // Short symbols risk prose: "5 in 10 people", "the 3 d", "a 2 s".
            let sym_only = end == i + 1 && self.text.get(t.start..t.end).is_some_and(|s| s.len() <= 2);
            if sym_only && t.sp && matches!(unit.symbol, "s" | "d" | "t" | "°" | "mo" | "st") {
                continue;
            }
            // "the 1990s", "the 90s" are decades, not seconds (but "9.58s" is a time).
            if unit.symbol == "s" && !t.sp && i > 0 && self.tok(i - 1).and_then(|p| p.num()).is_some_and(|l| l.frac_digits == 0) {
                continue;
            }
            // One-letter symbols are case-sensitive, with or without an abbreviation point:
            // "10 M" is not ten metres, "5G." is not five grams.
            let raw = self.text.get(t.start..t.end).unwrap_or("");
            let letter_then_point = end == i + 2 && self.tok(i + 1).is_some_and(|p| p.punct() == Some('.'));
            if (end == i + 1 || letter_then_point)
                && raw.len() == 1
                && raw.chars().all(char::is_alphabetic)
                && !unit.symbol.starts_with(raw)
            {
                continue;
            }
            // "pounds of" is weight; "pounds" otherwise money (checked by the caller first).
            return Some((*unit, end));
        }
        // Inches as "in" only where nothing follows ("5 in." / "above 5 in").
        if t.lex() == Some("in") && self.end_of_clause(i + 1) {
            return lookup_unit("in").map(|u| (u, i + 1));
        }
        // UK papers write temperatures as "35C" / "95F": glued capitals only.
        let raw = self.text.get(t.start..t.end).unwrap_or("");
        if !t.sp && self.word_ends(i) {
            match raw {
                "C" => return lookup_unit("°C").map(|u| (u, i + 1)),
                "F" => return lookup_unit("°F").map(|u| (u, i + 1)),
                _ => {}
            }
        }
        None
    }
}
