//! Per-ad rows and the aggregates over them, built one row at a time in bounded memory:
//! counters and fixed arrays, maps capped at a number of distinct keys (later keys go to an
//! «other» bucket, and the JSON says how many), and a top-N list.

use std::collections::{BTreeMap, HashMap};

use biasvask::{Report, Rule, Verdict};
use serde::Serialize;

use crate::input::{Ad, Applicants};
use crate::period::{Date, Period};

/// The verdicts in report order.
pub const VERDICTS: [Verdict; 6] = [
    Verdict::StronglyMasculine,
    Verdict::Masculine,
    Verdict::Neutral,
    Verdict::Feminine,
    Verdict::StronglyFeminine,
    Verdict::Empty,
];

pub fn verdict_index(v: Verdict) -> usize {
    VERDICTS.iter().position(|x| *x == v).unwrap_or(5)
}

/// The rules whose findings are counted as «gendered terms and phrases» in the term list.
pub const TERM_RULES: [Rule; 4] = [
    Rule::GenderedTerm,
    Rule::GenderedPhrase,
    Rule::SexPreference,
    Rule::AgePreference,
];

/// Must-have buckets for the applicant figures (the default threshold, 6, is a boundary).
pub const MUST_BUCKETS: [(usize, usize, &str); 4] = [
    (0, 3, "0–3"),
    (4, 6, "4–6"),
    (7, 9, "7–9"),
    (10, usize::MAX, "10+"),
];

pub fn must_bucket(n: usize) -> usize {
    MUST_BUCKETS
        .iter()
        .position(|(a, b, _)| (*a..=*b).contains(&n))
        .unwrap_or(3)
}

/// At most this many distinct keys per breakdown (department, sector, employer) and term list.
pub const MAX_KEYS: usize = 10_000;

/// What one ad contributes: its metadata and counts (one CSV row), without its text.
#[derive(Debug, Clone)]
pub struct Row {
    pub seq: u64,
    pub origin: String,
    pub id: String,
    pub date_raw: Option<String>,
    pub date: Option<Date>,
    pub title: Option<String>,
    pub employer: Option<String>,
    pub department: Option<String>,
    pub sector: Option<String>,
    pub url: Option<String>,
    pub format: &'static str,
    pub applicants: Option<Applicants>,
    pub words: usize,
    pub verdict: Verdict,
    pub masculine_coded: usize,
    pub feminine_coded: usize,
    pub must_have: usize,
    pub nice_to_have: usize,
    pub over_threshold: bool,
    /// `None` when it cannot be told: the rule is off, or the text is too short for it.
    pub inclusion: Option<bool>,
    pub findings: usize,
    /// Findings per rule, in `Rule::ALL` order.
    pub per_rule: [u32; Rule::ALL.len()],
    pub gendered_title: bool,
    pub truncated: bool,
    /// (rule, the text found (lowercased), its first suggestion (lowercased)).
    pub terms: Vec<(Rule, String, Option<String>)>,
}

impl Row {
    /// The row of one linted ad.
    pub fn new(
        seq: u64,
        ad: &Ad,
        report: &Report,
        max_must_have: usize,
        inclusion_known: bool,
    ) -> Row {
        let mut per_rule = [0u32; Rule::ALL.len()];
        let mut terms = Vec::new();
        for d in &report.diagnostics {
            if let Some(i) = Rule::ALL.iter().position(|r| *r == d.rule) {
                per_rule[i] += 1;
            }
            if TERM_RULES.contains(&d.rule) {
                let text = ad.text.get(d.span.range()).unwrap_or("");
                terms.push((
                    d.rule,
                    text.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase(),
                    d.suggestions.first().map(|s| s.to_lowercase()),
                ));
            }
        }
        let s = report.summary;
        let missing = report
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::MissingInclusionStatement);
        let inclusion = (inclusion_known
            && s.words >= biasvask::rules::structure::MIN_WORDS_FOR_INCLUSION
            && !report.truncated)
            .then_some(!missing);
        Row {
            seq,
            origin: ad.origin.clone(),
            id: ad.id.clone(),
            date_raw: ad.date_raw.clone(),
            date: ad.date,
            title: ad.title.clone(),
            employer: ad.employer.clone(),
            department: ad.department.clone(),
            sector: ad.sector.clone(),
            url: ad.url.clone(),
            format: ad.format.as_str(),
            applicants: ad.applicants,
            words: s.words,
            verdict: s.verdict,
            masculine_coded: s.masculine_coded,
            feminine_coded: s.feminine_coded,
            must_have: s.must_have,
            nice_to_have: s.nice_to_have,
            over_threshold: s.must_have > max_must_have,
            inclusion,
            findings: report.diagnostics.len(),
            per_rule,
            gendered_title: report
                .diagnostics
                .iter()
                .any(|d| d.rule == Rule::GenderedTerm),
            truncated: report.truncated,
            terms,
        }
    }
}

