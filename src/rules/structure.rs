//! Ad-level rules that read the document's structure: `requirements-balance` and
//! `missing-inclusion-statement`. Returns the requirement counts (must-have, nice-to-have).
//!
//! # Finding the requirements
//! The ad's blocks (headings, paragraphs, list items) are read in order. A requirements part
//! opens at
//! - a heading that starts with a `heading-must` or `heading-nice` cue ("Vi forventer",
//!   "Om dig", "Det er en fordel, hvis du"), or is a `heading-whole` cue ("Du har:");
//! - the first line of a paragraph that looks like such a heading (short, no final full stop:
//!   plain-text "Om dig" directly followed by text, HTML `<p><strong>Om dig</strong><br>`);
//! - an intro sentence ending in `:` with a cue ("Derudover forventer vi, at du har:");
//! - a paragraph whose first sentence starts with a heading cue ("Vi forventer, at du ...").
//!
//! Items are the list items of the part and the sentences of a profile paragraph (a paragraph
//! right after the heading) that carry an `item`, `must` or `nice` cue; descriptive sentences
//! are not counted, nor are contact and application lines (`not-item` cues). Any other
//! heading closes the part; so does the first paragraph after the part's list, of which only
//! sentences with an explicit `must` or `nice` cue count ("Hun skal kunne anrette en buffet.",
//! "Det er ikke et krav, at du har gjort rent før."; not "Du får grundig oplæring.").
//!
//! An item is nice-to-have under a `heading-nice` heading or when it carries a `nice` cue
//! ("gerne", "fordel", "ikke et krav"); otherwise it is a must-have.

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::document::{BlockKind, Document};
use crate::lexicon::pattern::{tokenize, Tok};
use crate::lexicon::requirements::{Anchoring, CueKind, RequirementCues};
use crate::options::{Lang, Options};

/// `missing-inclusion-statement` stays silent on texts with fewer words than this (a sentence
/// being typed in an editor, a snippet): an ad is longer.
pub const MIN_WORDS_FOR_INCLUSION: usize = 40;

/// A line longer than this is never read as a heading.
const HEADING_MAX_CHARS: usize = 60;

/// The inclusion sentence the rule suggests.
pub const SUGGESTED_INCLUSION_DA: &str =
    "Vi opfordrer alle interesserede uanset køn, alder, etnicitet, religion og handicap til at søge stillingen.";

/// Must-have or nice-to-have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Must,
    Nice,
}

/// A requirement item, in TEXT offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub start: usize,
    pub end: usize,
    pub class: Class,
    /// A must-have with indirect-discrimination risk: the cue group and the cue's text span.
    pub risky: Option<(usize, usize, usize)>,
}

/// The requirements of an ad.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    pub items: Vec<Item>,
    /// From the part's first heading (or intro, or first item) to its last item, text offsets.
    pub part: Option<(usize, usize)>,
}

impl Analysis {
    pub fn counts(&self) -> (usize, usize) {
        let must = self.items.iter().filter(|i| i.class == Class::Must).count();
        (must, self.items.len() - must)
    }
}

