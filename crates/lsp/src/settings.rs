//! Editor settings: `initializationOptions` and `workspace/didChangeConfiguration`.
//!
//! ```json
//! { "lang": "da", "failLevel": "warning", "rules": { "masculine-coded": "off" } }
//! ```
//! also accepted wrapped in `{ "biasvask": { ... } }` (how VS Code and Neovim send a section).
//! Settings are applied over the project's `biasvask.toml`: an editor setting wins.

use serde_json::Value;

use biasvask::diagnostic::{Level, Rule, Severity};
use biasvask::options::{Lang, Options};

/// The settings an editor sent. `None` / empty means "as the project says".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub lang: Option<Lang>,
    /// Findings below this level are shown as hints (they would not fail `biasvask check`).
    pub fail_level: Option<Severity>,
    pub rules: Vec<(Rule, Level)>,
}

impl Settings {
    /// Read settings from JSON. Bad values are skipped and described in the returned list
    /// (the server logs them); the rest still applies.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let mut problems = Vec::new();
        let mut s = Settings::default();
        let value = value.get("biasvask").unwrap_or(value);
        let obj = match value {
            Value::Object(o) => o,
            Value::Null => return (s, problems),
            other => {
                problems.push(format!("settings must be an object, not {other}"));
                return (s, problems);
            }
        };
        for (key, v) in obj {
            match key.as_str() {
                "lang" => match v.as_str().map(str::parse::<Lang>) {
                    Some(Ok(l)) => s.lang = Some(l),
                    Some(Err(e)) => problems.push(format!("lang: {e}")),
                    None if v.is_null() => {}
                    None => problems.push(format!("lang: expected a string, not {v}")),
                },
                "failLevel" | "fail_level" => match v.as_str().map(str::parse::<Severity>) {
                    Some(Ok(l)) => s.fail_level = Some(l),
                    Some(Err(e)) => problems.push(format!("failLevel: {e}")),
                    None if v.is_null() => {}
                    None => problems.push(format!("failLevel: expected a string, not {v}")),
                },
                "rules" => match v {
                    Value::Object(rules) => {
                        for (rule, level) in rules {
                            let r = match rule.parse::<Rule>() {
                                Ok(r) => r,
                                Err(e) => {
                                    problems.push(format!("rules: {e}"));
                                    continue;
                                }
                            };
                            match level.as_str().map(str::parse::<Level>) {
                                Some(Ok(l)) => s.rules.push((r, l)),
                                Some(Err(e)) => problems.push(format!("rules.{rule}: {e}")),
                                None => problems
                                    .push(format!("rules.{rule}: expected a string, not {level}")),
                            }
                        }
                    }
                    Value::Null => {}
                    other => problems.push(format!("rules: expected an object, not {other}")),
                },
                // Client-side settings (the VS Code extension's server path, trace) are not ours.
                "path" | "serverPath" | "trace" => {}
                other => problems.push(format!("unknown setting `{other}`")),
            }
        }
        (s, problems)
    }

    /// Apply over options already holding the project's configuration.
    pub fn apply(&self, o: &mut Options) {
        if let Some(l) = self.lang {
            o.lang = l;
        }
        for (r, l) in &self.rules {
            o.set_level(*r, *l);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_all_keys() {
        let (s, problems) = Settings::from_json(&json!({
            "lang": "en", "failLevel": "error", "rules": { "masculine-coded": "off", "gendered-term": "error" }
        }));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s.lang, Some(Lang::En));
        assert_eq!(s.fail_level, Some(Severity::Error));
        assert_eq!(
            s.rules,
            vec![
                (Rule::GenderedTerm, Level::On(Severity::Error)),
                (Rule::MasculineCoded, Level::Off)
            ]
        );
        let mut o = Options::default();
        s.apply(&mut o);
        assert!(!o.enabled(Rule::MasculineCoded));
        assert_eq!(o.lang, Lang::En);
    }

    #[test]
    fn accepts_a_section_and_reports_bad_values() {
        let (s, problems) = Settings::from_json(&json!({
            "biasvask": { "lang": "sv", "rules": { "no-such-rule": "off", "feminine-coded": "loud" }, "colour": 1 }
        }));
        assert_eq!(s, Settings::default());
        assert_eq!(problems.len(), 4, "{problems:?}");
        let (_, problems) = Settings::from_json(&json!(42));
        assert_eq!(problems.len(), 1);
        assert_eq!(Settings::from_json(&Value::Null).0, Settings::default());
    }
}
