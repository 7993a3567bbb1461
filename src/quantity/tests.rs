//! Table-driven tests of the quantity grammar: each case is a text and the complete list of
//! mentions expected in it (so negative cases simply expect fewer or none), each given as
//! the exact substring of its span and a compact value spec. Property tests follow: the
//! canonical text round-trips, scanning never panics on awkward Unicode, and stays linear.
//!
//! Spec language (space-separated): `KIND [CUR|UNIT] LOW[..HIGH] [q:QUAL] [s:STEP]` with
//! KIND one of N (number), O (ordinal), M (money; CUR an ISO code or `-` for none),
//! P (percent), PP (percentage points), Q (quantity; UNIT the symbol), D (date: `YYYY-MM-DD`
//! resolved, or `?` unresolved, plus `w:Wed`, `g:month|week|year`, `rel`, `y:`/`m:`/`d:` as
//! written), Y (year). QUAL is `=` exact (default), `~` about, `>` more than, `>=` at least,
//! `<` less than, `<=` at most, `R` range (default with HIGH), `V` vague. A conversion follows
//! ` => ` as `substring :: spec`. The article date of every case is Thursday 2023-11-30.

use super::*;

/// (text, [(substring, spec)]).
type Case = (&'static str, &'static [(&'static str, &'static str)]);