pub(crate) fn check(
    cues: &RequirementCues,
    doc: &Document<'_>,
    options: &Options,
    out: &mut Vec<Diagnostic>,
) -> (usize, usize) {
    let analysis = analyse(cues, doc);
    let (must, nice) = analysis.counts();
    let lang = options.lang;

    if let Some((ps, pe)) = analysis.part {
        let too_many = must > options.max_must_have;
        let none_nice = must > 0 && must >= options.min_requirements_without_nice && nice == 0;
        if too_many || none_nice {
            if let Some(severity) = options.resolve(Rule::RequirementsBalance, Severity::Warning) {
                out.push(Diagnostic {
                    rule: Rule::RequirementsBalance,
                    severity,
                    message: balance_message(lang, must, nice, too_many, options.max_must_have),
                    span: doc.source_span(ps, pe),
                    suggestions: Vec::new(),
                    applicability: None,
                    entry: Some("requirements".to_string()),
                    note: Some(balance_note(lang)),
                });
            }
        }
    }

    for item in &analysis.items {
        let Some((g, cs, ce)) = item.risky else {
            continue;
        };
        let Some(severity) = options.resolve(Rule::RequirementsBalance, Severity::Warning) else {
            break;
        };
        let group = &cues.groups[g];
        let cue = &doc.text()[cs..ce];
        let (message, note) = match lang {
            Lang::Da => (
                format!(
                    "«{cue}»: {}. Overvej at fjerne kravet eller at skrive, hvad stillingen reelt kræver, og hvorfor.",
                    group.message
                ),
                format!("Kilde: {}. {}.", group.source, capitalize_first(&group.rationale)),
            ),
            Lang::En => (
                format!(
                    "«{cue}»: {}. Consider dropping the requirement or stating what the job really needs, and why.",
                    group.message_en
                ),
                format!("Source: {}. {}.", group.source, capitalize_first(&group.rationale_en)),
            ),
        };
        out.push(Diagnostic {
            rule: Rule::RequirementsBalance,
            severity,
            message,
            span: doc.source_span(item.start, item.end),
            suggestions: Vec::new(),
            applicability: None,
            entry: Some(group.id.clone()),
            note: Some(note),
        });
    }

    if options.enabled(Rule::MissingInclusionStatement) {
        let text = doc.text();
        let words = super::summary::count_words(text.as_bytes(), &crate::text::skip_regions(text));
        if words >= MIN_WORDS_FOR_INCLUSION && !has_inclusion(cues, text) {
            if let Some(severity) = options.resolve(Rule::MissingInclusionStatement, Severity::Info)
            {
                let source = cues
                    .of_kind(CueKind::Inclusion)
                    .next()
                    .map(|g| g.source.as_str())
                    .unwrap_or("");
                out.push(Diagnostic {
                    rule: Rule::MissingInclusionStatement,
                    severity,
                    message: inclusion_message(lang),
                    span: crate::diagnostic::Span::new(0, 0),
                    suggestions: Vec::new(),
                    applicability: None,
                    entry: Some("inclusion".to_string()),
                    note: Some(match lang {
                        Lang::Da => format!("Kilde: {source}."),
                        Lang::En => format!("Source: {source}."),
                    }),
                });
            }
        }
    }

    (must, nice)
}

fn capitalize_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn balance_message(lang: Lang, must: usize, nice: usize, too_many: bool, max: usize) -> String {
    match lang {
        Lang::Da => {
            let counts = match nice {
                0 => format!("Kravlisten har {must} krav og intet, der er markeret som en fordel"),
                1 => format!("Kravlisten har {must} krav og 1 punkt, der er en fordel"),
                n => format!("Kravlisten har {must} krav og {n} punkter, der er en fordel"),
            };
            let why = if too_many {
                format!(" (mere end {max} krav): en lang liste af krav kan afholde kvalificerede ansøgere fra at søge.")
            } else {
                ": når intet er markeret som en fordel, læses alt som krav, og det kan afholde kvalificerede ansøgere fra at søge.".to_string()
            };
            format!(
                "{counts}{why} Overvej at beholde de få krav, stillingen reelt kræver, og at flytte resten under «Det er en fordel, hvis du ...»."
            )
        }
        Lang::En => {
            let counts = match nice {
                0 => format!("The requirements list has {must} must-haves and nothing marked as nice-to-have"),
                1 => format!("The requirements list has {must} must-haves and 1 nice-to-have"),
                n => format!("The requirements list has {must} must-haves and {n} nice-to-haves"),
            };
            let why = if too_many {
                format!(" (more than {max} must-haves): a long list of requirements can keep qualified applicants from applying.")
            } else {
                ": when nothing is marked as an advantage, everything reads as required, which can keep qualified applicants from applying.".to_string()
            };
            format!(
                "{counts}{why} Consider keeping the few requirements the job truly needs and moving the rest under «Det er en fordel, hvis du ...» (\"It is an advantage if you ...\")."
            )
        }
    }
}

fn balance_note(lang: Lang) -> String {
    match lang {
        Lang::Da => "Kilde: Coffman, Collis & Kulkarni, Management Science: når det står klart, hvilke kvalifikationer der reelt er krav, søger flere kvalificerede kvinder.".to_string(),
        Lang::En => "Source: Coffman, Collis & Kulkarni, Management Science: making clear which qualifications are truly required raises qualified women's application rates.".to_string(),
    }
}

fn inclusion_message(lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Annoncen har ingen sætning om, at alle opfordres til at søge; en sådan sætning viser, at stillingen er åben for alle ansøgere. Overvej at tilføje «{SUGGESTED_INCLUSION_DA}»"
        ),
        Lang::En => format!(
            "The ad has no inclusion statement: such a sentence shows that the job is open to every applicant. Consider adding «{SUGGESTED_INCLUSION_DA}» (\"We encourage everyone interested, regardless of gender, age, ethnicity, religion and disability, to apply.\")"
        ),
    }
}