/// Counts over a group of ads (all, a month, a department, a compared period).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Group {
    pub ads: u64,
    /// Per verdict, in `VERDICTS` order.
    #[serde(serialize_with = "ser_verdicts")]
    pub verdicts: [u64; 6],
    pub findings: u64,
    pub must_have_sum: u64,
    pub nice_to_have_sum: u64,
    pub over_threshold: u64,
    /// Ads with an inclusion statement, of `inclusion_known`.
    pub inclusion: u64,
    pub inclusion_known: u64,
    pub gendered_title: u64,
}

fn ser_verdicts<S: serde::Serializer>(v: &[u64; 6], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(6))?;
    for (i, n) in v.iter().enumerate() {
        m.serialize_entry(VERDICTS[i].as_str(), n)?;
    }
    m.end()
}

impl Group {
    pub fn add(&mut self, r: &Row) {
        self.ads += 1;
        self.verdicts[verdict_index(r.verdict)] += 1;
        self.findings += r.findings as u64;
        self.must_have_sum += r.must_have as u64;
        self.nice_to_have_sum += r.nice_to_have as u64;
        self.over_threshold += r.over_threshold as u64;
        if let Some(i) = r.inclusion {
            self.inclusion_known += 1;
            self.inclusion += i as u64;
        }
        self.gendered_title += r.gendered_title as u64;
    }

    /// Share of ads with a masculine or strongly masculine verdict.
    pub fn masculine_share(&self) -> Option<f64> {
        ratio(self.verdicts[0] + self.verdicts[1], self.ads)
    }
    pub fn feminine_share(&self) -> Option<f64> {
        ratio(self.verdicts[3] + self.verdicts[4], self.ads)
    }
    pub fn neutral_share(&self) -> Option<f64> {
        ratio(self.verdicts[2], self.ads)
    }
    pub fn over_threshold_share(&self) -> Option<f64> {
        ratio(self.over_threshold, self.ads)
    }
    pub fn inclusion_share(&self) -> Option<f64> {
        ratio(self.inclusion, self.inclusion_known)
    }
    pub fn gendered_title_share(&self) -> Option<f64> {
        ratio(self.gendered_title, self.ads)
    }
    pub fn mean_must(&self) -> Option<f64> {
        ratio(self.must_have_sum, self.ads)
    }
    pub fn mean_findings(&self) -> Option<f64> {
        ratio(self.findings, self.ads)
    }
}

pub fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// A map with at most `MAX_KEYS` distinct keys; values for keys past that go to `other`.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Capped<V> {
    pub items: HashMap<String, V>,
    /// What came under keys that did not fit.
    pub other: V,
    /// How many distinct keys did not fit (a lower bound: a key is not remembered).
    pub overflowed: u64,
}

impl<V: Default> Capped<V> {
    pub fn entry(&mut self, key: &str) -> &mut V {
        if !self.items.contains_key(key) {
            if self.items.len() >= MAX_KEYS {
                self.overflowed += 1;
                return &mut self.other;
            }
            self.items.insert(key.to_string(), V::default());
        }
        self.items.get_mut(key).expect("just inserted")
    }
}

/// One gendered term or phrase: how often, in how many ads, and what to write instead.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Term {
    pub rule: &'static str,
    pub count: u64,
    pub ads: u64,
    pub suggestion: Option<String>,
}

/// Applicants pooled over a group of ads.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Pool {
    /// Ads with applicant counts behind this figure.
    pub ads: u64,
    pub women: u64,
    pub men: u64,
    pub other: u64,
}

impl Pool {
    pub fn add(&mut self, a: &Applicants) {
        self.ads += 1;
        self.women += a.women;
        self.men += a.men;
        self.other += a.other;
    }
    /// The share of women among the applicants who are women or men (pooled over the ads),
    /// if at least `min_ads` ads are behind it.
    pub fn women_share(&self, min_ads: u64) -> Option<f64> {
        if self.ads < min_ads {
            return None;
        }
        ratio(self.women, self.women + self.men)
    }
}