const CASES: &[Case] = &[
    // ---- Seed sentences (real news) ----
    (
        "Opposition from hardline Republicans in the U.S. Congress has stalled a new $60-billion package",
        &[("$60-billion", "M USD 60e9 s:1e9")],
    ),
    (
        "The U.S. has provided more than $40bn in security aid to Ukraine since the war in February 2022",
        &[("more than $40bn", "M USD 40e9 q:> s:1e9"), ("February 2022", "D 2022-02-01 g:month y:2022 m:2")],
    ),
    ("some $61bn in proposed U.S. aid", &[("some $61bn", "M USD 61e9 q:~")]),
    ("another $50bn package", &[("$50bn", "M USD 50e9")]),
    (
        "It has closed its entire 1,340 km (833 mile) border with Russia for two weeks",
        &[("1,340 km (833 mile)", "Q km 1340 s:1 => 833 mile :: Q mi 833"), ("two weeks", "Q wk 2")],
    ),
    ("a majority of Americans (55 percent) oppose", &[("55 percent", "P 55")]),
    ("Sweden also announced a record aid package ... and €270 million.", &[("€270 million", "M EUR 270e6 s:1e6")]),
    ("allocation of $53 million", &[("$53 million", "M USD 53e6")]),
    ("allocate NOK 2 billion", &[("NOK 2 billion", "M NOK 2e9 s:1e9")]),
    ("Foreign ministers from all 32 NATO member states", &[("32", "N 32 s:1")]),
    ("military aid package worth $725 million", &[("$725 million", "M USD 725e6")]),
    ("The United States and 50 other nations", &[("50", "N 50")]),
    (
        "NATO Allies have delivered over €65 billion in military aid to Ukraine since February 2022",
        &[("over €65 billion", "M EUR 65e9 q:>"), ("February 2022", "D 2022-02-01 g:month")],
    ),
    ("training for tens of thousands of Ukrainian soldiers", &[("tens of thousands", "N 1e4..1e5 q:V")]),
    ("lasting more than two and a half hours", &[("more than two and a half hours", "Q h 2.5 q:> s:0.5")]),
    ("neither Russia nor the US has signed the 1997 Ottawa Treaty", &[("1997", "Y 1997")]),
    ("giving Ukraine MiG-29 and F-16 fighter jets", &[]),
    ("SAAB JAS 39 Gripen fighters", &[]),
    ("comprising 30 member countries", &[("30", "N 30")]),
    ("NATO allies met on Nov. 29", &[("Nov. 29", "D 2023-11-29 m:11 d:29")]),
    ("November 30,2022 330", &[("November 30,2022", "D 2022-11-30 y:2022"), ("330", "N 330")]),
    (" date 2023-11-29 NATO has reaffirmed", &[("2023-11-29", "D 2023-11-29 y:2023 m:11 d:29")]),
    ("the Bucharest summit in 2008", &[("2008", "Y 2008")]),
    ("1. What is NATO?", &[]),
    ("https://www.nato.int/cps/uk/natohq/176328.htm", &[]),
    ("Over the past year", &[]),
    ("Two months later", &[("Two months", "Q mo 2")]),
    // ---- Digits and separators ----
    ("There were 1,340 of them.", &[("1,340", "N 1340 s:1")]),
    ("about 2 000 troops", &[("about 2 000", "N 2000 q:~")]),
    ("about 2\u{a0}000 troops", &[("about 2\u{a0}000", "N 2000 q:~")]),
    ("some 12\u{2009}500 people", &[("some 12\u{2009}500", "N 12500 q:~")]),
    ("3,000,000 barrels a day", &[("3,000,000 barrels", "Q bbl 3e6")]),
    ("a rate of 0.25 was set", &[("0.25", "N 0.25 s:0.01")]),
    ("grew by .5 overall", &[(".5", "N 0.5 s:0.1")]),
    ("the value 7.20000 appeared", &[("7.20000", "N 7.2 s:0.00001")]),
    ("fell to -504 points", &[("-504", "N -504")]),
    ("- 32 member countries", &[("32", "N 32")]),
    (
        "on Tuesday and Wednesday, November 28 and 29, 2023",
        &[("Tuesday", "D 2023-11-28 w:Tue rel"), ("Wednesday, November 28", "D 2023-11-28"), ("29", "N 29"), ("2023", "Y 2023")],
    ),
    ("Facts:\n- 31 member countries", &[("31", "N 31")]),
    ("minus 5 degrees Celsius", &[("minus 5 degrees Celsius", "Q °C -5")]),
    ("negative five hundred and four", &[("negative five hundred and four", "N -504")]),
    ("the 1,000th visitor", &[("1,000th", "O 1000")]),
    ("numbers like 12345678 are plain", &[("12345678", "N 12345678")]),
    ("codes 0033 and 007", &[("0033", "N 33"), ("007", "N 7")]),
    ("1e4 copies", &[("1e4", "N 1e4 s:1e4")]),
    // ---- Written numbers ----
    ("thirty-two countries", &[("thirty-two", "N 32 s:1")]),
    ("thirty two countries", &[("thirty two", "N 32")]),
    ("two and a half", &[("two and a half", "N 2.5 s:0.5")]),
    ("a dozen eggs", &[("a dozen", "N 12")]),
    ("half a dozen people were hurt", &[("half a dozen", "N 6 s:1")]),
    ("half a day", &[("half a day", "Q d 0.5")]),
    ("two dozen roses", &[("two dozen", "N 24")]),
    ("one billion twenty-five million", &[("one billion twenty-five million", "N 1.025e9 s:1e6")]),
    ("a hundred people", &[("a hundred", "N 100 s:100")]),
    ("a thousand and one nights", &[("a thousand and one", "N 1001")]),
    ("seven hundred twenty-one thousand and twelve", &[("seven hundred twenty-one thousand and twelve", "N 721012")]),
    ("three million two hundred thousand", &[("three million two hundred thousand", "N 3.2e6 s:1e5")]),
    ("two point two million", &[("two point two million", "N 2.2e6 s:1e5")]),
    ("eleven players", &[("eleven", "N 11")]),
    ("zero tolerance", &[("zero", "N 0")]),
    ("nineteen ninety", &[("nineteen", "N 19"), ("ninety", "N 90")]),
    ("twenty-one thousand Eleven", &[("twenty-one thousand Eleven", "N 21011")]),
    ("three thousand millions", &[("three thousand millions", "N 3e9")]),
    ("a million people", &[("a million", "N 1e6 s:1e6")]),
    ("half a million refugees", &[("half a million", "N 5e5 s:5e5")]),
    ("half a billion dollars", &[("half a billion dollars", "M USD 5e8 s:5e8")]),
    ("a quarter of a million", &[("a quarter of a million", "N 2.5e5 s:2.5e5")]),
    ("a couple of days", &[("a couple of days", "Q d 2")]),
    ("a pair", &[("a pair", "N 2")]),
    ("five thousand", &[("five thousand", "N 5000 s:1000")]),
    ("Twenty people came", &[("Twenty", "N 20")]),
    ("ONE TWO THREE", &[("ONE", "N 1"), ("TWO", "N 2"), ("THREE", "N 3")]),
    // ---- Fractions ----
    ("two thirds of voters", &[("two thirds", "N 0.6666666666666666 s:0.3333333333333333")]),
    ("one-third of the budget", &[("one-third", "N 0.3333333333333333")]),
    ("three quarters of respondents", &[("three quarters", "N 0.75 s:0.25")]),
    ("1/5 of the total", &[("1/5", "N 0.2 s:0.2")]),
    ("3/4 cup", &[("3/4 cup", "Q cup 0.75")]),
    ("2 1/2 years", &[("2 1/2 years", "Q yr 2.5 s:0.5")]),
    // Vulgar fraction characters, alone or after an integer.
    ("the talks lasted 2½ hours", &[("2½ hours", "Q h 2.5 s:0.5")]),
    ("a 3 ¾ mile stretch", &[("3 ¾ mile", "Q mi 3.75 s:0.25")]),
    ("a ½ mile walk", &[("½ mile", "Q mi 0.5")]),
    ("¾ of voters backed it", &[("¾", "N 0.75 s:0.25")]),
    ("route ½A was closed", &[]),
    // One order only (29 cannot be a month): read; "03/04/2024" without a weekday is not.
    ("on 11/29/2023", &[("11/29/2023", "D 2023-11-29 y:2023 m:11 d:29")]),
    ("filed 03/04/2024", &[]),
    // ---- Ordinals ----
    ("the 31st member", &[("31st", "O 31")]),
    ("the 32nd member", &[("32nd", "O 32")]),
    ("the third round", &[("third", "O 3")]),
    ("for the first time", &[("first", "O 1")]),
    ("the twenty-first century", &[("twenty-first", "O 21")]),
    ("3rd place", &[("3rd", "O 3")]),
    ("the 11th hour", &[("11th", "O 11")]),
    ("the 22th", &[]),
    ("the 100th anniversary", &[("100th", "O 100")]),
    ("second place", &[("second", "O 2")]),
    ("for the hundredth time", &[("hundredth", "O 100")]),
    // ---- Vague ----
    ("hundreds of people", &[("hundreds of", "N 100..1000 q:V")]),
    ("dozens of drones", &[("dozens of", "N 24..144 q:V")]),
    ("thousands of protesters", &[("thousands of", "N 1000..10000 q:V")]),
    ("hundreds of thousands of refugees", &[("hundreds of thousands", "N 1e5..1e6 q:V")]),
    ("tens of millions of dollars", &[("tens of millions of dollars", "M USD 1e7..1e8 q:V")]),
    ("millions of people", &[("millions of", "N 1e6..1e7 q:V")]),
    ("thousands of dollars", &[("thousands of dollars", "M USD 1000..10000 q:V")]),
    ("the tens digit", &[]),
    // ---- Scale suffixes and words ----
    ("$61bn", &[("$61bn", "M USD 61e9 s:1e9")]),
    ("$60.8bn", &[("$60.8bn", "M USD 60.8e9 s:1e8")]),
    ("$1.2b in loans", &[("$1.2b", "M USD 1.2e9 s:1e8")]),
    ("10M downloads", &[("10M", "N 1e7 s:1e6")]),
    ("100k subscribers", &[("100k", "N 1e5 s:1e3")]),
    ("$10K", &[("$10K", "M USD 1e4")]),
    ("£3mn deal", &[("£3mn", "M GBP 3e6")]),
    ("€4mln", &[("€4mln", "M EUR 4e6")]),
    ("$2tn economy", &[("$2tn", "M USD 2e12 s:1e12")]),
    ("€270m", &[("€270m", "M EUR 270e6")]),
    ("5 million", &[("5 million", "N 5e6 s:1e6")]),
    ("1.2 million", &[("1.2 million", "N 1.2e6 s:1e5")]),
    ("3 billions", &[("3 billions", "N 3e9")]),
    ("a 5-million grant", &[("5-million", "N 5e6")]),
    ("2.5 trillion", &[("2.5 trillion", "N 2.5e12 s:1e11")]),
    ("5 lakh rupees", &[("5 lakh rupees", "M INR 5e5")]),
    ("four crore rupees", &[("four crore rupees", "M INR 4e7")]),
    ("the 10m wall", &[("10m", "Q m 10")]),
    ("10m euros", &[("10m euros", "M EUR 10e6")]),
    ("some 8m people fled", &[("some 8m", "N 8e6 q:~")]),
    ("17m tonnes of grain", &[("17m tonnes", "Q t 17e6")]),
    ("2b users", &[("2b", "N 2e9")]),
    ("a 3m-high wall", &[("3m", "Q m 3")]),
    ("the 100m final", &[("100m", "Q m 100")]),
    ("a 50m stretch of road", &[("50m", "Q m 50")]),
    // ---- Money ----
    ("$5", &[("$5", "M USD 5")]),
    ("US$4.7 billion", &[("US$4.7 billion", "M USD 4.7e9 s:1e8")]),
    ("C$300 million", &[("C$300 million", "M CAD 300e6")]),
    ("A$12", &[("A$12", "M AUD 12")]),
    ("HK$8.5bn", &[("HK$8.5bn", "M HKD 8.5e9")]),
    ("₴500 fine", &[("₴500", "M UAH 500")]),
    ("₽1,000", &[("₽1,000", "M RUB 1000")]),
    ("¥100 coin", &[("¥100", "M JPY 100")]),
    ("£10", &[("£10", "M GBP 10")]),
    ("USD 5", &[("USD 5", "M USD 5")]),
    ("125 EUR", &[("125 EUR", "M EUR 125")]),
    ("CHF 3.04", &[("CHF 3.04", "M CHF 3.04 s:0.01")]),
    ("10 dollars", &[("10 dollars", "M USD 10")]),
    ("ten dollars", &[("ten dollars", "M USD 10")]),
    ("a dollar", &[("a dollar", "M USD 1")]),
    ("20 euros", &[("20 euros", "M EUR 20")]),
    ("100 kroner", &[("100 kroner", "M NOK 100")]),
    ("100 Danish kroner", &[("100 Danish kroner", "M DKK 100")]),
    ("5 million Swedish kronor", &[("5 million Swedish kronor", "M SEK 5e6")]),
    // Reuters writes crowns: "worth 13.3 billion Swedish crowns ($1.25 billion)".
    ("13.3 billion Swedish crowns", &[("13.3 billion Swedish crowns", "M SEK 13.3e9")]),
    ("75 billion Norwegian crowns", &[("75 billion Norwegian crowns", "M NOK 75e9")]),
    ("10 pounds sterling", &[("10 pounds sterling", "M GBP 10")]),
    ("ten pounds", &[("ten pounds", "M GBP 10")]),
    ("500 yen", &[("500 yen", "M JPY 500")]),
    ("200 hryvnias", &[("200 hryvnias", "M UAH 200")]),
    ("1,000 roubles", &[("1,000 roubles", "M RUB 1000")]),
    ("1,000 rubles", &[("1,000 rubles", "M RUB 1000")]),
    ("3 yuan", &[("3 yuan", "M CNY 3")]),
    ("10 cents", &[("10 cents", "M USD 0.1 s:0.01")]),
    ("50 pence", &[("50 pence", "M GBP 0.5")]),
    ("10¢", &[("10¢", "M USD 0.1")]),
    ("$20 and 43 cents", &[("$20 and 43 cents", "M USD 20.43")]),
    ("20 dollars 43 cents", &[("20 dollars 43 cents", "M USD 20.43")]),
    ("10 dinars", &[("10 dinars", "M - 10")]),
    ("10$", &[("10$", "M USD 10")]),
    ("20€", &[("20€", "M EUR 20")]),
    ("42 bucks", &[("42 bucks", "M USD 42")]),
    ("Rs 20", &[("Rs 20", "M INR 20")]),
    ("NOK 2 billion and SEK 3 billion", &[("NOK 2 billion", "M NOK 2e9"), ("SEK 3 billion", "M SEK 3e9")]),
    ("10 billion euros ($11 billion)", &[("10 billion euros ($11 billion)", "M EUR 10e9 => $11 billion :: M USD 11e9")]),
    ("€2bn (£1.7bn)", &[("€2bn (£1.7bn)", "M EUR 2e9 => £1.7bn :: M GBP 1.7e9")]),
    ("USD3.14", &[("USD3.14", "M USD 3.14")]),
    ("3.14US$", &[("3.14US$", "M USD 3.14")]),
    ("GBP3.01", &[("GBP3.01", "M GBP 3.01")]),
    ("a $100 fine", &[("$100", "M USD 100")]),
    ("a US$4.7 billion deal", &[("US$4.7 billion", "M USD 4.7e9")]),
    // An article before a symbol or a code is not "one dollar".
    ("the ministry signed a $ 300 million contract", &[("$ 300 million", "M USD 300e6")]),
    ("a USD 5 million loan from the bank", &[("USD 5 million", "M USD 5e6")]),
    ("a £ sign on the sticker", &[]),
    ("tickets now cost a dollar", &[("a dollar", "M USD 1")]),
    // A symbol restated after an amount joins it, unless it starts the next amount.
    ("invoices of $ 20,000.00 $ 37,305.97 were paid", &[("$ 20,000.00", "M USD 20000"), ("$ 37,305.97", "M USD 37305.97")]),
    ("it cost $100 USD in total", &[("$100 USD", "M USD 100")]),
    // Spaced country prefixes as in tokenised wire copy, and more currency names.
    ("the bank took a c $ 300 million charge", &[("c $ 300 million", "M CAD 300e6")]),
    ("exports fell to hk $ 10.05 billion", &[("hk $ 10.05 billion", "M HKD 10.05e9")]),
    ("it was paid 40 rmb per hour", &[("40 rmb", "M CNY 40")]),
    ("a fine of 10 US dollar per day", &[("10 US dollar", "M USD 10")]),
    ("the club paid us $5 for it", &[("$5", "M USD 5")]),
    ("the stake was valued at 6.65 billion pesetas", &[("6.65 billion pesetas", "M ESP 6.65e9")]),
    ("250 million Dutch guilders of bonds", &[("250 million Dutch guilders", "M NLG 250e6")]),
    ("a bid of 420 million Finnish markka", &[("420 million Finnish markka", "M FIM 420e6")]),
    ("it spent 3 billion French francs", &[("3 billion French francs", "M FRF 3e9")]),
    ("fined 10,000 Swiss francs", &[("10,000 Swiss francs", "M CHF 10000")]),
    ("prices start at 100,000 ₭", &[("100,000 ₭", "M LAK 100000")]),
    ("he sent her a quick DM and left", &[]),
    // ---- Money ranges ----
    ("$5-10bn", &[("$5-10bn", "M USD 5e9..10e9 s:1e9")]),
    ("between $10 and $20", &[("between $10 and $20", "M USD 10..20")]),
    ("between 10 and 20 dollars", &[("between 10 and 20 dollars", "M USD 10..20")]),
    ("from 10 dollars to 20 dollars", &[("from 10 dollars to 20 dollars", "M USD 10..20")]),
    ("$10-$20", &[("$10-$20", "M USD 10..20")]),
    ("€10–20 million", &[("€10–20 million", "M EUR 10e6..20e6")]),
    ("between 500 and 2 million", &[("between 500 and 2 million", "N 500..2e6")]),
    ("$3 to $4 billion", &[("$3 to $4 billion", "M USD 3e9..4e9")]),
    ("around 10-20 dollars", &[("around 10-20 dollars", "M USD 10..20")]),
    // ---- Percent ----
    ("55%", &[("55%", "P 55")]),
    ("55 per cent", &[("55 per cent", "P 55")]),
    ("55 pc", &[("55 pc", "P 55")]),
    ("inflation of 3.2 percent", &[("3.2 percent", "P 3.2 s:0.1")]),
    ("up 2 percentage points", &[("2 percentage points", "PP 2")]),
    ("a 0.5-percentage-point cut", &[("0.5-percentage-point", "PP 0.5")]),
    ("rose 10% to 20%", &[("10%", "P 10"), ("20%", "P 20")]),
    ("a range of 10% to 20%", &[("10% to 20%", "P 10..20")]),
    ("between 40 and 45 percent", &[("between 40 and 45 percent", "P 40..45")]),
    ("nearly 60%", &[("nearly 60%", "P 60 q:~<")]),
    ("fifty percent", &[("fifty percent", "P 50")]),
    ("10-15%", &[("10-15%", "P 10..15")]),
    ("100 % sure", &[("100 %", "P 100")]),
    // ---- Quantities ----
    ("5 miles (8 km)", &[("5 miles (8 km)", "Q mi 5 => 8 km :: Q km 8")]),
    ("3km", &[("3km", "Q km 3")]),
    ("3 kilometres", &[("3 kilometres", "Q km 3")]),
    ("3 kilometers", &[("3 kilometers", "Q km 3")]),
    ("1.87 meters", &[("1.87 meters", "Q m 1.87")]),
    ("2cm", &[("2cm", "Q cm 2")]),
    ("500g of strawberries", &[("500g", "Q g 500")]),
    ("20 kg", &[("20 kg", "Q kg 20")]),
    ("10,000 tonnes of grain", &[("10,000 tonnes", "Q t 10000")]),
    ("5 tons", &[("5 tons", "Q t 5")]),
    ("6 lbs of meat", &[("6 lbs", "Q lb 6")]),
    ("six pounds of meat", &[("six pounds", "Q lb 6")]),
    // "pounds" is a weight after a verb of weight or before a comparative, money otherwise.
    ("the suspect weighed about 200 pounds", &[("about 200 pounds", "Q lb 200 q:~")]),
    ("she has lost more than 30 pounds since the spring", &[("more than 30 pounds", "Q lb 30 q:>")]),
    ("the new model is 20 pounds lighter", &[("20 pounds", "Q lb 20")]),
    ("the club lost 50 million pounds last season", &[("50 million pounds", "M GBP 50e6")]),
    ("the tickets cost 200 pounds each", &[("200 pounds", "M GBP 200")]),
    ("he lost his job. The fine was 200 pounds", &[("200 pounds", "M GBP 200")]),
    // Cubic feet, micrograms, spoons, more ways to write km/h and °C.
    ("exports of 0.9 trillion cubic feet of gas", &[("0.9 trillion cubic feet", "Q ft³ 0.9e12 s:1e11")]),
    ("a dose of 150 micrograms", &[("150 micrograms", "Q µg 150")]),
    ("levels above 120 μg per litre", &[("above 120 μg", "Q µg 120 q:>")]),
    ("add 3 tablespoons of sugar and 2 tsp of salt", &[("3 tablespoons", "Q tbsp 3"), ("2 tsp", "Q tsp 2")]),
    ("a limit of 30 km/hr in town", &[("30 km/hr", "Q km/h 30")]),
    ("speeds of 120 kmph", &[("120 kmph", "Q km/h 120")]),
    ("water boils at 100° Celsius", &[("100° Celsius", "Q °C 100")]),
    ("200 litres", &[("200 litres", "Q l 200")]),
    ("3 gallons", &[("3 gallons", "Q gal 3")]),
    ("50 hectares", &[("50 hectares", "Q ha 50")]),
    ("603,700 sq km", &[("603,700 sq km", "Q km² 603700")]),
    ("603,700 square kilometres", &[("603,700 square kilometres", "Q km² 603700")]),
    ("at 90 km/h", &[("90 km/h", "Q km/h 90")]),
    ("70 mph", &[("70 mph", "Q mph 70")]),
    ("40 degrees Celsius", &[("40 degrees Celsius", "Q °C 40")]),
    ("104 degrees Fahrenheit", &[("104 degrees Fahrenheit", "Q °F 104")]),
    ("-5°C", &[("-5°C", "Q °C -5")]),
    ("24 hours", &[("24 hours", "Q h 24")]),
    ("three days", &[("three days", "Q d 3")]),
    ("10 years", &[("10 years", "Q yr 10")]),
    ("1,000 MW", &[("1,000 MW", "Q MW 1000")]),
    ("2 GW of capacity", &[("2 GW", "Q GW 2")]),
    ("300 kWh", &[("300 kWh", "Q kWh 300")]),
    ("7 feet 10 inches", &[("7 feet 10 inches", "Q in 94")]),
    ("2 km and 1 meter", &[("2 km and 1 meter", "Q m 2001")]),
    ("between 3 and 5 kilometers", &[("between 3 and 5 kilometers", "Q km 3..5")]),
    ("5-6 mm", &[("5-6 mm", "Q mm 5..6")]),
    ("a 10-km stretch", &[("10-km", "Q km 10")]),
    ("a kilogram", &[("a kilogram", "Q kg 1")]),
    ("30 minutes", &[("30 minutes", "Q min 30")]),
    ("5 in 10 people", &[("5", "N 5"), ("10", "N 10")]),
    ("a 32-year-old man", &[("32-year", "Q yr 32")]),
    ("200 barrels", &[("200 barrels", "Q bbl 200")]),
    ("4 acres", &[("4 acres", "Q acre 4")]),
    ("12 knots", &[("12 knots", "Q kn 12")]),
    // ---- Qualifiers ----
    ("about 5,000 people", &[("about 5,000", "N 5000 q:~")]),
    ("around 40 tanks", &[("around 40", "N 40 q:~")]),
    ("roughly $3bn", &[("roughly $3bn", "M USD 3e9 q:~")]),
    ("approximately 300 km", &[("approximately 300 km", "Q km 300 q:~")]),
    ("almost 60%", &[("almost 60%", "P 60 q:~<")]),
    ("an estimated 20,000 troops", &[("an estimated 20,000", "N 20000 q:~")]),
    ("at least 12 people", &[("at least 12", "N 12 q:>=")]),
    ("up to 40,000 troops", &[("up to 40,000", "N 40000 q:<=")]),
    ("as many as 1.5 million refugees", &[("as many as 1.5 million", "N 1.5e6 q:<=")]),
    ("temperatures ≥ 30 °C", &[("≥ 30 °C", "Q °C 30 q:>=")]),
    ("phones support 5G.", &[]),
    ("a 5g. sachet", &[("5g.", "Q g 5")]),
    ("Apollo 11 landed on the Moon.", &[]),
    ("Windows 11 ships. Chapter 7 bankruptcy followed.", &[]),
    ("These 30 countries agreed.", &[("30", "N 30")]),
    ("All 32 allies met.", &[("32", "N 32")]),
    ("inflation ≤5%", &[("≤5%", "P 5 q:<=")]),
    ("the toll rose to 1,200-plus", &[("1,200-plus", "N 1200 q:>=")]),
    ("40-odd countries", &[("40-odd", "N 40 q:~")]),
    ("a 40-odd-year career", &[("40-odd", "N 40 q:~")]),
    ("less than 5%", &[("less than 5%", "P 5 q:<")]),
    ("under 18 years", &[("under 18 years", "Q yr 18 q:<")]),
    ("below 2 degrees Celsius", &[("below 2 degrees Celsius", "Q °C 2 q:<")]),
    ("fewer than 100 people", &[("fewer than 100", "N 100 q:<")]),
    ("no more than 7 euros", &[("no more than 7 euros", "M EUR 7 q:<=")]),
    ("above 5%", &[("above 5%", "P 5 q:>")]),
    ("over 1,000 civilians", &[("over 1,000", "N 1000 q:>")]),
    ("no less than $1.42", &[("no less than $1.42", "M USD 1.42 q:>=")]),
    ("at most 7€", &[("at most 7€", "M EUR 7 q:<=")]),
    ("exactly 42", &[("exactly 42", "N 42")]),
    ("~ four", &[("~ four", "N 4 q:~")]),
    ("more than 2000 people", &[("more than 2000", "N 2000 q:>")]),
    ("some are questioning the plan", &[]),
    ("under pressure from allies", &[]),
    ("over the past year", &[]),
    ("about the war", &[]),
    ("at least the leaders agreed", &[]),
    ("up to them", &[]),
    ("in excess of 5 tonnes", &[("5 tonnes", "Q t 5")]),
    ("well over 100", &[("well over 100", "N 100 q:>")]),
    ("just under 50%", &[("just under 50%", "P 50 q:<")]),
    // Two bounds of opposite directions joined by "and"/"but" make a range.
    ("more than 100 and fewer than 200 people were evacuated", &[("more than 100 and fewer than 200", "N 100..200")]),
    ("at most 50 and at least 20 trucks a day", &[("at most 50 and at least 20", "N 20..50")]),
    ("above $1,000 but below $1,500", &[("above $1,000 but below $1,500", "M USD 1000..1500")]),
    ("more than 40 and less than 60 percent", &[("more than 40 and less than 60 percent", "P 40..60")]),
    ("over 18 and under 65 years", &[("over 18 and under 65 years", "Q yr 18..65")]),
    ("more than 100 people and fewer than 50 soldiers", &[("more than 100", "N 100 q:>"), ("fewer than 50", "N 50 q:<")]),
    ("more than 500 and less than 300", &[("more than 500", "N 500 q:>"), ("less than 300", "N 300 q:<")]),
    ("more than 20 and more than 30", &[("more than 20", "N 20 q:>"), ("more than 30", "N 30 q:>")]),
    // A qualifier after the amount sharpens "about"; it is left to the next amount before "than".
    ("about 500 or more protesters", &[("about 500 or more", "N 500 q:>=")]),
    ("about 500 protesters or more", &[("about 500", "N 500 q:~")]),
    ("a score of 5000 or less than 6000", &[("5000", "N 5000"), ("less than 6000", "N 6000 q:<")]),
    ("loans equal to or greater than $5 million", &[("equal to or greater than $5 million", "M USD 5e6 q:>=")]),
    ("stays equal to or less than 30 days", &[("equal to or less than 30 days", "Q d 30 q:<=")]),
    ("incomes of less than $30,000 or equal.", &[("less than $30,000 or equal", "M USD 30000 q:<=")]),
    ("more than 50 or equal to 60", &[("more than 50", "N 50 q:>"), ("60", "N 60")]),
    ("it is equal to the rest", &[]),
    // ---- Ranges ----
    ("between 10 and 20", &[("between 10 and 20", "N 10..20")]),
    ("from 3 to 5", &[("from 3 to 5", "N 3..5")]),
    ("5 to 10 people", &[("5 to 10", "N 5..10")]),
    ("10-20 people", &[("10-20", "N 10..20")]),
    ("10–20 people", &[("10–20", "N 10..20")]),
    ("won 3-1 at home", &[]),
    ("fell from 10 to 5", &[("10", "N 10"), ("5", "N 5")]),
    ("call 555-123-4567 now", &[]),
    ("ISBN 978-3-16-148410-0", &[]),
    ("from 2019 to 2022", &[("2019", "Y 2019"), ("2022", "Y 2022")]),
    ("the 2022-23 season", &[("2022", "Y 2022")]),
    ("between 2.0 g and about 7.0 g", &[("between 2.0 g and about 7.0 g", "Q g 2..7 s:0.1")]),
    ("between them", &[]),
    // ---- Dates ----
    ("on 29 November 2023", &[("29 November 2023", "D 2023-11-29")]),
    ("November 30, 2022", &[("November 30, 2022", "D 2022-11-30")]),
    ("December 3", &[("December 3", "D 2023-12-03 m:12 d:3")]),
    ("Wednesday, Nov. 29, 2023", &[("Wednesday, Nov. 29, 2023", "D 2023-11-29 w:Wed y:2023")]),
    ("on Tuesday", &[("Tuesday", "D 2023-11-28 w:Tue rel")]),
    ("on Thursday", &[("Thursday", "D 2023-11-30 w:Thu rel")]),
    ("last Friday", &[("last Friday", "D 2023-11-24 w:Fri rel")]),
    ("next Monday", &[("next Monday", "D 2023-12-04 w:Mon rel")]),
    ("today", &[("today", "D 2023-11-30 rel")]),
    ("yesterday", &[("yesterday", "D 2023-11-29 rel")]),
    ("tomorrow", &[("tomorrow", "D 2023-12-01 rel")]),
    ("last year", &[("last year", "D 2022-01-01 g:year rel")]),
    ("next month", &[("next month", "D 2023-12-01 g:month rel")]),
    ("this week", &[("this week", "D 2023-11-27 g:week rel")]),
    ("last week", &[("last week", "D 2023-11-20 g:week rel")]),
    ("since February 2022", &[("February 2022", "D 2022-02-01 g:month")]),
    ("in February", &[("February", "D 2024-02-01 g:month m:2")]),
    ("Dec. 30", &[("Dec. 30", "D 2023-12-30")]),
    ("the 29th of November", &[("29th of November", "D 2023-11-29")]),
    ("Nov 29th", &[("Nov 29th", "D 2023-11-29")]),
    ("on May 5", &[("May 5", "D 2024-05-05")]),
    ("it may rain", &[]),
    ("they march on", &[]),
    ("2023-02-30 is invalid", &[("2023", "Y 2023")]),
    ("by Jan. 15, 2024,", &[("Jan. 15, 2024", "D 2024-01-15")]),
    ("Sept. 11, 2001", &[("Sept. 11, 2001", "D 2001-09-11")]),
    ("15 March", &[("15 March", "D 2024-03-15")]),
    ("last Tuesday's attack", &[("last Tuesday", "D 2023-11-28 w:Tue rel")]),
    ("on 11-12 July 2023", &[("11-12 July 2023", "D 2023-07-11")]),
    ("in February last year", &[("February last year", "D 2022-02-01 g:month")]),
    ("on 3 April next year", &[("3 April next year", "D 2024-04-03")]),
    ("by March this year", &[("March this year", "D 2023-03-01 g:month")]),
    // ---- Years ----
    ("in 2022", &[("2022", "Y 2022")]),
    ("the 1997 Ottawa Treaty", &[("1997", "Y 1997")]),
    ("2008", &[("2008", "Y 2008")]),
    ("since 1949", &[("1949", "Y 1949")]),
    ("in 1850", &[("1850", "N 1850")]),
    ("2,000 troops", &[("2,000", "N 2000")]),
    ("about 2000 troops", &[("about 2000", "N 2000 q:~")]),
    ("2050 targets", &[("2050", "Y 2050")]),
    ("2022's budget", &[("2022", "Y 2022")]),
    // ---- Identifiers and other refusals ----
    ("F-16 jets", &[]),
    ("MiG-29 jets", &[]),
    ("Su-27", &[]),
    ("COVID-19 pandemic", &[]),
    ("the G7 summit", &[]),
    ("A4 paper", &[]),
    ("a Boeing 737 crashed", &[]),
    ("under Article 5 of the treaty", &[]),
    ("millions of Windows 10 users", &[("millions of", "N 1e6..1e7 q:V")]),
    ("at 3:30 pm", &[]),
    ("at 3 pm", &[]),
    ("at 10 a.m. local time", &[]),
    ("version 1.2.3 was released", &[]),
    ("IP 192.168.0.1", &[]),
    ("mail info@nato.int today", &[("today", "D 2023-11-30 rel")]),
    ("see www.example.com/2023/11", &[]),
    ("the 5G network", &[]),
    ("a 737MAX", &[]),
    ("file 176328.htm", &[]),
    ("1. First item\n2. Second item", &[("First", "O 1"), ("Second", "O 2")]),
    ("#5 in the rankings", &[]),
    ("the M1 motorway", &[]),
    ("one of the", &[]),
    ("no one knows", &[]),
    ("someone said", &[]),
    ("one another", &[]),
    ("the one who", &[]),
    ("one day", &[("one day", "Q d 1")]),
    ("one person", &[("one", "N 1")]),
    ("one of two options", &[("two", "N 2")]),
    ("a man", &[]),
    ("an apple", &[]),
    ("a year ago", &[]),
    ("The war began", &[]),
    // ---- Mixed news sentences ----
    (
        "Ukraine has received 31 Abrams tanks and more than 60 F-16 jets, officials said on Monday.",
        &[("31", "N 31"), ("more than 60", "N 60 q:>"), ("Monday", "D 2023-11-27 w:Mon rel")],
    ),
    (
        "The EU agreed on a €50 billion ($54 billion) aid package for 2024-2027.",
        &[("€50 billion ($54 billion)", "M EUR 50e9 => $54 billion :: M USD 54e9"), ("2024", "Y 2024")],
    ),
    (
        "Unemployment rose to 4.1% in October from 3.9% a year earlier.",
        &[("4.1%", "P 4.1"), ("October", "D 2023-10-01 g:month"), ("3.9%", "P 3.9")],
    ),
    ("Inflation eased by 0.3 percentage points to 2.9 per cent.", &[("0.3 percentage points", "PP 0.3"), ("2.9 per cent", "P 2.9")]),
    ("Some 6.3 million Ukrainians have fled abroad.", &[("Some 6.3 million", "N 6.3e6 q:~ s:1e5")]),
    (
        "The fire destroyed about 4,000 hectares (9,900 acres).",
        &[("about 4,000 hectares (9,900 acres)", "Q ha 4000 q:~ => 9,900 acres :: Q acre 9900")],
    ),
    ("It rained for 3 days in a row.", &[("3 days", "Q d 3")]),
    ("The company cut 1,200 jobs, or 8% of its workforce.", &[("1,200", "N 1200"), ("8%", "P 8")]),
    ("The bill passed 52-48 in the Senate.", &[]),
    ("Prices jumped 12.5% year-on-year in March 2022.", &[("12.5%", "P 12.5"), ("March 2022", "D 2022-03-01 g:month")]),
    ("A 7.8-magnitude earthquake struck at 4:17 a.m.", &[("7.8", "N 7.8")]),
    ("The army said it had shot down 15 of 20 drones overnight.", &[("15", "N 15"), ("20", "N 20")]),
    ("Turnout was 67.4 percent, the highest since 1990.", &[("67.4 percent", "P 67.4"), ("1990", "Y 1990")]),
    ("He was sentenced to 25 years in prison.", &[("25 years", "Q yr 25")]),
    ("Oil rose $1.50 to $85.20 a barrel.", &[("$1.50", "M USD 1.5"), ("$85.20", "M USD 85.2")]),
    ("“We lost 3,000 soldiers,” he said.", &[("3,000", "N 3000")]),
    ("It cost €1.2 million — about $1.3 million.", &[("€1.2 million", "M EUR 1.2e6"), ("about $1.3 million", "M USD 1.3e6 q:~")]),
    ("The 27-nation bloc", &[("27", "N 27")]),
    ("the 10,000-strong force", &[("10,000", "N 10000")]),
    (
        "Russia fired 40 missiles and 75 drones on Wednesday night.",
        &[("40", "N 40"), ("75", "N 75"), ("Wednesday", "D 2023-11-29 w:Wed rel")],
    ),
    ("About two-thirds of Germans back the plan.", &[("About two-thirds", "N 0.6666666666666666 q:~")]),
    ("The ministry said 1,000 km² had been cleared.", &[("1,000 km²", "Q km² 1000")]),
    ("Gas prices hit 3.50 euros per litre.", &[("3.50 euros", "M EUR 3.5")]),
    ("Donations reached ¥2.3 trillion.", &[("¥2.3 trillion", "M JPY 2.3e12")]),
    ("He ran 100 metres in 9.58 seconds.", &[("100 metres", "Q m 100"), ("9.58 seconds", "Q s 9.58")]),
    ("Temperatures fell to minus 20.", &[("minus 20", "N -20")]),
    ("The plane flew at 35,000 feet.", &[("35,000 feet", "Q ft 35000")]),
    ("Wheat exports fell by a third.", &[("a third", "N 0.3333333333333333")]),
    ("It is the country's 5th-largest city.", &[("5th", "O 5")]),
    ("Only 5 people came.", &[("5", "N 5")]),
    ("In 2023 prices rose.", &[("2023", "Y 2023")]),
    ("About 12% of the 1,500 respondents", &[("About 12%", "P 12 q:~"), ("1,500", "N 1500")]),
    ("the 2-1 win", &[]),
    ("it filed for Chapter 11 bankruptcy", &[]),
    ("the UN adopted Resolution 2334", &[]),
    ("the road known as Highway 1 reopened", &[]),
    ("NATO's 75th anniversary", &[("75th", "O 75")]),
    ("The €3.5bn fund", &[("€3.5bn", "M EUR 3.5e9")]),
    ("a £1m prize", &[("£1m", "M GBP 1e6")]),
    ("$1 trillion", &[("$1 trillion", "M USD 1e12")]),
    ("Ukraine lost 20% of its territory", &[("20%", "P 20")]),
    ("400 million people", &[("400 million", "N 4e8")]),
    ("a 20-minute walk", &[("20-minute", "Q min 20")]),
    ("the €700-million package", &[("€700-million", "M EUR 700e6")]),
    ("A$1.5 billion", &[("A$1.5 billion", "M AUD 1.5e9")]),
    ("a $5,000 bonus", &[("$5,000", "M USD 5000")]),
    ("1.5°C of warming", &[("1.5°C", "Q °C 1.5")]),
    ("between 5,000 and 10,000 soldiers", &[("between 5,000 and 10,000", "N 5000..10000")]),
    ("from $2.5 billion to $3 billion", &[("from $2.5 billion to $3 billion", "M USD 2.5e9..3e9")]),
    ("at least 10 km", &[("at least 10 km", "Q km 10 q:>=")]),
    ("up to 300 km/h", &[("up to 300 km/h", "Q km/h 300 q:<=")]),
    ("at least two", &[("at least two", "N 2 q:>=")]),
    ("nearly half a million", &[("nearly half a million", "N 5e5 q:~<")]),
    ("Wednesday's vote", &[("Wednesday", "D 2023-11-29 w:Wed rel")]),
    ("on Sunday, Nov. 26", &[("Sunday, Nov. 26", "D 2023-11-26 w:Sun")]),
    ("Friday 1 December 2023", &[("Friday 1 December 2023", "D 2023-12-01 w:Fri")]),
    // ---- More news idioms ----
    ("He is 5 ft 11 in tall", &[("5 ft 11 in", "Q in 71")]),
    ("temperatures of 35C", &[("35C", "Q °C 35")]),
    ("highs of 95F", &[("95F", "Q °F 95")]),
    ("music of the 1990s", &[]),
    ("ran 100m in 9.58s", &[("100m", "Q m 100"), ("9.58s", "Q s 9.58")]),
    ("the 50-50 split", &[]),
    ("No. 10 Downing Street", &[]),
    ("24/7 coverage", &[]),
    ("the 9/11 attacks", &[]),
    ("a third of Ukrainians", &[("a third", "N 0.3333333333333333")]),
    ("a third term", &[("third", "O 3")]),
    ("KSh 2 billion", &[("KSh 2 billion", "M KES 2e9")]),
    ("$1.5bn-$2bn", &[("$1.5bn-$2bn", "M USD 1.5e9..2e9")]),
    ("20-30 per cent", &[("20-30 per cent", "P 20..30")]),
    ("5,000-6,000 troops", &[("5,000-6,000", "N 5000..6000")]),
    ("at a cost of £2.5m ($3.1m)", &[("£2.5m ($3.1m)", "M GBP 2.5e6 => $3.1m :: M USD 3.1e6")]),
    ("three to four times", &[("three to four", "N 3..4")]),
    ("10 to 1 odds", &[("10", "N 10"), ("1", "N 1")]),
    ("Rs 5 crore", &[("Rs 5 crore", "M INR 5e7")]),
    ("US$ 2bn", &[("US$ 2bn", "M USD 2e9")]),
    ("€ 5", &[("€ 5", "M EUR 5")]),
    ("Seven in 10 Americans", &[("Seven", "N 7"), ("10", "N 10")]),
    ("by 2030", &[("2030", "Y 2030")]),
    ("the 20th century", &[("20th", "O 20")]),
    ("35.5 million tonnes", &[("35.5 million tonnes", "Q t 35.5e6 s:1e5")]),
    ("a 1.5-tonne bomb", &[("1.5-tonne", "Q t 1.5")]),
    ("twelve hundred", &[("twelve hundred", "N 1200 s:100")]),
    ("0.2 per cent", &[("0.2 per cent", "P 0.2")]),
    ("between 2014 and 2022", &[("2014", "Y 2014"), ("2022", "Y 2022")]),
    ("the death toll rose to 1,200 from 800", &[("1,200", "N 1200"), ("800", "N 800")]),
    ("$85 a barrel", &[("$85", "M USD 85")]),
    ("100 km a day", &[("100 km", "Q km 100")]),
    ("€1.2 million — about $1.3 million", &[("€1.2 million", "M EUR 1.2e6"), ("about $1.3 million", "M USD 1.3e6 q:~")]),
    ("3 pounds of apples for 5 pounds", &[("3 pounds", "Q lb 3"), ("5 pounds", "M GBP 5")]),
    ("The price is 12.50 dollars", &[("12.50 dollars", "M USD 12.5 s:0.01")]),
    ("a $5-a-month fee", &[("$5", "M USD 5")]),
    ("one hundred and ninety-two", &[("one hundred and ninety-two", "N 192")]),
    ("1 000 000 people", &[("1 000 000", "N 1e6")]),
    ("400 naira", &[("400 naira", "M NGN 400")]),
    ("10 shillings", &[("10 shillings", "M - 10")]),
    ("the S&P 500 index", &[]),
    ("the FTSE 100 rose", &[]),
    ("$5 bn", &[("$5 bn", "M USD 5e9")]),
    ("€1.5 billion-€2 billion", &[("€1.5 billion-€2 billion", "M EUR 1.5e9..2e9")]),
    ("Nov. 29-30", &[("Nov. 29-30", "D 2023-11-29")]),
    ("the 1st of December", &[("1st of December", "D 2023-12-01")]),
    ("more than a dozen", &[("more than a dozen", "N 12 q:>")]),
    ("Boeing 747-400", &[]),
    ("the '90s", &[]),
    ("1,000s of", &[]),
    ("from 9am to 5pm", &[]),
    ("at 9:00", &[]),
    ("4 out of 5 doctors", &[("4", "N 4"), ("5", "N 5")]),
    ("he is 25 years old", &[("25 years", "Q yr 25")]),
    ("I want 2 liters of wine", &[("2 liters", "Q l 2")]),
    ("The car weighs 1.2 tonnes", &[("1.2 tonnes", "Q t 1.2")]),
    ("It was 20 °C outside", &[("20 °C", "Q °C 20")]),
    ("He paid $ 50 for it", &[("$ 50", "M USD 50")]),
    ("3 hrs", &[("3 hrs", "Q h 3")]),
    ("20,000 square feet", &[("20,000 square feet", "Q ft² 20000")]),
    ("1.5 million barrels per day", &[("1.5 million barrels", "Q bbl 1.5e6")]),
    ("twenty percent", &[("twenty percent", "P 20")]),
    ("one hundred percent", &[("one hundred percent", "P 100")]),
    ("in the 90th minute", &[("90th", "O 90")]),
    ("5.5 per cent", &[("5.5 per cent", "P 5.5")]),
    ("a 55-percent majority", &[("55-percent", "P 55")]),
    ("two years ago", &[("two years", "Q yr 2")]),
    ("1.5C of warming", &[("1.5C", "Q °C 1.5")]),
    ("minus 30C", &[("minus 30C", "Q °C -30")]),
    ("the 2020 election", &[("2020", "Y 2020")]),
    ("Ukraine's 24 regions", &[("24", "N 24")]),
    ("Biden, 81, said", &[("81", "N 81")]),
    ("a €1bn fund", &[("€1bn", "M EUR 1e9")]),
    ("about 100 kilometres (60 miles)", &[("about 100 kilometres (60 miles)", "Q km 100 q:~ => 60 miles :: Q mi 60")]),
    ("the 100-metre dash", &[("100-metre", "Q m 100")]),
    ("5-10 minutes", &[("5-10 minutes", "Q min 5..10")]),
    ("ninety-nine", &[("ninety-nine", "N 99")]),
    ("a hundred and fifty", &[("a hundred and fifty", "N 150")]),
    ("3.5 billion rubles", &[("3.5 billion rubles", "M RUB 3.5e9")]),
    ("$3.2tn", &[("$3.2tn", "M USD 3.2e12")]),
    ("at 3:15 a.m. local time (2015 GMT)", &[]),
    ("Tel: +44 20 7946 0958.", &[]),
    ("call +1 (555) 123-4567", &[]),
    ("shrank by about a third in 2022", &[("about a third", "N 0.3333333333333333 q:~"), ("2022", "Y 2022")]),
    ("plans to hire another 500 by mid-2025", &[("500", "N 500"), ("2025", "Y 2025")]),
    ("KYIV, Nov 30 (Reuters) - Russia launched 25 drones", &[("Nov 30", "D 2023-11-30"), ("25", "N 25")]),
    (
        "Temperatures dropped to minus 15 degrees Celsius (5 degrees Fahrenheit)",
        &[("minus 15 degrees Celsius (5 degrees Fahrenheit)", "Q °C -15 => 5 degrees Fahrenheit :: Q °F 5")],
    ),
    ("the European Commission proposed a 50-billion-euro facility", &[("50-billion-euro", "M EUR 50e9")]),
    ("Story ID 176328 was updated", &[]),
    ("the Apollo 11 crew landed in 1969", &[("1969", "Y 1969")]),
    ("-5 degree celsius", &[("-5 degree celsius", "Q °C -5")]),
    ("$100 USD", &[("$100 USD", "M USD 100")]),
    ("ten dollars and five cents", &[("ten dollars and five cents", "M USD 10.05")]),
    ("1 3/4 miles", &[("1 3/4 miles", "Q mi 1.75 s:0.25")]),
    ("half an hour", &[("half an hour", "Q h 0.5 s:0.5")]),
    ("an hour and a half", &[("an hour and a half", "Q h 1.5 s:0.5")]),
    ("two years and a half", &[("two years and a half", "Q yr 2.5")]),
    ("37 deg C", &[("37 deg C", "Q °C 37")]),
    ("95 degrees F", &[("95 degrees F", "Q °F 95")]),
    ("once a year", &[]),
    ("half a mile", &[("half a mile", "Q mi 0.5")]),
    ("30 or more", &[("30 or more", "N 30 q:>=")]),
    ("aged 65 and over", &[("65 and over", "N 65 q:>=")]),
    ("100 GB of data", &[("100 GB", "Q GB 100")]),
    ("13 TeV", &[("13 TeV", "Q TeV 13")]),
];