/// Is there an inclusion statement anywhere in `text`? Only the places where an anchor word of
/// an inclusion pattern occurs are tokenized (a window around each, within its line), so a
/// long text costs one automaton scan.
pub fn has_inclusion(cues: &RequirementCues, text: &str) -> bool {
    const RADIUS: usize = 400;
    let lower = crate::text::lowercase(text);
    let mut last: Option<(usize, usize)> = None;
    for (s, e) in cues.inclusion_candidates(&lower) {
        // Already tried with room on both sides?
        if last.is_some_and(|(lo, hi)| s >= lo + RADIUS / 2 && e + RADIUS / 2 <= hi) {
            continue;
        }
        let lo = super::floor_boundary(text, s.saturating_sub(RADIUS));
        let lo = text[lo..s].rfind('\n').map_or(lo, |i| lo + i + 1);
        let hi = super::ceil_boundary(text, e + RADIUS);
        let hi = text[e..hi].find('\n').map_or(hi, |i| e + i);
        let (lo, hi) = (
            crate::text::word_start(text, lo),
            crate::text::word_end(text, hi),
        );
        let toks = tokenize(text, lo, hi);
        if cues.has(CueKind::Inclusion, &toks) {
            return true;
        }
        last = Some((lo, hi));
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Heading,
    Para,
    Item,
}

#[derive(Debug, Clone, Copy)]
struct Unit {
    kind: UnitKind,
    start: usize,
    end: usize,
}

/// An open requirements part.
#[derive(Debug, Clone, Copy)]
struct Section {
    class: Class,
    /// Where it opened (heading or intro), text offsets.
    start: usize,
    /// Has it had list items? A paragraph after them closes it.
    list_items: bool,
}

/// Find and classify the requirement items of an ad.
pub fn analyse(cues: &RequirementCues, doc: &Document<'_>) -> Analysis {
    let text = doc.text();
    let units = units(cues, doc);
    let mut out = Analysis::default();
    let mut sec: Option<Section> = None;

    let push = |out: &mut Analysis, s: &Section, start: usize, end: usize, toks: &[Tok]| {
        let class = classify(cues, toks, s.class);
        let risky = if class == Class::Must {
            cues.find(CueKind::Risky, toks, Anchoring::Anywhere)
                .map(|m| (m.group, toks[m.first].start, toks[m.last].end))
        } else {
            None
        };
        out.items.push(Item {
            start,
            end,
            class,
            risky,
        });
        let ps = out.part.map_or(s.start, |(ps, _)| ps);
        out.part = Some((ps, end));
    };

    for u in units {
        match u.kind {
            UnitKind::Heading => {
                let toks = tokenize(text, u.start, u.end);
                let colon = text[u.start..u.end].trim_end().ends_with(':');
                sec = heading_class(cues, &toks, colon).map(|class| Section {
                    class,
                    start: u.start,
                    list_items: false,
                });
            }
            UnitKind::Item => {
                if let Some(s) = sec.as_mut() {
                    s.list_items = true;
                    let toks = tokenize(text, u.start, u.end);
                    if toks.is_empty() {
                        continue;
                    }
                    let s = *s;
                    push(&mut out, &s, u.start, u.end, &toks);
                }
            }
            UnitKind::Para => {
                // Outside a part, only the paragraph's start and end can open one: look at
                // those first, so long prose is not tokenized whole.
                let introduced = sec.is_none();
                if introduced {
                    match opening(cues, text, u.start, u.end) {
                        Opening::Nothing => continue,
                        Opening::Intro(s) => {
                            sec = Some(s);
                            continue;
                        }
                        Opening::Introduced(class) => {
                            sec = Some(Section {
                                class,
                                start: u.start,
                                list_items: false,
                            })
                        }
                    }
                }
                let toks = tokenize(text, u.start, u.end);
                let sentences = sentences(text, &toks, u.end);
                if sentences.is_empty() {
                    continue;
                }
                if let Some(s) = sec.filter(|s| s.list_items) {
                    // Right after the part's list, only sentences with an explicit cue count
                    // ("Hun skal ...", "Det er ikke et krav, at ..."); then the part closes.
                    for &(a, b, intro) in &sentences {
                        let st = &toks[a..b];
                        if !intro
                            && !cues.has(CueKind::NotItem, st)
                            && (cues.has(CueKind::Must, st) || cues.has(CueKind::Nice, st))
                        {
                            push(&mut out, &s, toks[a].start, toks[b - 1].end, st);
                        }
                    }
                    sec = None;
                    continue;
                }
                let Some(mut s) = sec else { continue };
                let mut intro_at_end = false;
                for (i, &(a, b, intro)) in sentences.iter().enumerate() {
                    let st = &toks[a..b];
                    if intro {
                        if let Some(c) = intro_class(cues, st) {
                            s.class = c;
                        }
                        intro_at_end = i + 1 == sentences.len();
                        continue;
                    }
                    if !cues.has(CueKind::NotItem, st)
                        && (cues.has(CueKind::Item, st)
                            || cues.has(CueKind::Must, st)
                            || cues.has(CueKind::Nice, st))
                    {
                        push(&mut out, &s, toks[a].start, toks[b - 1].end, st);
                    }
                }
                // A part opened by this paragraph's first sentence ends with it, unless it
                // ends by introducing a list.
                sec = if introduced && !intro_at_end {
                    None
                } else {
                    Some(s)
                };
            }
        }
    }
    out
}

/// How a paragraph outside a requirements part can open one.
enum Opening {
    Nothing,
    /// Its first sentence starts with a heading cue ("Vi forventer, at du ..."): its sentences
    /// are items.
    Introduced(Class),
    /// Its last sentence is an intro ending in `:`: the part opens for the list after it.
    Intro(Section),
}

/// Look at the start (a bounded prefix) and the end (a bounded suffix) of a paragraph.
fn opening(cues: &RequirementCues, text: &str, start: usize, end: usize) -> Opening {
    const LOOK: usize = 240;
    let pre_end =
        crate::text::word_end(text, super::ceil_boundary(text, (start + LOOK).min(end))).min(end);
    let toks = tokenize(text, start, pre_end);
    let first_end = toks
        .iter()
        .skip(1)
        .position(|t| t.brk)
        .map_or(toks.len(), |i| i + 1);
    let first = &toks[..first_end];
    if cues
        .find(CueKind::HeadingNice, first, Anchoring::Start)
        .is_some()
    {
        return Opening::Introduced(Class::Nice);
    }
    if cues
        .find(CueKind::HeadingMust, first, Anchoring::Start)
        .is_some()
    {
        return Opening::Introduced(Class::Must);
    }
    if !text[start..end].trim_end().ends_with(':') {
        return Opening::Nothing;
    }
    let lo = crate::text::word_start(
        text,
        super::floor_boundary(text, end.saturating_sub(LOOK)).max(start),
    )
    .max(start);
    let toks = tokenize(text, lo, end);
    let last_start = toks.iter().rposition(|t| t.brk).unwrap_or(0);
    let last = &toks[last_start..];
    match (last.first(), intro_class(cues, last)) {
        (Some(t), Some(class)) => Opening::Intro(Section {
            class,
            start: t.start,
            list_items: false,
        }),
        _ => Opening::Nothing,
    }
}

/// The class of an item: nice under a nice heading or with a nice cue, else must.
fn classify(cues: &RequirementCues, toks: &[Tok], default: Class) -> Class {
    if default == Class::Nice || cues.has(CueKind::Nice, toks) {
        Class::Nice
    } else {
        Class::Must
    }
}

/// Does a heading open a requirements part, and of which class?
fn heading_class(cues: &RequirementCues, toks: &[Tok], colon: bool) -> Option<Class> {
    if cues
        .find(CueKind::HeadingNice, toks, Anchoring::Start)
        .is_some()
    {
        return Some(Class::Nice);
    }
    if cues
        .find(CueKind::HeadingMust, toks, Anchoring::Start)
        .is_some()
        || cues
            .find(CueKind::HeadingWhole, toks, Anchoring::Whole)
            .is_some()
    {
        return Some(Class::Must);
    }
    if colon {
        return intro_class(cues, toks);
    }
    None
}

/// The class of an intro sentence ending in `:` ("Derudover forventer vi, at du har:").
fn intro_class(cues: &RequirementCues, toks: &[Tok]) -> Option<Class> {
    if cues.has(CueKind::HeadingNice, toks) || cues.has(CueKind::Nice, toks) {
        Some(Class::Nice)
    } else if cues.has(CueKind::HeadingMust, toks)
        || cues.has(CueKind::HeadingWhole, toks)
        || cues.has(CueKind::Must, toks)
        || cues.has(CueKind::Item, toks)
    {
        Some(Class::Must)
    } else {
        None
    }
}

/// Sentences of a tokenized block: (first token, one past the last, ends with `:`).
fn sentences(text: &str, toks: &[Tok], block_end: usize) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut a = 0;
    for i in 1..=toks.len() {
        if i == toks.len() || toks[i].brk {
            let after_end = if i == toks.len() {
                block_end
            } else {
                toks[i].start
            };
            let gap = &text[toks[i - 1].end..after_end.max(toks[i - 1].end)];
            let colon = gap
                .trim_start_matches([' ', ')', '"', '»'])
                .starts_with(':');
            out.push((a, i, colon));
            a = i;
        }
    }
    out
}

