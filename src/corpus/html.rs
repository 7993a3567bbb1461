//! HTML articles: the readable text of a page, its metadata, and a [`SourceMap`] from that text
//! back to the HTML. Takes the HTML source (UTF-8, after any front matter); hands on an
//! [`Extracted`] that `Article::from_html` turns into an article whose checks run on the text.
//!
//! **Readable text** is what a reader sees: the text of the body (the `<title>` is metadata, as
//! front matter is for Markdown, so a headline repeated in the `<h1>` is not a repetition); nothing
//! inside `<script>`, `<style>`, `<noscript>`, `<template>`, the rest of `<head>`, or embedded
//! content (`<svg>`, `<math>`, `<iframe>`, `<object>`, `<canvas>`, `<video>`, `<audio>`,
//! `<select>`, `<textarea>`), nor the page's furniture: `<nav>`, `<aside>`, `<footer>`, a
//! `<header>` outside the story's `<article>`/`<main>`, and elements whose ARIA role is
//! navigation, banner, contentinfo, complementary, search, dialog or alertdialog (a site's menu
//! and footer would otherwise repeat near-verbatim on every page of an outlet), `<dialog>`, and
//! elements whose class or id names them furniture ([`Reader::furniture_named`]: a cookie banner,
//! a newsletter sign-up, an advert, a pull quote, related stories, share buttons). Block elements (`<p>`, `<div>`,
//! headings, `<blockquote>`, `<section>`, ...) become paragraph breaks (a blank line, so "the
//! next paragraph" of a suppression means what it does in Markdown); `<br>`, list items and table rows and cells
//! become line breaks; inline elements (`<a>`, `<em>`, `<span>`, ...) join their text without
//! adding spaces. Runs of whitespace collapse to one space (kept as written inside `<pre>`), and
//! character references are decoded (`&amp;`, `&#8217;`, `&mdash;`, and `&nbsp;` as a plain
//! space, so "$60&nbsp;billion" reads "$60 billion"). Comments are dropped, except
//! `<!-- factdiff-... -->` suppression comments, which stay in the text as written so the
//! suppression pass finds them where the editor put them.
//!
//! **Metadata**: the title from `<title>` (else `og:title`); the date from
//! `<meta name="date"|"pubdate"|...>` or `property="article:published_time"` (else the first
//! `<time datetime>`); the source from `og:site_name` (else `<meta name="author">`).
//!
//! **Why this split of work.** html5gum (a WHATWG-conformant tokenizer) finds tags, comments and
//! text runs with their byte spans, including the awkward cases: raw text in `<script>` and
//! `<style>`, `<` that is not a tag, attribute values with `>` in them, unterminated comments.
//! It decodes character references too, but hands out a run's decoded text with the span of the
//! whole run, and a location needs to know where each word of the run came from; so this module
//! decodes the references of each run itself, recording where each came from, with html-escape's
//! copy of the WHATWG table of named references. html5ever (through scraper) gives no byte
//! offsets at all, and lol_html gives offsets but leaves references undecoded just the same.

use super::source_map::{Break, Builder, SourceMap};
use chrono::NaiveDate;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use std::ops::Range;

/// What an HTML page gives factdiff.
#[derive(Debug)]
pub struct Extracted {
    /// The readable text.
    pub text: String,
    /// Readable-text offsets → offsets of the file.
    pub map: SourceMap,
    /// `<title>`, else `og:title`.
    pub title: Option<String>,
    /// The publication date from `<meta>`, else from the first `<time datetime>`.
    pub date: Option<NaiveDate>,
    /// `og:site_name`, else `<meta name="author">`.
    pub source: Option<String>,
}

