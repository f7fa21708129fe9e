//! Quality on real ads nobody on the project wrote (`tests/realads/`, see its README): the
//! requirement counts against a careful reader's hand count, item by item, and the word and
//! phrase rules against the hand-marked wording.
//!
//! The ads were split once, when they were added, into a tuning half and a test half. Rules and
//! cues are tuned on `tune` only; the figures the project reports, and the floors asserted
//! here, are those of `test`. `cargo test --test realads -- --nocapture` prints the figures;
//! `BIASVASK_REALADS_DETAIL=tune` (the default) prints every tuning ad's items as well,
//! `=all` also the test ads' (look only after tuning is done), `=none` nothing per ad.

use std::path::{Path, PathBuf};

use biasvask::{lint, Format, Options, Report, RequirementClass, Rule, Span};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Annotation {
    source: String,
    sector: String,
    kind: String,
    split: String,
    #[serde(default)]
    must: Vec<String>,
    #[serde(default)]
    nice: Vec<String>,
    #[serde(default)]
    flag: Vec<Flag>,
    #[allow(dead_code)]
    collected: Option<String>,
}

/// Marked wording. Each mark was made by the first reader (`by = "A"`, blind, when the ad was
/// added), by a second blind reader (`"B"`) or by both (`"AB"`); a third blind reader then
/// settled the `level` of every mark: `flag` (change it before publishing), `hint` (worth
/// pointing out, defensible as it stands: the reference lexicon's `info` things) or `none`
/// (not biased wording; kept so that every reader's marks stay auditable).
#[derive(Debug, Deserialize)]
struct Flag {
    rule: String,
    text: String,
    #[serde(default = "default_level")]
    level: String,
    #[serde(default = "default_by")]
    by: String,
}

fn default_level() -> String {
    "flag".into()
}

fn default_by() -> String {
    "A".into()
}

struct Ad {
    name: String,
    src: String,
    format: Format,
    ann: Annotation,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realads")
}

fn load() -> Vec<Ad> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/realads")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    entries.sort();
    for t in entries {
        let stem = t.file_stem().unwrap().to_string_lossy().to_string();
        let ad_file = ["txt", "html", "md"]
            .iter()
            .map(|e| t.with_extension(e))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{stem}: no ad file beside the annotation"));
        let src = std::fs::read_to_string(&ad_file).expect("ad file is UTF-8");
        let ann: Annotation = toml::from_str(&std::fs::read_to_string(&t).unwrap())
            .unwrap_or_else(|e| panic!("{stem}.toml: {e}"));
        assert!(
            ann.split == "tune" || ann.split == "test",
            "{stem}: split must be tune or test"
        );
        assert!(!ann.source.is_empty() && !ann.sector.is_empty() && !ann.kind.is_empty());
        out.push(Ad {
            name: stem,
            format: Format::from_path(&ad_file),
            src,
            ann,
        });
    }
    out
}

/// The source ranges of snippets, each searched from the end of the previous one (so the n-th
/// listing of a repeated text is its n-th occurrence).
fn locate(name: &str, src: &str, snippets: &[String]) -> Vec<Span> {
    let mut from = 0;
    snippets
        .iter()
        .map(|s| {
            let at = src[from..]
                .find(s.as_str())
                .map(|i| i + from)
                .or_else(|| src.find(s.as_str()))
                .unwrap_or_else(|| panic!("{name}: snippet {s:?} is not in the ad"));
            from = at + s.len();
            Span::new(at, at + s.len())
        })
        .collect()
}

/// Snippets of flags, each the n-th occurrence for its n-th listing.
fn locate_flags(name: &str, src: &str, flags: &[Flag]) -> Vec<(Span, String)> {
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    flags
        .iter()
        .map(|f| {
            let n = seen.entry(f.text.as_str()).or_insert(0);
            let at = src
                .match_indices(f.text.as_str())
                .nth(*n)
                .map(|(i, _)| i)
                .unwrap_or_else(|| {
                    panic!("{name}: flag {:?} #{} is not in the ad", f.text, *n + 1)
                });
            *n += 1;
            (Span::new(at, at + f.text.len()), f.rule.clone())
        })
        .collect()
}