/// Parses one numeric field of a spec (`60e9`, `-504`, `0.5`).
fn f(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("bad number {s:?} in spec"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

/// Checks `m` (found in `text`) against `(substring, spec)`; returns a complaint if any.
fn check(text: &str, m: &Mention, sub: &str, spec: &str) -> Option<String> {
    let got_sub = text.get(m.span.clone()).unwrap_or("<bad span>");
    if got_sub != sub {
        return Some(format!("span {got_sub:?} != {sub:?}"));
    }
    let (main, conv) = match spec.split_once(" => ") {
        Some((a, b)) => (a, Some(b)),
        None => (spec, None),
    };
    let mut parts = main.split_whitespace();
    let kind = parts.next().unwrap_or("");
    let mut want_q: Option<&str> = None;
    let mut want_step: Option<f64> = None;
    let mut extras: Vec<&str> = Vec::new();
    let mut positional: Vec<&str> = Vec::new();
    for p in parts {
        if let Some(q) = p.strip_prefix("q:") {
            want_q = Some(q);
        } else if let Some(s) = p.strip_prefix("s:") {
            want_step = Some(f(s));
        } else if p.contains(':') || p == "rel" {
            extras.push(p);
        } else {
            positional.push(p);
        }
    }
    let amount_check = |a: &Amount, spec_amt: &str| -> Option<String> {
        let (lo, hi) = match spec_amt.split_once("..") {
            Some((l, h)) => (f(l), Some(f(h))),
            None => (f(spec_amt), None),
        };
        if !close(a.low.value, lo) {
            return Some(format!("low {} != {lo}", a.low.value));
        }
        match (a.high, hi) {
            (None, None) => {}
            (Some(h), Some(x)) if close(h.value, x) => {}
            (h, x) => return Some(format!("high {h:?} != {x:?}")),
        }
        if let Some(s) = want_step {
            if !close(a.low.step, s) {
                return Some(format!("step {} != {s}", a.low.step));
            }
        }
        None
    };
    let has_high = positional.last().is_some_and(|p| p.contains(".."));
    let q = match want_q.unwrap_or(if has_high { "R" } else { "=" }) {
        "=" => Qualifier::Exact,
        "~" => Qualifier::About,
        "~<" => Qualifier::Nearly,
        ">" => Qualifier::MoreThan,
        ">=" => Qualifier::AtLeast,
        "<" => Qualifier::LessThan,
        "<=" => Qualifier::AtMost,
        "R" => Qualifier::Range,
        "V" => Qualifier::Vague,
        other => return Some(format!("bad qualifier {other}")),
    };
    let problem = match (kind, &m.value) {
        ("N", Value::Number { amount }) => amount_check(amount, positional.first().copied().unwrap_or("")),
        ("P", Value::Percent { amount }) => amount_check(amount, positional.first().copied().unwrap_or("")),
        ("PP", Value::PercentagePoints { amount }) => amount_check(amount, positional.first().copied().unwrap_or("")),
        ("M", Value::Money { amount, currency }) => {
            let want = positional.first().copied().unwrap_or("");
            let want = if want == "-" { None } else { Some(want) };
            if *currency != want {
                Some(format!("currency {currency:?} != {want:?}"))
            } else {
                amount_check(amount, positional.get(1).copied().unwrap_or(""))
            }
        }
        ("Q", Value::Quantity { amount, unit }) => {
            let want = positional.first().copied().unwrap_or("");
            if unit.symbol != want {
                Some(format!("unit {} != {want}", unit.symbol))
            } else {
                amount_check(amount, positional.get(1).copied().unwrap_or(""))
            }
        }
        ("O", Value::Ordinal { n }) => (*n != f(positional.first().copied().unwrap_or("")) as i64).then(|| format!("ordinal {n}")),
        ("Y", Value::Year { year }) => (*year != f(positional.first().copied().unwrap_or("")) as i32).then(|| format!("year {year}")),
        ("D", Value::Date { date }) => check_date(date, positional.first().copied().unwrap_or("?"), &extras),
        (k, v) => Some(format!("kind {k} != {v:?}")),
    };
    if problem.is_some() {
        return problem;
    }
    if m.qualifier != q {
        return Some(format!("qualifier {:?} != {q:?}", m.qualifier));
    }
    match (conv, &m.conversion) {
        (None, None) => None,
        (Some(c), Some(cm)) => {
            let (csub, cspec) = c.split_once(" :: ").unwrap_or((c, ""));
            check(text, cm, csub, cspec).map(|e| format!("conversion: {e}"))
        }
        (c, got) => Some(format!("conversion {c:?} != {got:?}")),
    }
}

fn check_date(d: &DateValue, resolved: &str, extras: &[&str]) -> Option<String> {
    let want_res = if resolved == "?" { None } else { NaiveDate::parse_from_str(resolved, "%Y-%m-%d").ok() };
    if d.resolved != want_res {
        return Some(format!("resolved {:?} != {want_res:?}", d.resolved));
    }
    let mut g = Granularity::Day;
    let mut rel = false;
    for e in extras {
        match e.split_once(':') {
            Some(("g", "month")) => g = Granularity::Month,
            Some(("g", "week")) => g = Granularity::Week,
            Some(("g", "year")) => g = Granularity::Year,
            Some(("w", w)) => {
                let want: Weekday = w.parse().ok()?;
                if d.weekday != Some(want) {
                    return Some(format!("weekday {:?} != {want:?}", d.weekday));
                }
            }
            Some(("y", y)) => {
                if d.year != Some(f(y) as i32) {
                    return Some(format!("year {:?} != {y}", d.year));
                }
            }
            Some(("m", m)) => {
                if d.month != Some(f(m) as u32) {
                    return Some(format!("month {:?} != {m}", d.month));
                }
            }
            Some(("d", x)) => {
                if d.day != Some(f(x) as u32) {
                    return Some(format!("day {:?} != {x}", d.day));
                }
            }
            None if *e == "rel" => rel = true,
            _ => return Some(format!("bad extra {e}")),
        }
    }
    if d.granularity != g {
        return Some(format!("granularity {:?} != {g:?}", d.granularity));
    }
    if d.relative != rel {
        return Some(format!("relative {} != {rel}", d.relative));
    }
    None
}

fn opts() -> ScanOptions {
    ScanOptions { article_date: NaiveDate::from_ymd_opt(2023, 11, 30) }
}

#[test]
fn table() {
    assert!(CASES.len() >= 300, "only {} cases", CASES.len());
    let mut failures = Vec::new();
    for (text, want) in CASES {
        let got = scan(text, &opts());
        let mut problems = Vec::new();
        if got.len() != want.len() {
            problems.push(format!(
                "{} mentions, expected {}: {:?}",
                got.len(),
                want.len(),
                got.iter().map(|m| (text.get(m.span.clone()).unwrap_or("?"), m.value.clone())).collect::<Vec<_>>()
            ));
        } else {
            for (m, (sub, spec)) in got.iter().zip(want.iter()) {
                if let Some(p) = check(text, m, sub, spec) {
                    problems.push(format!("{sub:?}: {p}"));
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{text:?}: {}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

#[test]
fn canonical_round_trips() {
    let o = ScanOptions::default();
    let mut n = 0;
    for (text, _) in CASES {
        for m in scan(text, &o) {
            let c = canonical(&m.value);
            let back = parse_one(&c, &o).map(|b| b.value);
            assert_eq!(back.as_ref(), Some(&m.value), "canonical {c:?} of {:?} in {text:?}", m.value);
            n += 1;
        }
    }
    assert!(n > 250);
}

#[test]
fn canonical_and_display_examples() {
    let o = opts();
    let one = |s: &str| parse_one(s, &o).map(|m| m.value).unwrap_or_else(|| panic!("no single mention in {s:?}"));
    assert_eq!(canonical(&one("$60 billion")), "USD 60e9");
    assert_eq!(display(&one("$60 billion")), "$60bn");
    assert_eq!(display(&one("€270 million")), "€270m");
    assert_eq!(display(&one("NOK 2 billion")), "NOK 2bn");
    assert_eq!(canonical(&one("thirty-two")), "32");
    assert_eq!(canonical(&one("55 percent")), "55%");
    assert_eq!(display(&one("55 per cent")), "55%");
    assert_eq!(canonical(&one("1,340 km")), "1340 km");
    assert_eq!(display(&one("1,340 km")), "1,340 km");
    assert_eq!(canonical(&one("2023-11-29")), "2023-11-29");
    assert_eq!(display(&one("Nov. 29")), "2023-11-29");
    assert_eq!(canonical(&one("two and a half")), "2 1/2");
}

#[test]
fn every_unit_reads_back_from_its_canonical_text() {
    let o = ScanOptions::default();
    for unit in super::unit::all_units() {
        let v = Value::Quantity { amount: Amount::exact(5.0, 1.0), unit };
        let c = canonical(&v);
        assert_eq!(parse_one(&c, &o).map(|m| m.value), Some(v), "{c:?}");
    }
}

#[test]
fn suffix_and_comparative_qualifiers() {
    let o = opts();
    let q = |s: &str| parse_one(s, &o).map(|m| m.qualifier);
    assert_eq!(q("30 or more"), Some(Qualifier::AtLeast));
    assert_eq!(q("100 or fewer"), Some(Qualifier::AtMost));
    assert_eq!(q("18 and over"), Some(Qualifier::AtLeast));
    assert_eq!(q("30+"), Some(Qualifier::AtLeast));
    assert_eq!(q("greater than or equal to 30"), Some(Qualifier::AtLeast));
    assert_eq!(q("smaller than 5"), Some(Qualifier::LessThan));
    assert_eq!(q("100 GB"), Some(Qualifier::Exact));
    assert_eq!(q("13 TeV"), Some(Qualifier::Exact));
}

#[test]
fn parse_one_needs_exactly_one_mention() {
    let o = opts();
    assert!(parse_one("  $5  ", &o).is_some_and(|m| m.span == (2..4)));
    assert!(parse_one("$5 and $6", &o).is_none());
    assert!(parse_one("the $5", &o).is_none());
    assert!(parse_one("", &o).is_none());
    assert!(parse_one("F-16", &o).is_none());
}

#[test]
fn relative_dates_stay_unresolved_without_article_date() {
    let o = ScanOptions::default();
    for s in ["today", "last year", "Tuesday", "Nov. 29", "in February"] {
        let found = scan(s, &o);
        let Some(Value::Date { date }) = found.first().map(|m| &m.value) else {
            panic!("no date in {s:?}");
        };
        assert_eq!(date.resolved, None, "{s}");
    }
    // Absolute dates resolve anyway.
    let m = parse_one("29 November 2023", &o).map(|m| m.value);
    assert!(matches!(m, Some(Value::Date { date }) if date.resolved == NaiveDate::from_ymd_opt(2023, 11, 29)));
}

#[test]
fn a_day_of_the_month_alone_is_the_nearest_such_day() {
    let o = ScanOptions { article_date: NaiveDate::from_ymd_opt(2024, 4, 5) };
    for (s, want) in [
        ("The ministers met on the 4th in Brussels.", (2024, 4, 4)),
        ("They meet again on the 2nd.", (2024, 4, 2)),
        ("Talks run until the 30th.", (2024, 3, 30)),
    ] {
        let found = scan(s, &o);
        let date = found.iter().find_map(|m| match &m.value {
            Value::Date { date } => date.resolved,
            _ => None,
        });
        assert_eq!(date, NaiveDate::from_ymd_opt(want.0, want.1, want.2), "{s}: {found:?}");
    }
    for s in ["on the 2nd floor", "the 4th in line", "on the 4th"] {
        let none = ScanOptions::default();
        let dated = scan(s, if s == "on the 4th" { &none } else { &o }).iter().any(|m| matches!(m.value, Value::Date { .. }));
        assert!(!dated, "{s}");
    }
}

#[test]
fn partial_date_takes_nearest_year() {
    let o = ScanOptions { article_date: NaiveDate::from_ymd_opt(2024, 1, 2) };
    let m = parse_one("Dec 30", &o).map(|m| m.value);
    assert!(matches!(m, Some(Value::Date { date }) if date.resolved == NaiveDate::from_ymd_opt(2023, 12, 30)));
}

#[test]
fn a_range_of_days_is_one_date_covering_them() {
    let o = ScanOptions { article_date: NaiveDate::from_ymd_opt(2023, 11, 29) };
    for (s, year) in [
        ("November 28-29, 2023", Some(2023)),
        ("Wednesday, Nov. 28–29", None),
        ("November 28-29", None),
        ("28-29 November 2023", Some(2023)),
        ("28–29 November", None),
    ] {
        let found = scan(s, &o);
        assert_eq!(found.len(), 1, "{s}: {found:?}");
        let Value::Date { date } = &found[0].value else { panic!("{s}: {found:?}") };
        assert_eq!((date.day, date.last_day, date.year), (Some(28), Some(29), year), "{s}");
        assert_eq!(found[0].span, 0..s.len(), "{s}");
        assert_eq!(date.end(), NaiveDate::from_ymd_opt(2023, 11, 30), "{s}");
    }
    // A last day the month does not have leaves the first day only.
    let found = scan("November 28-31", &o);
    let Some(Value::Date { date }) = found.first().map(|m| &m.value) else { panic!("{found:?}") };
    assert_eq!(date.end(), NaiveDate::from_ymd_opt(2023, 11, 29));
    // A second number that does not come later in the month is no range.
    let found = scan("November 29-28", &o);
    let Some(Value::Date { date }) = found.first().map(|m| &m.value) else { panic!("{found:?}") };
    assert_eq!((date.day, date.last_day), (Some(29), None));
    assert_eq!(date.end(), NaiveDate::from_ymd_opt(2023, 11, 30));
}

#[test]
fn serializes_to_json() {
    let m = parse_one("more than $40bn", &opts()).unwrap_or_else(|| panic!("no mention"));
    let j = serde_json::to_string(&m).unwrap_or_default();
    assert!(j.contains("\"kind\":\"money\""), "{j}");
    assert!(j.contains("\"qualifier\":\"more-than\""), "{j}");
    assert!(j.contains("\"currency\":\"USD\""), "{j}");
}

#[test]
fn value_and_kind_helpers() {
    let v = Value::Number { amount: Amount::exact(5.0, 1.0) };
    assert_eq!(v.kind(), Kind::Number);
    assert_eq!(v.amount().map(|a| a.low.value), Some(5.0));
    assert_eq!(Value::Year { year: 2000 }.amount(), None);
    let f = lookup_unit("°F").unwrap_or_else(|| panic!("no °F"));
    assert!((f.base_value(212.0) - 100.0).abs() < 1e-9);
    assert!((f.from_base(-20.0) - -4.0).abs() < 1e-9, "-20 °C is -4 °F");
    let k = lookup_unit("K").unwrap_or_else(|| panic!("no K"));
    assert!((k.from_base(k.base_value(300.0)) - 300.0).abs() < 1e-9);
}

#[test]
fn never_panics_on_awkward_text() {
    let base = "“Quotes” €5 — 3\u{a0}000 £ ₴ 1,2 ½ 5–6 $ - . 1. 2/ /3 1e 1e999 -$ 99999999999999999999999 \
                0.000000001 mid-2022 ½ 10 ¢ °C ° 7'' 5\" Nov. 31 2023-13-45 2023-1 100 000 000 000 000";
    let o = opts();
    let chars: Vec<usize> = base.char_indices().map(|(i, _)| i).collect();
    for &a in &chars {
        for &b in chars.iter().filter(|&&b| b > a).take(12) {
            let s = base.get(a..b).unwrap_or("");
            for m in scan(s, &o) {
                assert!(s.get(m.span.clone()).is_some(), "bad span in {s:?}");
            }
        }
    }
    let _ = scan(base, &o);
}

#[test]
fn spans_are_sorted_and_disjoint() {
    let text = CASES.iter().map(|c| c.0).collect::<Vec<_>>().join(" ");
    let found = scan(&text, &opts());
    for w in found.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "{:?} overlaps {:?}", w[0].span, w[1].span);
    }
}

#[test]
fn long_texts_are_cut_without_losing_mentions() {
    let para = "NATO allies pledged $60 billion in aid on Nov. 29, about 12% more than last year.\n";
    let text = para.repeat(2_000);
    let found = scan(&text, &opts());
    assert_eq!(found.len(), 4 * 2_000);
    let one_line = para.trim_end().repeat(1_000);
    assert_eq!(scan(&one_line, &opts()).len(), 4 * 1_000);
    for m in &found {
        assert!(text.get(m.span.clone()).is_some());
    }
}

#[test]
fn scanning_stays_linear() {
    let o = opts();
    // Also guards against deep recursion: each of these repeated 20,000 times.
    let units = [
        "one ",
        "1-",
        "$",
        "between 1 and ",
        "tens of ",
        "a ",
        "1,000 ",
        "Nov. ",
        "- ",
        "minus ",
        "from ",
        "5 (",
        "Monday ",
        "( ",
        "+1 ",
        "thirty-",
        "hundred ",
        "a million ",
        "$5-",
        "1/",
        "1.",
        "Wednesday, ",
        "half a ",
        "point ",
        "one and a half ",
        "2 1/",
    ];
    for unit in units {
        let text = unit.repeat(20_000);
        let t = std::time::Instant::now();
        let _ = scan(&text, &o);
        assert!(t.elapsed().as_secs_f64() < 5.0, "slow on repeated {unit:?}");
    }
}

#[test]
fn a_day_takes_the_year_of_the_day_joined_to_it() {
    let o = ScanOptions { article_date: NaiveDate::from_ymd_opt(2024, 4, 4) };
    for s in ["May 31 and June 1, 2023", "31 May to 1 June 2023", "May 31-June 1, 2023"] {
        let found = scan(s, &o);
        let years: Vec<Option<i32>> = found
            .iter()
            .filter_map(|m| match &m.value {
                Value::Date { date } => Some(date.resolved.map(|d| chrono::Datelike::year(&d))),
                _ => None,
            })
            .collect();
        assert_eq!(years, vec![Some(2023), Some(2023)], "{s}: {found:?}");
    }
    // Without a year on the second day, the first takes the nearest year as before.
    let found = scan("May 5 and 6", &o);
    let Some(Value::Date { date }) = found.first().map(|m| &m.value) else { panic!("{found:?}") };
    assert_eq!(date.resolved, NaiveDate::from_ymd_opt(2024, 5, 5));
}

#[test]
fn all_numeric_dates_are_read_one_way_or_by_their_weekday() {
    let o = ScanOptions { article_date: NaiveDate::from_ymd_opt(2024, 4, 4) };
    let dates = |s: &str| -> Vec<Option<NaiveDate>> {
        scan(s, &o)
            .iter()
            .filter_map(|m| match &m.value {
                Value::Date { date } => Some(date.resolved),
                _ => None,
            })
            .collect()
    };
    // Only one order possible.
    assert_eq!(dates("It ended on 31/05/2023."), vec![NaiveDate::from_ymd_opt(2023, 5, 31)]);
    // Either order: the weekday decides ("Wed" fits 3 April, not 4 March)...
    assert_eq!(dates("First published Wed 03/04/2024."), vec![NaiveDate::from_ymd_opt(2024, 4, 3)]);
    assert_eq!(dates("First published Mon 03/04/2024."), vec![NaiveDate::from_ymd_opt(2024, 3, 4)]);
    // ... and without one it is not read.
    assert_eq!(dates("Filed 03/04/2024."), Vec::<Option<NaiveDate>>::new());
    assert_eq!(dates("Open 24/7 for 3/4 of the year."), Vec::<Option<NaiveDate>>::new());
}