/// Read `file[start..]` as HTML (`start` is where the body begins after any front matter).
/// Never fails: bad HTML reads as well as a browser would make of it.
pub fn extract(file: String, start: usize) -> Extracted {
    let start = if file.is_char_boundary(start) { start } else { 0 };
    let start = if file[start..].starts_with('\u{feff}') { start + '\u{feff}'.len_utf8() } else { start };
    let mut r = Reader { html: &file[start..], base: start, ..Reader::default() };
    {
        let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| -> Option<std::convert::Infallible> {
            r.event(event, span.start..span.end);
            None
        });
        // Switch to raw text after <script>, <style>, <title>, ... so their content is one run.
        emitter.naively_switch_states(true);
        for _ in Tokenizer::new_with_emitter(&file[start..], emitter) {}
    }
    let Reader { out, title, meta, .. } = r;
    let title = Some(title.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty()).or(meta.og_title);
    let (text, map) = out.finish(file);
    Extracted { text, map, title, date: meta.date.or(meta.time), source: meta.site_name.or(meta.author) }
}

/// Elements whose content is not read.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "svg", "math", "canvas", "video", "audio", "select", "textarea",
    "noembed", "noframes",
];

/// Elements without content or end tag.
const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Elements that may appear in `<head>`; any other start tag means the body has begun.
const HEAD_ELEMENTS: &[&str] = &["title", "meta", "link", "base", "style", "script", "noscript", "template"];

/// Elements that end a paragraph.
const PARAGRAPHS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "title",
    "ul",
];

/// Elements that start a new line.
const LINES: &[&str] = &["br", "li", "dt", "dd", "tr", "td", "th"];

#[derive(Debug, Default)]
struct Meta {
    og_title: Option<String>,
    date: Option<NaiveDate>,
    time: Option<NaiveDate>,
    site_name: Option<String>,
    author: Option<String>,
}

#[derive(Debug, Default)]
struct Reader<'a> {
    html: &'a str,
    /// Offset of `html` in the file.
    base: usize,
    out: Builder,
    /// The start tag being read: name, file offset, attributes.
    tag: String,
    tag_at: usize,
    attr_name: String,
    attrs: Vec<(String, String)>,
    /// Open elements whose content is skipped.
    skipping: Vec<String>,
    in_head: bool,
    /// Open `<article>` and `<main>` elements (a `<header>` inside one is the story's own).
    in_story: usize,
    in_title: bool,
    title_seen: bool,
    pre: usize,
    title: String,
    meta: Meta,
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