/// The document's blocks as units, with a heading-like first line of a paragraph split off.
fn units(cues: &RequirementCues, doc: &Document<'_>) -> Vec<Unit> {
    let text = doc.text();
    let mut out = Vec::with_capacity(doc.blocks.len());
    for b in &doc.blocks {
        let (start, end) = (b.start.min(text.len()), b.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        match b.kind {
            BlockKind::Heading => out.push(Unit {
                kind: UnitKind::Heading,
                start,
                end,
            }),
            BlockKind::ListItem => out.push(Unit {
                kind: UnitKind::Item,
                start,
                end,
            }),
            BlockKind::Paragraph => {
                let line_end = text[start..end].find('\n').map_or(end, |i| start + i);
                let line = text[start..line_end].trim_end();
                let line_end = start + line.len();
                if heading_like(line) {
                    let toks = tokenize(text, start, line_end);
                    if heading_class(cues, &toks, line.ends_with(':')).is_some() {
                        out.push(Unit {
                            kind: UnitKind::Heading,
                            start,
                            end: line_end,
                        });
                        let rest = &text[line_end..end];
                        let rest_start = end - rest.trim_start().len();
                        if rest_start < end {
                            out.push(Unit {
                                kind: UnitKind::Para,
                                start: rest_start,
                                end,
                            });
                        }
                        continue;
                    }
                }
                out.push(Unit {
                    kind: UnitKind::Para,
                    start,
                    end,
                });
            }
        }
    }
    out
}

/// Short, with no sentence-final punctuation (a '?' is allowed: "Hvem er du?").
fn heading_like(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.len() <= 4 * HEADING_MAX_CHARS
        && t.chars().count() <= HEADING_MAX_CHARS
        && !t.ends_with(['.', ',', ';', '!'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn cues() -> RequirementCues {
        crate::lexicon::Lexicon::builtin().unwrap().requirements
    }

    fn items(ad: &str) -> Vec<(String, Class)> {
        let doc = Document::plain(ad);
        analyse(&cues(), &doc)
            .items
            .iter()
            .map(|i| (ad[i.start..i.end].to_string(), i.class))
            .collect()
    }

    use Class::{Must, Nice};

    #[test]
    fn list_under_headings() {
        let ad = "Dine opgaver\n- Rengøring\n- Opvask\n\nVi forventer, at du\n- har kørekort\n- taler dansk\n\nDet er en fordel, hvis du\n- kender SAP\n\nVi tilbyder\n- Løn\n";
        assert_eq!(
            items(ad),
            vec![
                ("har kørekort".into(), Must),
                ("taler dansk".into(), Must),
                ("kender SAP".into(), Nice),
            ]
        );
    }

    #[test]
    fn cues_inside_items_win_under_a_must_heading() {
        let ad = "Krav\n- Du skal have truckcertifikat\n- Det er en fordel, hvis du har kranbevis\n- Du har gerne erfaring med SAP\n- Det er ikke et krav, at du har kørt truck\n- Mindst 3 års erfaring\n";
        let got: Vec<Class> = items(ad).into_iter().map(|(_, c)| c).collect();
        assert_eq!(got, vec![Must, Nice, Nice, Nice, Must]);
    }

    #[test]
    fn profile_paragraph_sentences_with_cues_count() {
        let ad = "Om dig\nDen nye kollega bliver en del af et team på tre. Du har erfaring med lagerarbejde. Vi ser gerne, at du har kørekort. Derudover forventer vi, at du har:\n- truckcertifikat\n- ren straffeattest\n\nDu får grundig oplæring.\n";
        assert_eq!(
            items(ad),
            vec![
                ("Du har erfaring med lagerarbejde".into(), Must),
                ("Vi ser gerne, at du har kørekort".into(), Nice),
                ("truckcertifikat".into(), Must),
                ("ren straffeattest".into(), Must),
            ]
        );
    }

    #[test]
    fn intro_sentence_opens_a_list() {
        let ad = "Vi er et firma med 20 ansatte. Vi forventer, at du har:\n- kørekort\n- erfaring\n\nVi tilbyder:\n- løn\n";
        assert_eq!(
            items(ad),
            vec![("kørekort".into(), Must), ("erfaring".into(), Must)]
        );
    }

    #[test]
    fn paragraph_introduced_by_a_cue() {
        let ad = "Om jobbet\n\nDu skal gøre rent.\n\nVi forventer, at du er uddannet pædagog. Du har kørekort.\n\nDet er en fordel, hvis du taler tysk.\n\nDu får en god løn, og du kan cykle til arbejde.\n";
        assert_eq!(
            items(ad),
            vec![
                ("Vi forventer, at du er uddannet pædagog".into(), Must),
                ("Du har kørekort".into(), Must),
                ("Det er en fordel, hvis du taler tysk".into(), Nice),
            ]
        );
    }

    #[test]
    fn no_requirements_part() {
        let ad =
            "Vi søger en kollega.\n\nDine opgaver\n- Rengøring\n- Opvask\n\nVi tilbyder\n- Løn\n";
        assert!(items(ad).is_empty());
        let doc = Document::plain(ad);
        assert_eq!(analyse(&cues(), &doc).part, None);
    }

    #[test]
    fn part_span_runs_from_heading_to_last_item() {
        let ad = "Intro.\n\nKvalifikationer\n- a b\n- c d\n\nDet er en fordel, hvis du\n- e f\n\nVi tilbyder\n- løn\n";
        let doc = Document::plain(ad);
        let (s, e) = analyse(&cues(), &doc).part.unwrap();
        assert_eq!(
            &ad[s..e],
            "Kvalifikationer\n- a b\n- c d\n\nDet er en fordel, hvis du\n- e f"
        );
    }

    #[test]
    fn risky_must_haves_are_marked_but_not_when_nice() {
        let ad = "Krav\n- Du skal være fleksibel i forhold til familiesituation\n- Du skal kunne rejse 3–4 dage om ugen\n- Du skal have kørekort\n\nDet er en fordel, hvis du\n- er fleksibel i forhold til familien\n";
        let doc = Document::plain(ad);
        let a = analyse(&cues(), &doc);
        let risky: Vec<&str> = a
            .items
            .iter()
            .filter_map(|i| i.risky.map(|(_, s, e)| &ad[s..e]))
            .collect();
        assert_eq!(
            risky,
            vec![
                "fleksibel i forhold til familiesituation",
                "rejse 3–4 dage om ugen"
            ]
        );
    }

    #[test]
    fn inclusion_is_found_at_the_end_of_a_long_line() {
        let c = cues();
        let prose = "Vi leder efter en kollega til alle vores afdelinger. ".repeat(5_000);
        assert!(!has_inclusion(&c, &prose));
        let with = format!("{prose}Vi opfordrer alle uanset køn til at søge.");
        assert!(has_inclusion(&c, &with));
        // Across a line break it is not one statement.
        assert!(!has_inclusion(&c, "Vi opfordrer\nalle til at søge"));
    }

    #[test]
    fn long_prose_paragraph_ending_in_an_intro_opens_a_list() {
        let prose = "Vi er en virksomhed med mange ansatte og travle dage. ".repeat(2_000);
        let ad = format!("{prose}Vi forventer, at du har:\n- kørekort\n- truckcertifikat\n");
        assert_eq!(
            items(&ad),
            vec![("kørekort".into(), Must), ("truckcertifikat".into(), Must)]
        );
    }

    #[test]
    fn sentence_splitting_marks_intros() {
        let t = "Du har erfaring. Derudover forventer vi, at du har: ";
        let toks = tokenize(t, 0, t.len());
        let s = sentences(t, &toks, t.len());
        assert_eq!(s.len(), 2);
        assert!(!s[0].2 && s[1].2);
    }
}