const WORD_RULES: [Rule; 5] = [
    Rule::GenderedTerm,
    Rule::GenderedPhrase,
    Rule::SexPreference,
    Rule::AgePreference,
    Rule::GenericPronoun,
];

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    ads: usize,
    must_within_1: usize,
    /// Must counts off by more than one: too many, too few.
    must_over: usize,
    must_under: usize,
    nice_within_1: usize,
    both_within_1: usize,
    /// Items: predicted, annotated, matched (same item and class).
    pred: usize,
    gold: usize,
    matched: usize,
    /// Items matched regardless of class.
    matched_any: usize,
    /// Word rules: predicted findings, of which on wording marked as a flag or a hint; flags, of
    /// which found.
    word_pred: usize,
    word_pred_ok: usize,
    word_gold: usize,
    /// The same for findings at warning or error only (info is a hint, not a flag).
    word_pred_strict: usize,
    word_pred_strict_ok: usize,
    word_gold_found: usize,
    /// Flags and hints, of which found (a hint need not be found: printed, not asserted).
    word_marked: usize,
    word_marked_found: usize,
    /// The first reader alone (every mark made by reader A, as a flag): the measure before the
    /// second reading, kept for comparison.
    a_pred_ok: usize,
    a_gold: usize,
    a_gold_found: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Tally {
    fn must_agreement(&self) -> f64 {
        ratio(self.must_within_1, self.ads)
    }
    fn nice_agreement(&self) -> f64 {
        ratio(self.nice_within_1, self.ads)
    }
    fn precision(&self) -> f64 {
        ratio(self.matched, self.pred)
    }
    fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    fn word_precision(&self) -> f64 {
        ratio(self.word_pred_ok, self.word_pred)
    }
    fn word_precision_strict(&self) -> f64 {
        ratio(self.word_pred_strict_ok, self.word_pred_strict)
    }
    fn word_recall(&self) -> f64 {
        ratio(self.word_gold_found, self.word_gold)
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name}: {} ads · must ±1 {}/{} ({:.0} %, over {} under {}) · nice ±1 {}/{} ({:.0} %) · both {} · items P {:.2} ({}/{}) R {:.2} ({}/{}) (class-blind P {:.2} R {:.2}) · word rules P {:.2} ({}/{}), at warning+ {:.2} ({}/{}), R {:.2} ({}/{}), on flags and hints {:.2} ({}/{}) (first reader alone: P {:.2} ({}/{}) R {:.2} ({}/{}))",
            self.ads,
            self.must_within_1,
            self.ads,
            100.0 * self.must_agreement(),
            self.must_over,
            self.must_under,
            self.nice_within_1,
            self.ads,
            100.0 * self.nice_agreement(),
            self.both_within_1,
            self.precision(),
            self.matched,
            self.pred,
            self.recall(),
            self.matched,
            self.gold,
            ratio(self.matched_any, self.pred),
            ratio(self.matched_any, self.gold),
            self.word_precision(),
            self.word_pred_ok,
            self.word_pred,
            self.word_precision_strict(),
            self.word_pred_strict_ok,
            self.word_pred_strict,
            self.word_recall(),
            self.word_gold_found,
            self.word_gold,
            ratio(self.word_marked_found, self.word_marked),
            self.word_marked_found,
            self.word_marked,
            ratio(self.a_pred_ok, self.word_pred),
            self.a_pred_ok,
            self.word_pred,
            ratio(self.a_gold_found, self.a_gold),
            self.a_gold_found,
            self.a_gold,
        )
    }
}