impl Reader<'_> {
    fn event(&mut self, event: CallbackEvent<'_>, span: Range<usize>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = lossy(name).to_ascii_lowercase();
                self.tag_at = self.base + span.start;
                self.attrs.clear();
                self.attr_name.clear();
            }
            CallbackEvent::AttributeName { name } => self.attr_name = lossy(name).to_ascii_lowercase(),
            CallbackEvent::AttributeValue { value } => {
                if !self.attrs.iter().any(|(n, _)| *n == self.attr_name) {
                    self.attrs.push((self.attr_name.clone(), lossy(value)));
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => self.start_tag(self_closing),
            CallbackEvent::EndTag { name } => self.end_tag(&lossy(name).to_ascii_lowercase(), self.base + span.start),
            CallbackEvent::String { .. } => self.text(span),
            CallbackEvent::Comment { value } => {
                let is_suppression = String::from_utf8_lossy(value).trim_start().starts_with("factdiff-");
                if is_suppression && self.skipping.is_empty() {
                    if let Some(raw) = self.html.get(span.clone()) {
                        self.out.text(raw, self.base + span.start..self.base + span.end);
                    }
                }
            }
            CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => {}
        }
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    fn start_tag(&mut self, self_closing: bool) {
        let tag = std::mem::take(&mut self.tag);
        let at = self.tag_at;
        if !self.skipping.is_empty() {
            // Nested skipped elements of the same name must close before the outer one does.
            if self.skipping.last().is_some_and(|s| *s == tag) && !self_closing {
                self.skipping.push(tag);
            }
            return;
        }
        match tag.as_str() {
            "head" => self.in_head = true,
            "meta" => self.meta_tag(),
            "time" if self.meta.time.is_none() => self.meta.time = self.attr("datetime").and_then(parse_date),
            _ => {}
        }
        if self.in_head && !HEAD_ELEMENTS.contains(&tag.as_str()) && tag != "head" {
            self.in_head = false;
        }
        if tag == "title" {
            if self.title_seen {
                // A second title (or one inside an SVG image) is not the page's.
                self.skipping.push(tag);
                return;
            }
            self.title_seen = true;
            self.in_title = true;
        }
        if self.is_chrome(&tag) {
            if !self_closing && !VOID.contains(&tag.as_str()) {
                self.skipping.push(tag);
            }
            return;
        }
        if matches!(tag.as_str(), "article" | "main") {
            self.in_story += 1;
        }
        if SKIPPED.contains(&tag.as_str()) {
            // Raw-text elements (<script/>) ignore the self-closing slash, as browsers do.
            let raw = matches!(tag.as_str(), "script" | "style" | "noscript" | "iframe" | "textarea" | "noembed" | "noframes");
            if !self_closing || raw {
                self.skipping.push(tag);
            }
            return;
        }
        if tag == "pre" {
            self.pre += 1;
        }
        self.boundary(&tag, at);
    }

    /// Page furniture around the story: navigation, sidebars, the site's header and footer
    /// (elements or ARIA roles). Read as text, a site's menu and footer would repeat
    /// near-verbatim across every page of an outlet, and a pull-quote in an `<aside>` repeats
    /// the story's own words.
    fn is_chrome(&self, tag: &str) -> bool {
        let role = self.attr("role").map(str::to_ascii_lowercase);
        matches!(tag, "nav" | "aside" | "footer" | "dialog")
            || (tag == "header" && self.in_story == 0)
            || role.is_some_and(|r| {
                matches!(r.as_str(), "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "dialog" | "alertdialog")
            })
            || self.furniture_named()
    }

    /// Furniture named by its class or id, as sites name it whatever element carries it: a
    /// cookie banner, a newsletter sign-up or an advert inside the story, a pull quote (the
    /// story's own words again), "related stories" and share buttons. Whole words of the name
    /// ("cookie-banner", "newsletter_signup"), so "story-body" or "lead" are not read as "ad".
    fn furniture_named(&self) -> bool {
        [self.attr("class"), self.attr("id")].into_iter().flatten().any(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("pull-quote")
                || v.contains("pullquote")
                || v.contains("pull_quote")
                || v.split(|c: char| c.is_ascii_whitespace() || c == '-' || c == '_').any(|w| {
                    matches!(
                        w,
                        "cookie"
                            | "cookies"
                            | "consent"
                            | "newsletter"
                            | "newsletters"
                            | "subscribe"
                            | "promo"
                            | "advert"
                            | "advertisement"
                            | "ad"
                            | "ads"
                            | "paywall"
                            | "share"
                            | "sharing"
                            | "social"
                            | "related"
                    )
                })
        })
    }

    fn end_tag(&mut self, tag: &str, at: usize) {
        if matches!(tag, "body" | "html") {
            // An element left open (a <nav> without its end tag) ends with the page.
            self.skipping.clear();
        }
        if let Some(i) = self.skipping.iter().rposition(|s| s == tag) {
            self.skipping.truncate(i);
            return;
        }
        if !self.skipping.is_empty() {
            return;
        }
        match tag {
            "article" | "main" => self.in_story = self.in_story.saturating_sub(1),
            "head" => self.in_head = false,
            "title" => self.in_title = false,
            "pre" => self.pre = self.pre.saturating_sub(1),
            _ => {}
        }
        self.boundary(tag, at);
    }

    fn boundary(&mut self, tag: &str, at: usize) {
        if PARAGRAPHS.contains(&tag) {
            self.out.block(Break::Paragraph, at);
        } else if LINES.contains(&tag) {
            self.out.block(Break::Line, at);
        }
    }

    fn meta_tag(&mut self) {
        let Some(content) = self.attr("content").map(str::to_string) else { return };
        let key = self.attr("property").or(self.attr("name")).or(self.attr("itemprop")).unwrap_or("").to_ascii_lowercase();
        match key.as_str() {
            "date"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "article:published_time"
            | "datepublished"
            | "dc.date"
            | "dc.date.issued"
                if self.meta.date.is_none() =>
            {
                self.meta.date = parse_date(&content)
            }
            "og:title" => {
                self.meta.og_title.get_or_insert(content);
            }
            "og:site_name" => {
                self.meta.site_name.get_or_insert(content);
            }
            "author" => {
                self.meta.author.get_or_insert(content);
            }
            _ => {}
        }
    }

    /// A run of text at `span` of `html`: whitespace collapsed, references decoded.
    fn text(&mut self, span: Range<usize>) {
        if !self.skipping.is_empty() || (self.in_head && !self.in_title) {
            return;
        }
        let Some(raw) = self.html.get(span.clone()) else { return };
        if self.in_title {
            // The title is metadata, as front matter is for Markdown (a headline repeated in the
            // page's <h1> is not a passage repeated inside the article): it is collected, with
            // its references decoded, and not read as text. Its whitespace is collapsed at the end.
            let mut i = 0;
            while let Some(amp) = raw[i..].find('&').map(|k| i + k) {
                self.title.push_str(&raw[i..amp]);
                let (decoded, n) = reference(&raw[amp..]).unwrap_or_else(|| ("&".into(), 1));
                self.title.push_str(&decoded);
                i = amp + n;
            }
            self.title.push_str(&raw[i..]);
            return;
        }
        let bytes = raw.as_bytes();
        let origin = self.base + span.start;
        let at = |i: usize| origin + i;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if is_space(b) && self.pre == 0 {
                let n = bytes[i..].iter().take_while(|&&c| is_space(c)).count();
                self.out.space(at(i)..at(i + n));
                i += n;
            } else if b == b'&' {
                match reference(&raw[i..]) {
                    Some((decoded, n)) => {
                        if self.pre == 0 && decoded.chars().all(|c| c == '\u{a0}' || c.is_ascii_whitespace()) {
                            self.out.space(at(i)..at(i + n));
                        } else {
                            self.out.text(&decoded, at(i)..at(i + n));
                        }
                        i += n;
                    }
                    None => {
                        self.out.text("&", at(i)..at(i + 1));
                        i += 1;
                    }
                }
            } else {
                // ASCII bytes never occur inside a multi-byte character, so these cuts are
                // character boundaries.
                let n = bytes[i..].iter().take_while(|&&c| c != b'&' && (self.pre > 0 || !is_space(c))).count();
                self.out.text(&raw[i..i + n], at(i)..at(i + n));
                i += n;
            }
        }
    }
}