/// Applicants by verdict, must-have load and gendered-title presence.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ApplicantFigures {
    /// A figure is shown only with at least this many ads behind it.
    pub min_ads: u64,
    pub all: Pool,
    pub by_verdict: BTreeMap<&'static str, Pool>,
    pub by_must_have: BTreeMap<&'static str, Pool>,
    pub with_gendered_title: Pool,
    pub without_gendered_title: Pool,
}

/// One of the ads with most findings.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TopAd {
    pub seq: u64,
    pub id: String,
    pub title: Option<String>,
    pub findings: usize,
    pub verdict: &'static str,
    pub must_have: usize,
    /// Its page, relative to the report.
    pub page: String,
}

/// The two periods of `--compare`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Compare {
    pub a_label: String,
    pub b_label: String,
    pub a: Group,
    pub b: Group,
    #[serde(skip)]
    periods: (Period, Period),
}

/// Everything the report shows, serialised as the aggregates JSON.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Aggregates {
    pub version: u32,
    /// The must-have threshold in force (`requirements-balance` fires above it).
    pub max_must_have: usize,
    pub all: Group,
    /// Ads whose findings were cut at the per-ad cap.
    pub truncated_ads: u64,
    /// Inputs that could not be read (bad lines, unreadable files); reported on stderr.
    pub skipped_inputs: u64,
    pub findings_by_rule: BTreeMap<&'static str, u64>,
    pub ads_with_rule: BTreeMap<&'static str, u64>,
    /// Ads by must-have count: index n = n must-haves; the last entry counts `MUST_HIST - 1` or more.
    pub must_have_histogram: Vec<u64>,
    pub nice_to_have_histogram: Vec<u64>,
    pub terms: Capped<Term>,
    pub dated: u64,
    pub by_month: BTreeMap<String, Group>,
    pub by_department: Capped<Group>,
    pub by_sector: Capped<Group>,
    pub by_employer: Capped<Group>,
    pub compare: Option<Compare>,
    pub applicants: ApplicantFigures,
    pub top_ads: Vec<TopAd>,
}

/// Histogram length for must-have and nice-to-have counts (the last bucket is «this or more»).
pub const MUST_HIST: usize = 21;

impl Aggregates {
    pub fn new(
        max_must_have: usize,
        compare: Option<(Period, Period)>,
        min_ads: u64,
    ) -> Aggregates {
        Aggregates {
            version: 1,
            max_must_have,
            all: Group::default(),
            truncated_ads: 0,
            skipped_inputs: 0,
            findings_by_rule: Rule::ALL.iter().map(|r| (r.id(), 0)).collect(),
            ads_with_rule: Rule::ALL.iter().map(|r| (r.id(), 0)).collect(),
            must_have_histogram: vec![0; MUST_HIST],
            nice_to_have_histogram: vec![0; MUST_HIST],
            terms: Capped::default(),
            dated: 0,
            by_month: BTreeMap::new(),
            by_department: Capped::default(),
            by_sector: Capped::default(),
            by_employer: Capped::default(),
            compare: compare.map(|(a, b)| Compare {
                a_label: a.label.clone(),
                b_label: b.label.clone(),
                a: Group::default(),
                b: Group::default(),
                periods: (a, b),
            }),
            applicants: ApplicantFigures {
                min_ads,
                by_verdict: VERDICTS
                    .iter()
                    .map(|v| (v.as_str(), Pool::default()))
                    .collect(),
                by_must_have: MUST_BUCKETS
                    .iter()
                    .map(|b| (b.2, Pool::default()))
                    .collect(),
                ..ApplicantFigures::default()
            },
            top_ads: Vec::new(),
        }
    }