fn score(ad: &Ad, report: &Report, detail: bool, t: &mut Tally) {
    let must = locate(&ad.name, &ad.src, &ad.ann.must);
    let nice = locate(&ad.name, &ad.src, &ad.ann.nice);
    let mut gold: Vec<(Span, RequirementClass)> = must
        .iter()
        .map(|s| (*s, RequirementClass::Must))
        .chain(nice.iter().map(|s| (*s, RequirementClass::Nice)))
        .collect();
    gold.sort_by_key(|g| g.0.start);
    let (pm, pn) = (report.summary.must_have, report.summary.nice_to_have);
    let (gm, gn) = (must.len(), nice.len());
    t.ads += 1;
    let m_ok = pm.abs_diff(gm) <= 1;
    let n_ok = pn.abs_diff(gn) <= 1;
    t.must_within_1 += m_ok as usize;
    t.must_over += (pm > gm + 1) as usize;
    t.must_under += (gm > pm + 1) as usize;
    t.nice_within_1 += n_ok as usize;
    t.both_within_1 += (m_ok && n_ok) as usize;

    // One-to-one matching of items: a predicted item matches the first unused annotated item
    // whose snippet overlaps it.
    let mut used = vec![false; gold.len()];
    let mut marks: Vec<&str> = Vec::new();
    for r in &report.requirements {
        t.pred += 1;
        let hit = gold
            .iter()
            .enumerate()
            .find(|(i, g)| !used[*i] && g.0.overlaps(r.span));
        match hit {
            Some((i, g)) => {
                used[i] = true;
                t.matched_any += 1;
                if g.1 == r.class {
                    t.matched += 1;
                    marks.push("ok");
                } else {
                    marks.push("CLASS");
                }
            }
            None => marks.push("EXTRA"),
        }
    }
    t.gold += gold.len();

    // Word and phrase rules. A finding is right when it is on wording the readers marked as a
    // flag or a hint; a flag is found when any finding is on it (a hint need not be found).
    let wmarks = locate_flags(&ad.name, &ad.src, &ad.ann.flag);
    let level = |i: usize| ad.ann.flag[i].level.as_str();
    for f in &ad.ann.flag {
        assert!(
            matches!(f.level.as_str(), "flag" | "hint" | "none")
                && matches!(f.by.as_str(), "A" | "B" | "AB"),
            "{}: mark {:?}: level flag|hint|none, by A|B|AB",
            ad.name,
            f.text
        );
    }
    let on = |d: &biasvask::Diagnostic, keep: &dyn Fn(usize) -> bool| {
        wmarks
            .iter()
            .enumerate()
            .any(|(i, (s, _))| keep(i) && s.overlaps(d.span))
    };
    let marked = |i: usize| level(i) != "none";
    let flagged = |i: usize| level(i) == "flag";
    let by_a = |i: usize| ad.ann.flag[i].by.contains('A');
    let found: Vec<&biasvask::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| WORD_RULES.contains(&d.rule))
        .collect();
    let strict = |d: &&&biasvask::Diagnostic| d.severity >= biasvask::Severity::Warning;
    t.word_pred += found.len();
    t.word_pred_ok += found.iter().filter(|d| on(d, &marked)).count();
    t.word_pred_strict += found.iter().filter(strict).count();
    t.word_pred_strict_ok += found
        .iter()
        .filter(strict)
        .filter(|d| on(d, &flagged))
        .count();
    t.a_pred_ok += found.iter().filter(|d| on(d, &by_a)).count();
    let hit = |s: &Span| found.iter().any(|d| d.span.overlaps(*s));
    let missed: Vec<(&(Span, String), &str)> = wmarks
        .iter()
        .enumerate()
        .filter(|&(i, (s, _))| flagged(i) && !hit(s))
        .map(|(i, m)| (m, level(i)))
        .collect();
    t.word_gold += (0..wmarks.len()).filter(|&i| flagged(i)).count();
    t.word_gold_found += (0..wmarks.len())
        .filter(|&i| flagged(i) && hit(&wmarks[i].0))
        .count();
    t.word_marked += (0..wmarks.len()).filter(|&i| marked(i)).count();
    t.word_marked_found += (0..wmarks.len())
        .filter(|&i| marked(i) && hit(&wmarks[i].0))
        .count();
    t.a_gold += (0..wmarks.len()).filter(|&i| by_a(i)).count();
    t.a_gold_found += (0..wmarks.len())
        .filter(|&i| by_a(i) && hit(&wmarks[i].0))
        .count();

    if detail {
        println!(
            "\n== {} [{} {}] must {pm}/{gm}{} nice {pn}/{gn}{}",
            ad.name,
            ad.ann.sector,
            ad.ann.kind,
            if m_ok { "" } else { " !!" },
            if n_ok { "" } else { " !!" }
        );
        for (r, m) in report.requirements.iter().zip(&marks) {
            let text: String = ad.src[r.span.range()].chars().take(90).collect();
            println!("  {m:5} {:4} {:?}", r.class.as_str(), text);
        }
        for (i, g) in gold.iter().enumerate() {
            if !used[i] {
                let text: String = ad.src[g.0.range()].chars().take(90).collect();
                println!(
                    "  MISS  {:4} {:?}",
                    format!("{:?}", g.1).to_lowercase(),
                    text
                );
            }
        }
        for d in &found {
            let on_level = wmarks
                .iter()
                .enumerate()
                .filter(|(_, (s, _))| s.overlaps(d.span))
                .map(|(i, _)| level(i))
                .min_by_key(|l| ["flag", "hint", "none"].iter().position(|x| x == l))
                .unwrap_or("unmarked");
            if on_level != "flag" {
                println!(
                    "  WORD-EXTRA {} {} {:?} (on {on_level})",
                    d.rule,
                    d.severity,
                    &ad.src[d.span.range()]
                );
            }
        }
        for (&(s, ref rule), _) in &missed {
            println!("  WORD-MISS {rule} {:?}", &ad.src[s.range()]);
        }
    }
}