/// HTML's whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The day of a date or timestamp ("2023-11-29", "2023-11-29T10:00:00Z").
fn parse_date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d").ok()
}

/// The character reference at the start of `s` (which starts with `&`): its text and length.
/// Numeric references may lack their `;`, named ones need it, except the few that browsers
/// and old CMSs write without (`&amp`, `&nbsp`, ...). Anything else is a literal `&`.
pub(crate) fn reference(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, digits_at) = if matches!(b.get(2), Some(b'x' | b'X')) { (true, 3) } else { (false, 2) };
        let digits =
            b[digits_at.min(b.len())..].iter().take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).count();
        if digits == 0 {
            return None;
        }
        let radix = if hex { 16 } else { 10 };
        let code = b[digits_at..digits_at + digits]
            .iter()
            .fold(0u32, |acc, &c| acc.saturating_mul(radix).saturating_add(char::from(c).to_digit(radix).unwrap_or(0)));
        let mut end = digits_at + digits;
        if b.get(end) == Some(&b';') {
            end += 1;
        }
        return Some((numeric(code).to_string(), end));
    }
    let name_len = b[1..].iter().take(32).take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return None;
    }
    let name = &b[1..1 + name_len];
    if b.get(1 + name_len) == Some(&b';') {
        let i = html_escape::NAMED_ENTITIES.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
        return Some((html_escape::NAMED_ENTITIES[i].1.to_string(), name_len + 2));
    }
    const LEGACY: &[(&[u8], &str)] =
        &[(b"amp", "&"), (b"lt", "<"), (b"gt", ">"), (b"quot", "\""), (b"nbsp", "\u{a0}"), (b"copy", "©"), (b"reg", "®")];
    LEGACY.iter().find(|(n, _)| *n == name).map(|(_, v)| (v.to_string(), name_len + 1))
}

