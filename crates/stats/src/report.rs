//! The HTML report (`report.html`) and the per-ad pages (`ads/N.html`): one self-contained
//! file each, inline CSS and SVG, nothing loaded from anywhere, laid out to print on A4.

use std::fmt::Write;

use biasvask::{Lang, Report, Rule};

use crate::agg::{self, ratio, Aggregates, Group, Pool, MUST_BUCKETS, VERDICTS};
use crate::charts::{self, BLUE, GREEN, GREY, ORANGE, PURPLE};
use crate::input::Ad;
use crate::{t, Settings};

/// A share of a group's ads.
type Share = fn(&Group) -> Option<f64>;

/// HTML-escape text and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn pct(v: Option<f64>) -> String {
    match v {
        Some(v) => format!("{:.1} %", v * 100.0).replace('.', ","),
        None => "–".into(),
    }
}

fn pct_en(v: Option<f64>, lang: Lang) -> String {
    let s = pct(v);
    if lang == Lang::En {
        s.replace(',', ".")
    } else {
        s
    }
}

fn num(n: u64, lang: Lang) -> String {
    let s = n.to_string();
    let sep = if lang == Lang::Da { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn dec(v: Option<f64>, lang: Lang) -> String {
    match v {
        Some(v) => {
            let s = format!("{v:.1}");
            if lang == Lang::Da {
                s.replace('.', ",")
            } else {
                s
            }
        }
        None => "–".into(),
    }
}

const CSS: &str = r#"
:root { --ink:#1b1b1b; --muted:#5a5a5a; --line:#d5d5d5; --blue:#1f5799; --orange:#d66e14; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 62rem; padding: 1.5rem 2rem 3rem; background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.lead, .muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr)); gap: .7rem; margin: 1.2rem 0; }
.card { border: 1px solid var(--line); border-left: 5px solid var(--blue); padding: .6rem .8rem; border-radius: 4px; }
.card.warn { border-left-color: var(--orange); }
.card b { display: block; font-size: 1.6rem; line-height: 1.2; }
.card span { color: var(--muted); font-size: .88rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { border-bottom: 2px solid var(--ink); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
svg { width: 100%; height: auto; display: block; max-width: 46rem; }
figure { margin: .5rem 0 1rem; }
figcaption { color: var(--muted); font-size: .88rem; }
nav.toc { columns: 2; font-size: .92rem; margin: .5rem 0 0; }
nav.toc a, a { color: var(--blue); }
.note { font-size: .88rem; color: var(--muted); }
.src { white-space: pre-wrap; font: 14px/1.55 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; border: 1px solid var(--line); padding: 1rem; border-radius: 4px; }
mark { background: #ffe2c2; border-bottom: 2px solid var(--orange); padding: 0 1px; }
mark.coded { background: #e4ecf7; border-bottom-color: var(--blue); }
section { break-inside: auto; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  figure, table, .cards, tr { break-inside: avoid; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  @page { size: A4; margin: 16mm 14mm; }
}
"#;

fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        esc(title)
    )
}

fn verdict_labels(lang: Lang) -> Vec<String> {
    VERDICTS.iter().map(|v| v.label(lang).to_string()).collect()
}

const VERDICT_COLORS: [plotters::style::RGBColor; 6] = [ORANGE, ORANGE, GREY, PURPLE, PURPLE, GREY];

/// The whole report.
pub fn html(a: &Aggregates, s: &Settings) -> String {
    let lang = s.lang;
    let tr = |da: &'static str, en: &'static str| t(lang, da, en);
    let all = &a.all;
    let mut b = String::new();
    let title = tr(
        "Kønsbias i stillingsopslag: samlet rapport",
        "Gender bias in job ads: summary report",
    );
    let _ = write!(b, "<h1>{}</h1>", esc(title));
    let _ = write!(
        b,
        "<p class=\"lead\">{} {} {}. {}</p>",
        tr("Lavet af biasvask ud fra", "Made by biasvask from"),
        num(all.ads, lang),
        tr("annoncer", "ads"),
        esc(&match lang {
            Lang::Da => format!(
                "Kravgrænse: over {} skal-krav. {} input sprunget over (se fejlmeddelelserne).",
                a.max_must_have, a.skipped_inputs
            ),
            Lang::En => format!(
                "Requirement threshold: more than {} must-haves. {} inputs skipped (see the error messages).",
                a.max_must_have, a.skipped_inputs
            ),
        })
    );
    // Key figures.
    let card = |b: &mut String, v: String, what: &str, warn: bool| {
        let _ = write!(
            b,
            "<div class=\"card{}\"><b>{v}</b><span>{}</span></div>",
            if warn { " warn" } else { "" },
            esc(what)
        );
    };
    b.push_str("<div class=\"cards\">");
    card(&mut b, num(all.ads, lang), tr("annoncer", "ads"), false);
    card(
        &mut b,
        pct_en(all.masculine_share(), lang),
        tr("maskulint kodede", "masculine-coded"),
        true,
    );
    card(
        &mut b,
        pct_en(all.gendered_title_share(), lang),
        tr(
            "med kønnet titel eller betegnelse",
            "with a gendered title or term",
        ),
        true,
    );
    card(
        &mut b,
        pct_en(all.over_threshold_share(), lang),
        tr("over kravgrænsen", "over the requirement threshold"),
        true,
    );
    card(
        &mut b,
        pct_en(all.inclusion_share(), lang),
        tr("med inklusionserklæring", "with an inclusion statement"),
        false,
    );
    b.push_str("</div>");

    let has_time = a.by_month.len() >= 2;
    let breakdowns: Vec<(&str, &agg::Capped<Group>)> = [
        (tr("Afdeling", "Department"), &a.by_department),
        (tr("Sektor", "Sector"), &a.by_sector),
        (tr("Arbejdsgiver", "Employer"), &a.by_employer),
    ]
    .into_iter()
    .filter(|(_, m)| !m.items.is_empty())
    .collect();
    let has_applicants = a.applicants.all.ads > 0;
    // Contents.
    b.push_str("<nav class=\"toc\"><ol>");
    let mut toc = vec![(
        "verdicts",
        tr("Kodning af annoncerne", "How the ads are coded"),
    )];
    if has_time {
        toc.push(("time", tr("Udvikling over tid", "Over time")));
    }
    toc.push((
        "terms",
        tr("Kønnede ord og udtryk", "Gendered terms and phrases"),
    ));
    toc.push(("requirements", tr("Krav", "Requirements")));
    toc.push((
        "inclusion",
        tr("Inklusionserklæring", "Inclusion statement"),
    ));
    if !breakdowns.is_empty() {
        toc.push((
            "breakdowns",
            tr(
                "Fordelt på afdeling, sektor, arbejdsgiver",
                "By department, sector, employer",
            ),
        ));
    }
    if a.compare.is_some() {
        toc.push(("compare", tr("Før og efter", "Before and after")));
    }
    toc.push((
        "top",
        tr("Annoncer med flest fund", "Ads with most findings"),
    ));
    if has_applicants {
        toc.push(("applicants", tr("Hvem søgte", "Who applied")));
    }
    toc.push((
        "method",
        tr("Sådan er tallene lavet", "How the figures are made"),
    ));
    for (id, name) in &toc {
        let _ = write!(b, "<li><a href=\"#{id}\">{}</a></li>", esc(name));
    }
    b.push_str("</ol></nav>");

    // Verdicts.
    let _ = write!(b, "<section id=\"verdicts\"><h2>{}</h2>", esc(toc[0].1));
    let _ = write!(
        b,
        "<p>{}</p>",
        esc(tr(
            "Andel af annoncerne efter balancen mellem maskulint og feminint kodede ord (normeret efter længden).",
            "Share of the ads by the balance of masculine- and feminine-coded words (normalised for length)."
        ))
    );
    let shares: Vec<Option<f64>> = all.verdicts.iter().map(|n| ratio(*n, all.ads)).collect();
    let _ = write!(
        b,
        "<figure>{}</figure>",
        charts::hbars(
            tr("Andel pr. kodning", "Share per verdict"),
            &verdict_labels(lang),
            &shares,
            &VERDICT_COLORS,
            true,
            None
        )
    );
    let _ = write!(
        b,
        "<table><tr><th>{}</th><th class=n>{}</th><th class=n>{}</th></tr>",
        tr("Kodning", "Verdict"),
        tr("Annoncer", "Ads"),
        tr("Andel", "Share")
    );
    for (i, v) in VERDICTS.iter().enumerate() {
        let _ = write!(
            b,
            "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
            esc(v.label(lang)),
            num(all.verdicts[i], lang),
            pct_en(shares[i], lang)
        );
    }
    b.push_str("</table>");
    // Findings per rule.
    let _ = write!(
        b,
        "<h3>{}</h3><table><tr><th>{}</th><th class=n>{}</th><th class=n>{}</th></tr>",
        tr("Fund pr. regel", "Findings per rule"),
        tr("Regel", "Rule"),
        tr("Fund", "Findings"),
        tr("Annoncer med fund", "Ads with findings")
    );
    for r in Rule::ALL {
        let f = a.findings_by_rule.get(r.id()).copied().unwrap_or(0);
        let ads = a.ads_with_rule.get(r.id()).copied().unwrap_or(0);
        let _ = write!(b, "<tr><td>{} <span class=muted>({})</span></td><td class=n>{}</td><td class=n>{} ({})</td></tr>",
            esc(r.info().label(lang)), r.id(), num(f, lang), num(ads, lang), pct_en(ratio(ads, all.ads), lang));
    }
    b.push_str("</table></section>");

    // Over time.
    if has_time {
        let (quarters, buckets) = a.over_time();
        let _ = write!(
            b,
            "<section id=\"time\"><h2>{}</h2>",
            esc(tr("Udvikling over tid", "Over time"))
        );
        let _ = write!(
            b,
            "<p>{} {} {}.</p>",
            tr("Pr.", "Per"),
            if quarters {
                tr("kvartal", "quarter")
            } else {
                tr("måned", "month")
            },
            esc(&match lang {
                Lang::Da => format!(
                    "efter annoncens dato ({} af {} annoncer har en dato)",
                    num(a.dated, lang),
                    num(all.ads, lang)
                ),
                Lang::En => format!(
                    "by the ad's date ({} of {} ads have a date)",
                    num(a.dated, lang),
                    num(all.ads, lang)
                ),
            })
        );
        let keys: Vec<String> = buckets.iter().map(|(k, _)| k.clone()).collect();
        let col =
            |f: fn(&Group) -> Option<f64>| buckets.iter().map(|(_, g)| f(g)).collect::<Vec<_>>();
        let _ = write!(
            b,
            "<figure>{}<figcaption>{}</figcaption></figure>",
            charts::lines(
                tr("Kodning over tid", "Verdicts over time"),
                &keys,
                &[
                    (
                        tr("maskulint kodet", "masculine-coded").into(),
                        ORANGE,
                        col(Group::masculine_share)
                    ),
                    (
                        tr("neutral", "neutral").into(),
                        GREY,
                        col(Group::neutral_share)
                    ),
                    (
                        tr("feminint kodet", "feminine-coded").into(),
                        PURPLE,
                        col(Group::feminine_share)
                    ),
                ]
            ),
            esc(tr(
                "Andel af periodens annoncer; maskulint og feminint omfatter også «stærkt».",
                "Share of the period's ads; masculine and feminine include «strongly»."
            ))
        );
        let _ = write!(
            b,
            "<figure>{}</figure>",
            charts::lines(
                tr(
                    "Titler, krav og inklusion over tid",
                    "Titles, requirements and inclusion over time"
                ),
                &keys,
                &[
                    (
                        tr("kønnet titel", "gendered title").into(),
                        ORANGE,
                        col(Group::gendered_title_share)
                    ),
                    (
                        tr("over kravgrænsen", "over threshold").into(),
                        BLUE,
                        col(Group::over_threshold_share)
                    ),
                    (
                        tr("inklusionserklæring", "inclusion statement").into(),
                        GREEN,
                        col(Group::inclusion_share)
                    ),
                ]
            )
        );
        let _ = write!(b, "<table><tr><th>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th></tr>",
            tr("Periode", "Period"), tr("Annoncer", "Ads"), tr("Maskulint", "Masculine"), tr("Kønnet titel", "Gendered title"), tr("Over kravgrænsen", "Over threshold"), tr("Inklusion", "Inclusion"));
        for (k, g) in &buckets {
            let _ = write!(b, "<tr><td>{k}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
                num(g.ads, lang), pct_en(g.masculine_share(), lang), pct_en(g.gendered_title_share(), lang), pct_en(g.over_threshold_share(), lang), pct_en(g.inclusion_share(), lang));
        }
        b.push_str("</table></section>");
    }

    // Terms.
    let _ = write!(
        b,
        "<section id=\"terms\"><h2>{}</h2>",
        esc(tr("Kønnede ord og udtryk", "Gendered terms and phrases"))
    );
    let top_terms = a.top_terms(30);
    if top_terms.is_empty() {
        let _ = write!(
            b,
            "<p>{}</p>",
            tr(
                "Ingen kønnede titler, udtryk eller køns- og aldersønsker fundet.",
                "No gendered titles, phrases or sex and age preferences found."
            )
        );
    } else {
        let _ = write!(b, "<p>{}</p>", esc(tr("De hyppigste fund af kønnede titler og udtryk og køns- og aldersønsker, med det neutrale forslag.", "The most frequent gendered titles and phrases and sex and age preferences, with the neutral suggestion.")));
        let _ = write!(b, "<table><tr><th>{}</th><th>{}</th><th>{}</th><th class=n>{}</th><th class=n>{}</th></tr>",
            tr("Fundet", "Found"), tr("Skriv i stedet", "Write instead"), tr("Regel", "Rule"), tr("Antal", "Count"), tr("Annoncer", "Ads"));
        for (text, term) in top_terms {
            let rule_label = term
                .rule
                .parse::<Rule>()
                .map(|r| r.info().label(lang))
                .unwrap_or(term.rule);
            let _ = write!(b, "<tr><td>«{}»</td><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
                esc(text), term.suggestion.as_deref().map(|s| format!("«{}»", esc(s))).unwrap_or_else(|| tr("(omformulér)", "(reword)").into()),
                esc(rule_label), num(term.count, lang), num(term.ads, lang));
        }
        b.push_str("</table>");
    }
    b.push_str("</section>");

    // Requirements.
    let _ = write!(
        b,
        "<section id=\"requirements\"><h2>{}</h2>",
        esc(tr("Krav", "Requirements"))
    );
    let _ = write!(b, "<p>{}</p>", esc(&match lang {
        Lang::Da => format!("Gennemsnitligt {} skal-krav og {} gerne-krav pr. annonce. {} af annoncerne har flere end {} skal-krav (orange): lange kravlister får især kvinder til at lade være med at søge.",
            dec(all.mean_must(), lang), dec(ratio(all.nice_to_have_sum, all.ads), lang), pct(all.over_threshold_share()), a.max_must_have),
        Lang::En => format!("On average {} must-haves and {} nice-to-haves per ad. {} of the ads have more than {} must-haves (orange): long lists of requirements keep women in particular from applying.",
            dec(all.mean_must(), lang), dec(ratio(all.nice_to_have_sum, all.ads), lang), pct_en(all.over_threshold_share(), lang), a.max_must_have),
    }));
    let _ = write!(
        b,
        "<figure>{}</figure>",
        charts::histogram(
            tr(
                "Annoncer efter antal skal-krav",
                "Ads by number of must-haves"
            ),
            &a.must_have_histogram,
            a.max_must_have,
            tr("skal-krav i annoncen", "must-haves in the ad"),
            tr("annoncer", "ads")
        )
    );
    b.push_str("</section>");

    // Inclusion.
    let _ = write!(b, "<section id=\"inclusion\"><h2>{}</h2><p>{}</p></section>", esc(tr("Inklusionserklæring", "Inclusion statement")), esc(&match lang {
        Lang::Da => format!("{} af de {} annoncer, hvor det kan afgøres, har en sætning, der opfordrer alle til at søge. Annoncer under {} ord og kørsler med reglen slået fra tælles ikke med.",
            pct(all.inclusion_share()), num(all.inclusion_known, lang), biasvask::rules::structure::MIN_WORDS_FOR_INCLUSION),
        Lang::En => format!("{} of the {} ads where it can be told have a sentence inviting everyone to apply. Ads under {} words and runs with the rule off are not counted.",
            pct_en(all.inclusion_share(), lang), num(all.inclusion_known, lang), biasvask::rules::structure::MIN_WORDS_FOR_INCLUSION),
    }));

    // Breakdowns.
    if !breakdowns.is_empty() {
        let _ = write!(
            b,
            "<section id=\"breakdowns\"><h2>{}</h2>",
            esc(tr(
                "Fordelt på afdeling, sektor og arbejdsgiver",
                "By department, sector and employer"
            ))
        );
        for (i, (name, map)) in breakdowns.iter().enumerate() {
            let groups = agg::largest(map, 15);
            let _ = write!(b, "<h3>{}</h3>", esc(name));
            if i == 0 {
                let labels: Vec<String> = groups.iter().map(|(k, _)| shorten(k, 30)).collect();
                let vals: Vec<Option<f64>> =
                    groups.iter().map(|(_, g)| g.masculine_share()).collect();
                let _ = write!(
                    b,
                    "<figure>{}<figcaption>{}</figcaption></figure>",
                    charts::hbars(
                        tr("Andel maskulint kodede", "Share masculine-coded"),
                        &labels,
                        &vals,
                        &[ORANGE],
                        true,
                        all.masculine_share()
                    ),
                    esc(tr(
                        "Andel maskulint kodede annoncer; den grå linje er gennemsnittet for alle.",
                        "Share of masculine-coded ads; the grey line is the average over all."
                    ))
                );
            }
            let _ = write!(b, "<table><tr><th>{name}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th></tr>",
                tr("Annoncer", "Ads"), tr("Maskulint", "Masculine"), tr("Kønnet titel", "Gendered title"), tr("Skal-krav, gns.", "Must-haves, mean"), tr("Over grænsen", "Over threshold"), tr("Inklusion", "Inclusion"));
            for (k, g) in &groups {
                let _ = write!(b, "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
                    esc(k), num(g.ads, lang), pct_en(g.masculine_share(), lang), pct_en(g.gendered_title_share(), lang), dec(g.mean_must(), lang), pct_en(g.over_threshold_share(), lang), pct_en(g.inclusion_share(), lang));
            }
            b.push_str("</table>");
            if map.items.len() > groups.len() || map.overflowed > 0 {
                let _ = write!(
                    b,
                    "<p class=note>{}</p>",
                    esc(&match lang {
                        Lang::Da => format!(
                            "De {} største af {} værdier vises; alle står i aggregates.json.",
                            groups.len(),
                            map.items.len()
                        ),
                        Lang::En => format!(
                            "The {} largest of {} values are shown; all are in aggregates.json.",
                            groups.len(),
                            map.items.len()
                        ),
                    })
                );
            }
        }
        b.push_str("</section>");
    }

    // Compare.
    if let Some(c) = &a.compare {
        let _ = write!(
            b,
            "<section id=\"compare\"><h2>{}: {} → {}</h2>",
            esc(tr("Før og efter", "Before and after")),
            esc(&c.a_label),
            esc(&c.b_label)
        );
        let rows: [(&str, Share); 6] = [
            (
                tr("maskulint kodet", "masculine-coded"),
                Group::masculine_share,
            ),
            (
                tr("feminint kodet", "feminine-coded"),
                Group::feminine_share,
            ),
            (tr("neutral", "neutral"), Group::neutral_share),
            (
                tr("kønnet titel", "gendered title"),
                Group::gendered_title_share,
            ),
            (
                tr("over kravgrænsen", "over the threshold"),
                Group::over_threshold_share,
            ),
            (
                tr("inklusionserklæring", "inclusion statement"),
                Group::inclusion_share,
            ),
        ];
        let labels: Vec<String> = rows.iter().map(|(n, _)| n.to_string()).collect();
        let va: Vec<_> = rows.iter().map(|(_, f)| f(&c.a)).collect();
        let vb: Vec<_> = rows.iter().map(|(_, f)| f(&c.b)).collect();
        let _ = write!(
            b,
            "<figure>{}<figcaption>{}</figcaption></figure>",
            charts::paired_hbars(tr("Før og efter", "Before and after"), &labels, &va, &vb),
            esc(&match lang {
                Lang::Da => format!(
                    "Grå: {}, blå: {}. Andel af periodens daterede annoncer.",
                    c.a_label, c.b_label
                ),
                Lang::En => format!(
                    "Grey: {}, blue: {}. Share of the period's dated ads.",
                    c.a_label, c.b_label
                ),
            })
        );
        let _ = write!(
            b,
            "<table><tr><th></th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th></tr>",
            esc(&c.a_label),
            esc(&c.b_label),
            tr("Ændring", "Change")
        );
        let _ = write!(
            b,
            "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td></td></tr>",
            tr("annoncer", "ads"),
            num(c.a.ads, lang),
            num(c.b.ads, lang)
        );
        for (i, (name, _)) in rows.iter().enumerate() {
            let diff = match (va[i], vb[i]) {
                (Some(x), Some(y)) => {
                    let d = (y - x) * 100.0;
                    let s = format!(
                        "{}{:.1} {}",
                        if d >= 0.0 { "+" } else { "−" },
                        d.abs(),
                        tr("point", "points")
                    );
                    if lang == Lang::Da {
                        s.replace('.', ",")
                    } else {
                        s
                    }
                }
                _ => "–".into(),
            };
            let _ = write!(
                b,
                "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{diff}</td></tr>",
                esc(name),
                pct_en(va[i], lang),
                pct_en(vb[i], lang)
            );
        }
        let _ = write!(
            b,
            "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td></td></tr>",
            tr("skal-krav, gennemsnit", "must-haves, mean"),
            dec(c.a.mean_must(), lang),
            dec(c.b.mean_must(), lang)
        );
        b.push_str("</table>");
        if c.a.ads == 0 || c.b.ads == 0 {
            let _ = write!(
                b,
                "<p class=note>{}</p>",
                tr(
                    "En af perioderne har ingen daterede annoncer.",
                    "One of the periods has no dated ads."
                )
            );
        }
        b.push_str("</section>");
    }

    // Top ads.
    let _ = write!(
        b,
        "<section id=\"top\"><h2>{}</h2>",
        esc(tr("Annoncer med flest fund", "Ads with most findings"))
    );
    if a.top_ads.is_empty() {
        let _ = write!(b, "<p>{}</p>", tr("Ingen fund.", "No findings."));
    } else {
        let _ = write!(b, "<table><tr><th>#</th><th>{}</th><th class=n>{}</th><th>{}</th><th class=n>{}</th></tr>", tr("Annonce", "Ad"), tr("Fund", "Findings"), tr("Kodning", "Verdict"), tr("Skal-krav", "Must-haves"));
        for (i, t) in a.top_ads.iter().enumerate() {
            let name = match &t.title {
                Some(title) => format!(
                    "{} <span class=muted>({})</span>",
                    esc(&shorten(title, 70)),
                    esc(&shorten(&t.id, 40))
                ),
                None => esc(&shorten(&t.id, 80)),
            };
            let verdict = t
                .verdict
                .parse_verdict()
                .map(|v| v.label(lang))
                .unwrap_or(t.verdict);
            let _ = write!(b, "<tr><td class=n>{}</td><td><a href=\"{}\">{name}</a></td><td class=n>{}</td><td>{}</td><td class=n>{}</td></tr>",
                i + 1, esc(&t.page), t.findings, esc(verdict), t.must_have);
        }
        b.push_str("</table>");
    }
    b.push_str("</section>");

    // Applicants.
    if has_applicants {
        let f = &a.applicants;
        let min = f.min_ads;
        let _ = write!(
            b,
            "<section id=\"applicants\"><h2>{}</h2>",
            esc(tr("Hvem søgte", "Who applied"))
        );
        let _ = write!(b, "<p>{}</p>", esc(&match lang {
            Lang::Da => format!("{} annoncer har ansøgertal. Andelen er kvinder (og mænd) blandt de ansøgere, hvis køn er opgivet som kvinde eller mand, lagt sammen over gruppens annoncer. Et tal vises kun, når mindst {min} annoncer står bag; ellers står der «for få». Tallene viser en sammenhæng, ikke en årsag.", num(f.all.ads, lang)),
            Lang::En => format!("{} ads have applicant counts. The share is women (and men) among the applicants whose gender is given as woman or man, pooled over the group's ads. A figure is shown only when at least {min} ads are behind it; otherwise it says «too few». The figures show an association, not a cause.", num(f.all.ads, lang)),
        }));
        let vlabels = verdict_labels(lang);
        let by_v: Vec<&Pool> = VERDICTS.iter().map(|v| &f.by_verdict[v.as_str()]).collect();
        let vals: Vec<Option<f64>> = by_v.iter().map(|p| p.women_share(min)).collect();
        if vals.iter().any(Option::is_some) {
            let _ = write!(b, "<figure>{}<figcaption>{}</figcaption></figure>",
                charts::hbars(tr("Andel kvinder blandt ansøgerne pr. kodning", "Share of women among applicants per verdict"), &vlabels, &vals, &[PURPLE], true, Some(0.5)),
                esc(tr("Andel kvinder blandt ansøgerne efter annoncens kodning; linjen er 50 %. Manglende søjle: for få annoncer.", "Share of women among the applicants by the ad's verdict; the line is 50 %. No bar: too few ads.")));
        }
        let table = |b: &mut String, head: &str, rows: Vec<(String, &Pool)>| {
            let _ = write!(b, "<table><tr><th>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th></tr>",
                esc(head), tr("Annoncer", "Ads"), tr("Kvinder", "Women"), tr("Mænd", "Men"), tr("Andel kvinder", "Share women"), tr("Andel mænd", "Share men"));
            for (name, p) in rows {
                let (w, m) = match p.women_share(min) {
                    Some(w) => (pct_en(Some(w), lang), pct_en(Some(1.0 - w), lang)),
                    None => {
                        let few = if p.ads < min {
                            tr("for få", "too few")
                        } else {
                            "–"
                        };
                        (few.to_string(), few.to_string())
                    }
                };
                let _ = write!(b, "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{w}</td><td class=n>{m}</td></tr>",
                    esc(&name), num(p.ads, lang), num(p.women, lang), num(p.men, lang));
            }
            b.push_str("</table>");
        };
        let _ = write!(b, "<h3>{}</h3>", tr("Efter kodning", "By verdict"));
        table(
            &mut b,
            tr("Kodning", "Verdict"),
            vlabels.iter().cloned().zip(by_v.iter().copied()).collect(),
        );
        let _ = write!(
            b,
            "<h3>{}</h3>",
            tr("Efter antal skal-krav", "By number of must-haves")
        );
        table(
            &mut b,
            tr("Skal-krav", "Must-haves"),
            MUST_BUCKETS
                .iter()
                .map(|m| (m.2.to_string(), &f.by_must_have[m.2]))
                .collect(),
        );
        let _ = write!(
            b,
            "<h3>{}</h3>",
            tr("Efter kønnet titel", "By gendered title")
        );
        table(
            &mut b,
            tr("Annoncen", "The ad"),
            vec![
                (
                    tr(
                        "har en kønnet titel eller betegnelse",
                        "has a gendered title or term",
                    )
                    .into(),
                    &f.with_gendered_title,
                ),
                (
                    tr("har ingen", "has none").into(),
                    &f.without_gendered_title,
                ),
            ],
        );
        table(
            &mut b,
            tr("I alt", "In all"),
            vec![(
                tr("alle med ansøgertal", "all with applicant counts").into(),
                &f.all,
            )],
        );
        b.push_str("</section>");
    }

    // Method.
    let _ = write!(
        b,
        "<section id=\"method\"><h2>{}</h2><ul class=note>",
        esc(tr("Sådan er tallene lavet", "How the figures are made"))
    );
    let notes: Vec<String> = match lang {
        Lang::Da => vec![
            "Hver annonce er tjekket af biasvask med de samme regler som «biasvask check»; ads.csv har én række pr. annonce, aggregates.json alle tal i denne rapport.".into(),
            format!("«Over kravgrænsen»: flere end {} skal-krav (max_must_have i biasvask.toml).", a.max_must_have),
            "«Kønnet titel»: mindst ét fund af reglen gendered-term.".into(),
            format!("Ansøgertal: kun vist, hvor mindst {} annoncer står bag (--min-ads).", a.applicants.min_ads),
            format!("Afdelinger, sektorer, arbejdsgivere og ord: højst {} forskellige tælles enkeltvis; resten under «andre» i aggregates.json.", agg::MAX_KEYS),
            format!("{} annoncer havde så mange fund, at listen blev afkortet.", a.truncated_ads),
        ],
        Lang::En => vec![
            "Each ad was checked by biasvask with the same rules as «biasvask check»; ads.csv has one row per ad, aggregates.json every figure in this report.".into(),
            format!("«Over the threshold»: more than {} must-haves (max_must_have in biasvask.toml).", a.max_must_have),
            "«Gendered title»: at least one finding of the rule gendered-term.".into(),
            format!("Applicant figures: shown only where at least {} ads are behind them (--min-ads).", a.applicants.min_ads),
            format!("Departments, sectors, employers and terms: at most {} distinct values are counted one by one; the rest under «other» in aggregates.json.", agg::MAX_KEYS),
            format!("{} ads had so many findings that their list was cut short.", a.truncated_ads),
        ],
    };
    for n in notes {
        let _ = write!(b, "<li>{}</li>", esc(&n));
    }
    b.push_str("</ul></section>");
    page(lang, title, &b)
}

trait ParseVerdict {
    fn parse_verdict(&self) -> Option<biasvask::Verdict>;
}
impl ParseVerdict for &str {
    fn parse_verdict(&self) -> Option<biasvask::Verdict> {
        VERDICTS.iter().copied().find(|v| v.as_str() == *self)
    }
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut o: String = s.chars().take(n - 1).collect();
        o.push('…');
        o
    }
}

/// The page of one ad: its metadata, its text with the findings marked, and the findings.
pub fn ad_page(ad: &Ad, report: &Report, row: &agg::Row, lang: Lang) -> String {
    let tr = |da: &'static str, en: &'static str| t(lang, da, en);
    let mut b = String::new();
    let title = ad.title.clone().unwrap_or_else(|| ad.id.clone());
    let _ = write!(
        b,
        "<p><a href=\"../report.html#top\">← {}</a></p><h1>{}</h1>",
        tr("Tilbage til rapporten", "Back to the report"),
        esc(&title)
    );
    b.push_str("<table>");
    let meta: [(&str, Option<&str>); 8] = [
        ("id", Some(ad.id.as_str())),
        (tr("kilde", "source"), Some(ad.origin.as_str())),
        (tr("dato", "date"), ad.date_raw.as_deref()),
        (tr("arbejdsgiver", "employer"), ad.employer.as_deref()),
        (tr("afdeling", "department"), ad.department.as_deref()),
        (tr("sektor", "sector"), ad.sector.as_deref()),
        ("url", ad.url.as_deref()),
        ("format", Some(ad.format.as_str())),
    ];
    for (k, v) in meta {
        if let Some(v) = v {
            let _ = write!(b, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
        }
    }
    let _ = write!(
        b,
        "<tr><th>{}</th><td>{} · {} {} · {} {} / {} {} · {} {}</td></tr>",
        tr("resultat", "result"),
        esc(row.verdict.label(lang)),
        row.findings,
        tr("fund", "findings"),
        row.masculine_coded,
        tr("maskulint", "masculine"),
        row.feminine_coded,
        tr("feminint kodede ord", "feminine-coded words"),
        row.must_have,
        tr("skal-krav", "must-haves")
    );
    b.push_str("</table>");
    // The text with the findings marked (the first of overlapping findings wins).
    let src = &ad.text;
    let _ = write!(b, "<h2>{}</h2><div class=src>", tr("Teksten", "The text"));
    let mut at = 0;
    for d in &report.diagnostics {
        let r = d.span.range();
        if r.is_empty() || r.start < at || src.get(r.clone()).is_none() {
            continue;
        }
        b.push_str(&esc(&src[at..r.start]));
        let class = if matches!(d.rule, Rule::MasculineCoded | Rule::FeminineCoded) {
            " class=coded"
        } else {
            ""
        };
        let _ = write!(
            b,
            "<mark{class} title=\"{}\">{}</mark>",
            esc(&d.message),
            esc(&src[r.clone()])
        );
        at = r.end;
    }
    b.push_str(&esc(&src[at..]));
    b.push_str("</div>");
    let _ = write!(
        b,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        tr("Fund", "Findings"),
        tr("Regel", "Rule"),
        tr("Fundet", "Found"),
        tr("Meddelelse", "Message")
    );
    for d in &report.diagnostics {
        let text = src.get(d.span.range()).unwrap_or("");
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(d.rule.id()),
            esc(&shorten(text, 80)),
            esc(&d.message)
        );
    }
    b.push_str("</table>");
    page(lang, &title, &b)
}