fn measure() -> (Tally, Tally) {
    let detail = std::env::var("BIASVASK_REALADS_DETAIL").unwrap_or_else(|_| "tune".into());
    let mut tune = Tally::default();
    let mut test = Tally::default();
    for ad in load() {
        let report = lint(&ad.src, ad.format, &Options::default());
        // Auditable: the counts are exactly the listed items.
        let must = report
            .requirements
            .iter()
            .filter(|r| r.class == RequirementClass::Must)
            .count();
        assert_eq!(
            (must, report.requirements.len() - must),
            (report.summary.must_have, report.summary.nice_to_have),
            "{}",
            ad.name
        );
        let (t, show) = if ad.ann.split == "tune" {
            (&mut tune, detail == "tune" || detail == "all")
        } else {
            (&mut test, detail == "all")
        };
        score(&ad, &report, show, t);
    }
    (tune, test)
}

/// The floors: the figures measured on the test half when the analysis was last tuned. They
/// may rise; they may not fall.
const FLOOR_MUST_AGREEMENT: f64 = 0.85; // 85/99 on 2026-12-03 with ads 531-563 (17 test ads, 13 of them short listings that agree easily); on the 82 test ads before them 69/82 (68/82 before the language-heading and interest cues; 65/79 before ads 527-530; 41/54 before ads 475-526)
const FLOOR_NICE_AGREEMENT: f64 = 0.97; // 97/99 (80/82 before ads 531-563)
const FLOOR_ITEM_PRECISION: f64 = 0.76; // 152/200 (146/188 on the 82 ads before ads 531-563; 144/186 before the language-heading and interest cues)
const FLOOR_ITEM_RECALL: f64 = 0.69; // 152/219 (146/210 on the 82 ads before ads 531-563)
const FLOOR_WORD_PRECISION: f64 = 0.88; // 25/28 on 2026-12-03 after the English-language coverage (session 9); 24/27 after the served-person exception of «ung mand» (24/28 before) against the three readers' marks (a finding on a flag or a hint is right); against the first reader's marks alone 17/28 (0.61), the measure before the second reading
const FLOOR_WORD_RECALL: f64 = 0.54; // 6/11 flags found on 2026-12-03 after the English-language coverage (session 9; 5/11 before) (the settled flags; hints need not be found: 21/33 flags and hints); against the first reader's marks alone 14/22 (0.64)

#[test]
fn real_ads_quality_stays_at_or_above_the_reported_figures() {
    let (tune, test) = measure();
    println!("\n{}", tune.line("tune"));
    println!("{}", test.line("test"));
    assert!(tune.ads >= 10 && test.ads >= 10, "too few real ads");
    assert!(
        test.must_agreement() >= FLOOR_MUST_AGREEMENT,
        "{}",
        test.line("test")
    );
    assert!(
        test.nice_agreement() >= FLOOR_NICE_AGREEMENT,
        "{}",
        test.line("test")
    );
    assert!(
        test.precision() >= FLOOR_ITEM_PRECISION,
        "{}",
        test.line("test")
    );
    assert!(test.recall() >= FLOOR_ITEM_RECALL, "{}", test.line("test"));
    assert!(
        test.word_precision() >= FLOOR_WORD_PRECISION,
        "{}",
        test.line("test")
    );
    assert!(
        test.word_recall() >= FLOOR_WORD_RECALL,
        "{}",
        test.line("test")
    );
}