/// The character a numeric reference stands for, repaired as browsers do: code points 128–159
/// as Windows-1252 (pages converted from Word write `&#146;` for ’), NUL, surrogates and values
/// past Unicode as U+FFFD.
fn numeric(code: u32) -> char {
    const CP1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90,
        0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let code = if (0x80..0xA0).contains(&code) { CP1252[(code - 0x80) as usize] } else { code };
    if code == 0 {
        return '\u{fffd}';
    }
    char::from_u32(code).unwrap_or('\u{fffd}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Extracted {
        extract(html.to_string(), 0)
    }

    /// The file text under readable span `r`.
    fn source_of<'a>(html: &'a str, e: &Extracted, r: Range<usize>) -> &'a str {
        &html[e.map.to_source_span(&r)]
    }

    #[test]
    fn page_furniture_is_not_read() {
        let html = "<html><head><title>Aid vote</title></head><body>\
            <header><a href=/>Daily Paper</a> Subscribe now</header>\
            <nav><ul><li>World</li><li>Sport</li></ul></nav>\
            <div role=\"navigation\">Menu <div>More menu</div></div>\
            <main><article><header><h1>House passes aid</h1></header>\
            <p>The House passed $61 billion for Ukraine.</p>\
            <aside>“$61 billion for Ukraine”</aside><input role=search>\
            <p>The vote was 311 to 112.</p><footer>Filed by a reporter</footer></article></main>\
            <aside><article>Related: another story</article></aside>\
            <footer>© Daily Paper. All rights reserved.</footer></body></html>";
        let e = read(html);
        let words: Vec<&str> = e.text.split_whitespace().collect();
        let text = words.join(" ");
        assert_eq!(text, "House passes aid The House passed $61 billion for Ukraine. The vote was 311 to 112.");
    }

    /// A cookie dialog, a newsletter sign-up and a pull quote inside the story, and a related
    /// box named by its class, are furniture; a class that merely contains such letters is not.
    #[test]
    fn furniture_named_by_class_or_role_is_not_read() {
        let html = "<html><body>\
            <div class=\"cookie-banner\" role=\"dialog\"><p>We use cookies.</p><button>Accept all cookies</button></div>\
            <dialog open>Allow notifications?</dialog>\
            <article><h1>House passes aid</h1>\
            <p class=\"lead\">The House passed $61 billion for Ukraine.</p>\
            <div class=\"newsletter_signup\"><p>Sign up for World Briefing.</p></div>\
            <blockquote class=\"pull-quote\">“We did our job”</blockquote>\
            <div class=\"story-body\"><p>“We did our job,” the Speaker said.</p></div>\
            <ul id=\"related-stories\"><li>Earlier: the Senate vote</li></ul>\
            <div class=\"ad-slot\">Advertisement</div><div class=\"shadow\"><p>The vote was 311 to 112.</p></div>\
            </article></body></html>";
        let e = read(html);
        let text = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            text,
            "House passes aid The House passed $61 billion for Ukraine. “We did our job,” the Speaker said. The vote was 311 to 112."
        );
    }

    #[test]
    fn an_unclosed_nav_ends_with_the_page() {
        let e = read("<body><p>Story text.</p><nav>Menu</body><p>After.</p>");
        assert!(e.text.contains("Story text.") && !e.text.contains("Menu"), "{}", e.text);
    }

    #[test]
    fn references_are_decoded() {
        let e = read("<p>$60&nbsp;billion &amp; more &#8217;s &mdash; &#x2014; &#146; &lt;tag&gt; AT&T &amp x &bogus; &#</p>");
        assert_eq!(e.text, "$60 billion & more ’s — — ’ <tag> AT&T & x &bogus; &#");
    }

    #[test]
    fn inline_tags_join_and_blocks_break() {
        let e = read("<div><h1>Head<em>line</em></h1><p>One <a href=x>link</a>, <strong>two</strong>.</p><p>Three<br>four</p><ul><li>a</li><li>b</li></ul></div>");
        assert_eq!(e.text, "Headline\n\nOne link, two.\n\nThree\nfour\n\na\nb");
    }

    #[test]
    fn whitespace_collapses_except_in_pre() {
        let e = read("<p>\n   one\n   two  </p>\n\n  <pre>a\n  b</pre>");
        assert_eq!(e.text, "one two\n\na\n  b");
    }

    #[test]
    fn script_style_comments_and_head_are_not_read() {
        let html = "<html><head><meta charset=utf-8><style>p { content: '30 members' }</style><script>var x = '<p>31</p>';</script></head>\
                    <body><noscript>32 members</noscript><template><p>33</p></template><!-- 34 members --><svg><text>35</text></svg><p>Visible</p></body></html>";
        assert_eq!(read(html).text, "Visible");
    }

    #[test]
    fn the_title_is_metadata_not_text() {
        let e = read("<html><head><title> NATO &amp; Ukraine </title><meta property='og:title' content='Other'></head><body><p>Body</p></body></html>");
        assert_eq!(e.title.as_deref(), Some("NATO & Ukraine"));
        assert_eq!(e.text, "Body", "a headline repeated in the <h1> must not read as a repetition");
        assert_eq!(read("<meta property=og:title content='OG title'><p>x</p>").title.as_deref(), Some("OG title"));
    }

    #[test]
    fn metadata_date_and_source() {
        let e = read(
            "<head><meta name=author content='A. Writer'><meta property='og:site_name' content='The Paper'>\
             <meta property='article:published_time' content='2023-11-29T10:00:00Z'></head><body><time datetime='2020-01-01'>x</time></body>",
        );
        assert_eq!(e.date, NaiveDate::from_ymd_opt(2023, 11, 29));
        assert_eq!(e.source.as_deref(), Some("The Paper"));
        let e = read("<meta name=author content='A. Writer'><p>On <time datetime=\"2022-11-30\">Wednesday</time></p>");
        assert_eq!(e.date, NaiveDate::from_ymd_opt(2022, 11, 30));
        assert_eq!(e.source.as_deref(), Some("A. Writer"));
    }

    #[test]
    fn offsets_after_references_map_to_the_words_in_the_source() {
        let html = "<p>It&rsquo;s a $60&nbsp;billion <b>pack</b>age &amp; 32 member states.</p>";
        let e = read(html);
        assert_eq!(e.text, "It’s a $60 billion package & 32 member states.");
        for word in ["It", "’", "$60", "billion", "pack", "age", "32 member states."] {
            let at = e.text.find(word).unwrap();
            let src = source_of(html, &e, at..at + word.len());
            assert!(word == "’" || src.starts_with(&word[..1]), "{word}: {src}");
        }
        assert_eq!(source_of(html, &e, 2..5), "&rsquo;");
        let b = e.text.find("$60 billion").unwrap();
        assert_eq!(source_of(html, &e, b..b + "$60 billion".len()), "$60&nbsp;billion");
        let p = e.text.find("package").unwrap();
        assert_eq!(source_of(html, &e, p..p + 7), "pack</b>age");
    }

    #[test]
    fn suppression_comments_stay_in_the_text_where_they_are() {
        let html = "<p>One.</p>\n<!-- factdiff-ignore stale-fact: quoted -->\n<p>Two.</p><!-- other -->";
        let e = read(html);
        assert_eq!(e.text, "One.\n\n<!-- factdiff-ignore stale-fact: quoted -->\n\nTwo.");
        let c = e.text.find("<!--").unwrap();
        assert_eq!(e.map.to_source(c), html.find("<!--").unwrap());
    }

    #[test]
    fn bad_html_reads_without_panicking() {
        for html in [
            "<",
            "<p",
            "<!--",
            "&",
            "&#",
            "&#x",
            "&#99999999999;",
            "<script>",
            "</p></p>",
            "<svg><svg></svg>x",
            "\u{feff}<p>é</p>",
            "<p a='>'>x",
        ] {
            let e = read(html);
            for i in e.text.char_indices().map(|(i, _)| i).chain([e.text.len()]) {
                for s in [e.map.to_source(i), e.map.to_source_end(i)] {
                    assert!(s <= html.len() && html.is_char_boundary(s), "{html:?} {i}");
                }
            }
        }
        assert_eq!(read("<svg><svg></svg>x</svg>y").text, "y");
    }
}