    /// Count one ad.
    pub fn add(&mut self, r: &Row) {
        self.all.add(r);
        self.truncated_ads += r.truncated as u64;
        for (i, n) in r.per_rule.iter().enumerate() {
            let id = Rule::ALL[i].id();
            *self.findings_by_rule.entry(id).or_default() += *n as u64;
            *self.ads_with_rule.entry(id).or_default() += (*n > 0) as u64;
        }
        self.must_have_histogram[r.must_have.min(MUST_HIST - 1)] += 1;
        self.nice_to_have_histogram[r.nice_to_have.min(MUST_HIST - 1)] += 1;
        // Terms: count every finding, and each ad once per term.
        let mut seen: Vec<&str> = Vec::new();
        for (rule, text, sugg) in &r.terms {
            let t = self.terms.entry(text);
            t.rule = rule.id();
            t.count += 1;
            if t.suggestion.is_none() {
                t.suggestion = sugg.clone();
            }
            if !seen.contains(&text.as_str()) {
                seen.push(text);
                t.ads += 1;
            }
        }
        if let Some(d) = r.date {
            self.dated += 1;
            self.by_month.entry(d.month_key()).or_default().add(r);
            if let Some(c) = &mut self.compare {
                if c.periods.0.contains(d) {
                    c.a.add(r);
                }
                if c.periods.1.contains(d) {
                    c.b.add(r);
                }
            }
        }
        for (field, map) in [
            (&r.department, &mut self.by_department),
            (&r.sector, &mut self.by_sector),
            (&r.employer, &mut self.by_employer),
        ] {
            if let Some(k) = field.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
                map.entry(k).add(r);
            }
        }
        if let Some(a) = &r.applicants {
            let f = &mut self.applicants;
            f.all.add(a);
            f.by_verdict.entry(r.verdict.as_str()).or_default().add(a);
            f.by_must_have
                .entry(MUST_BUCKETS[must_bucket(r.must_have)].2)
                .or_default()
                .add(a);
            if r.gendered_title {
                f.with_gendered_title.add(a);
            } else {
                f.without_gendered_title.add(a);
            }
        }
    }

    /// Months, or quarters when the dates span more than two years: the time series' buckets.
    pub fn over_time(&self) -> (bool, Vec<(String, Group)>) {
        if self.by_month.len() <= 24 {
            return (
                false,
                self.by_month
                    .iter()
                    .map(|(k, g)| (k.clone(), g.clone()))
                    .collect(),
            );
        }
        let mut q: BTreeMap<String, Group> = BTreeMap::new();
        for (k, g) in &self.by_month {
            let d = Date::parse(k).expect("month keys are dates");
            let e = q.entry(d.quarter_key()).or_default();
            merge(e, g);
        }
        (true, q.into_iter().collect())
    }

    /// The terms, most frequent first (ties by text).
    pub fn top_terms(&self, n: usize) -> Vec<(&String, &Term)> {
        let mut v: Vec<_> = self.terms.items.iter().collect();
        v.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

fn merge(a: &mut Group, b: &Group) {
    a.ads += b.ads;
    for i in 0..6 {
        a.verdicts[i] += b.verdicts[i];
    }
    a.findings += b.findings;
    a.must_have_sum += b.must_have_sum;
    a.nice_to_have_sum += b.nice_to_have_sum;
    a.over_threshold += b.over_threshold;
    a.inclusion += b.inclusion;
    a.inclusion_known += b.inclusion_known;
    a.gendered_title += b.gendered_title;
}

/// Groups of a capped map, largest first, at most `n`.
pub fn largest(map: &Capped<Group>, n: usize) -> Vec<(&String, &Group)> {
    let mut v: Vec<_> = map.items.iter().collect();
    v.sort_by(|a, b| b.1.ads.cmp(&a.1.ads).then_with(|| a.0.cmp(b.0)));
    v.truncate(n);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row with the given verdict, must-haves, inclusion, gendered terms, date and department.
    fn row(
        verdict: Verdict,
        must: usize,
        inclusion: Option<bool>,
        terms: &[&str],
        date: Option<&str>,
        dept: Option<&str>,
        app: Option<(u64, u64)>,
    ) -> Row {
        let mut per_rule = [0u32; Rule::ALL.len()];
        per_rule[0] = terms.len() as u32;
        Row {
            seq: 0,
            origin: String::new(),
            id: String::new(),
            date_raw: date.map(String::from),
            date: date.and_then(Date::parse),
            title: None,
            employer: None,
            department: dept.map(String::from),
            sector: None,
            url: None,
            format: "text",
            applicants: app.map(|(w, m)| Applicants {
                women: w,
                men: m,
                other: 0,
            }),
            words: 100,
            verdict,
            masculine_coded: 0,
            feminine_coded: 0,
            must_have: must,
            nice_to_have: 0,
            over_threshold: must > 6,
            inclusion,
            findings: terms.len(),
            per_rule,
            gendered_title: !terms.is_empty(),
            truncated: false,
            terms: terms
                .iter()
                .map(|t| {
                    (
                        Rule::GenderedTerm,
                        t.to_string(),
                        Some(format!("{t}-neutral")),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn counts_shares_terms_months_and_departments() {
        let compare = Some((
            Period::parse("2024").unwrap(),
            Period::parse("2025-01..2025-06").unwrap(),
        ));
        let mut a = Aggregates::new(6, compare, 2);
        let rows = [
            row(
                Verdict::StronglyMasculine,
                9,
                Some(false),
                &["formand", "formand"],
                Some("2024-01-10"),
                Some("Lager"),
                Some((1, 9)),
            ),
            row(
                Verdict::Masculine,
                7,
                Some(true),
                &["formand"],
                Some("2024-01-20"),
                Some("Lager"),
                Some((3, 7)),
            ),
            row(
                Verdict::Neutral,
                3,
                Some(true),
                &[],
                Some("2025-02-01"),
                Some("HR"),
                Some((6, 4)),
            ),
            row(
                Verdict::Feminine,
                2,
                None,
                &["sygeplejerske"],
                None,
                Some(" "),
                None,
            ),
        ];
        for r in &rows {
            a.add(r);
        }
        assert_eq!(a.all.ads, 4);
        assert_eq!(a.all.verdicts, [1, 1, 1, 1, 0, 0]);
        assert_eq!(a.all.masculine_share(), Some(0.5));
        assert_eq!(a.all.over_threshold, 2);
        // Inclusion: known for three, present in two.
        assert_eq!((a.all.inclusion, a.all.inclusion_known), (2, 3));
        assert_eq!(a.all.gendered_title_share(), Some(0.75));
        assert_eq!(
            a.must_have_histogram[9]
                + a.must_have_histogram[7]
                + a.must_have_histogram[3]
                + a.must_have_histogram[2],
            4
        );
        // Terms: every finding counted, each ad once.
        let top = a.top_terms(10);
        assert_eq!(top[0].0, "formand");
        assert_eq!((top[0].1.count, top[0].1.ads), (3, 2));
        assert_eq!(top[0].1.suggestion.as_deref(), Some("formand-neutral"));
        assert_eq!(top[1].0, "sygeplejerske");
        // Months and the comparison.
        assert_eq!(a.dated, 3);
        assert_eq!(
            a.by_month.keys().collect::<Vec<_>>(),
            ["2024-01", "2025-02"]
        );
        assert_eq!(a.by_month["2024-01"].ads, 2);
        let c = a.compare.as_ref().unwrap();
        assert_eq!((c.a.ads, c.b.ads), (2, 1));
        assert_eq!(c.a.masculine_share(), Some(1.0));
        // Departments: a blank one is not a department.
        assert_eq!(a.by_department.items.len(), 2);
        assert_eq!(a.by_department.items["Lager"].over_threshold, 2);
        // Applicants: pooled, shown only with at least two ads behind.
        let f = &a.applicants;
        assert_eq!(f.all.ads, 3);
        assert_eq!(f.with_gendered_title.women_share(2), Some(4.0 / 20.0));
        assert_eq!(
            f.without_gendered_title.women_share(2),
            None,
            "one ad is too few"
        );
        assert_eq!(f.without_gendered_title.women_share(1), Some(0.6));
        assert_eq!(f.by_must_have["7–9"].ads, 2);
        assert_eq!(f.by_verdict["neutral"].women, 6);
        // The JSON names verdicts by their ids.
        let j = serde_json::to_value(&a).unwrap();
        assert_eq!(j["all"]["verdicts"]["strongly-masculine"], 1);
        assert_eq!(j["findings_by_rule"]["gendered-term"], 4);
    }

    #[test]
    fn quarters_when_the_dates_span_more_than_two_years() {
        let mut a = Aggregates::new(6, None, 1);
        for y in 2020..2023 {
            for m in 1..=12 {
                a.add(&row(
                    Verdict::Neutral,
                    0,
                    None,
                    &[],
                    Some(&format!("{y}-{m:02}-01")),
                    None,
                    None,
                ));
            }
        }
        let (quarters, b) = a.over_time();
        assert!(quarters);
        assert_eq!(b.len(), 12);
        assert_eq!(b[0].0, "2020-Q1");
        assert_eq!(b[0].1.ads, 3);
    }

    #[test]
    fn capped_maps_stay_bounded() {
        let mut c: Capped<u64> = Capped::default();
        for i in 0..MAX_KEYS + 5 {
            *c.entry(&i.to_string()) += 1;
        }
        *c.entry("0") += 1;
        assert_eq!(c.items.len(), MAX_KEYS);
        assert_eq!((c.other, c.overflowed), (5, 5));
        assert_eq!(c.items["0"], 2);
    }
}
