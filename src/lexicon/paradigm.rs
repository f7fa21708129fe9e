//! Inflection paradigms (`lexicons/da/paradigms.toml`): lemma -> forms, and a flagged form's
//! slot -> the same form of a suggestion.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Where a form sits in its paradigm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// Noun: 0 indefinite singular, 1 definite singular, 2 indefinite plural, 3 definite plural.
    Noun { idx: u8, genitive: bool },
    /// Adjective: 0 base, 1 neuter (-t), 2 definite/plural (-e).
    Adj { idx: u8 },
    /// A form outside any paradigm (`extra`): suggestions cannot be inflected into it.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Noun,
    Adj,
}

#[derive(Debug, Clone)]
pub struct Paradigm {
    pub kind: Kind,
    pub ending: String,
    /// Appended to the stem; `None` where the form does not exist.
    pub forms: Vec<Option<String>>,
    /// Nouns: each form also has a genitive in -s (Danish). English nouns say `genitive =
    /// false`: their possessive 's is read as a word boundary, and «foremens» is no word.
    pub genitive: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParadigmDef {
    #[serde(default)]
    ending: String,
    forms: Vec<String>,
    #[serde(default = "yes")]
    genitive: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParadigmFile {
    noun: BTreeMap<String, ParadigmDef>,
    adj: BTreeMap<String, ParadigmDef>,
    infer: BTreeMap<String, String>,
}

/// All paradigms by key (`noun.mand`, `adj.adj`) and the ending -> paradigm inference table.
#[derive(Debug, Clone)]
pub struct Paradigms {
    by_key: BTreeMap<String, Paradigm>,
    /// Longest ending first.
    infer: Vec<(String, String)>,
}

impl Paradigms {
    pub fn parse(toml_src: &str) -> Result<Paradigms, String> {
        let file: ParadigmFile = toml::from_str(toml_src).map_err(|e| e.to_string())?;
        let mut by_key = BTreeMap::new();
        for (kind, defs, n) in [
            (Kind::Noun, &file.noun, 4usize),
            (Kind::Adj, &file.adj, 3usize),
        ] {
            let prefix = if kind == Kind::Noun { "noun" } else { "adj" };
            for (name, def) in defs {
                if def.forms.len() != n {
                    return Err(format!(
                        "paradigm {prefix}.{name}: expected {n} forms, found {}",
                        def.forms.len()
                    ));
                }
                let forms = def
                    .forms
                    .iter()
                    .map(|f| if f == "-" { None } else { Some(f.clone()) })
                    .collect();
                by_key.insert(
                    format!("{prefix}.{name}"),
                    Paradigm {
                        kind,
                        ending: def.ending.clone(),
                        forms,
                        genitive: def.genitive,
                    },
                );
            }
        }
        let mut infer: Vec<(String, String)> = file.infer.into_iter().collect();
        for (_, key) in &infer {
            if !by_key.contains_key(key) {
                return Err(format!("[infer] names unknown paradigm `{key}`"));
            }
        }
        infer.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(&b.0))
        });
        Ok(Paradigms { by_key, infer })
    }

    pub fn get(&self, key: &str) -> Option<&Paradigm> {
        self.by_key.get(key)
    }

    /// The paradigm key for a suggestion's last word by its ending.
    pub fn infer(&self, word: &str) -> Option<&str> {
        self.infer
            .iter()
            .find(|(end, _)| word.ends_with(end.as_str()))
            .map(|(_, k)| k.as_str())
    }

    /// Every form of `lemma` in `paradigm`, with its slot; nouns include genitives.
    pub fn expand(&self, lemma: &str, paradigm: &Paradigm) -> Result<Vec<(Slot, String)>, String> {
        let stem = lemma
            .strip_suffix(paradigm.ending.as_str())
            .ok_or_else(|| format!("`{lemma}` does not end in `{}`", paradigm.ending))?;
        let mut out = Vec::new();
        for (i, f) in paradigm.forms.iter().enumerate() {
            let Some(f) = f else { continue };
            let form = format!("{stem}{f}");
            match paradigm.kind {
                Kind::Noun => {
                    push_noun(&mut out, i as u8, form, paradigm.genitive);
                }
                Kind::Adj => {
                    if !out.iter().any(|(_, x)| *x == form) {
                        out.push((Slot::Adj { idx: i as u8 }, form));
                    }
                }
            }
        }
        Ok(out)
    }

    /// Forms from an explicit list in slot order (4 = noun, 3 = adjective; "-" = none).
    pub fn explicit(forms: &[String]) -> Result<Vec<(Slot, String)>, String> {
        let mut out = Vec::new();
        match forms.len() {
            4 => {
                for (i, f) in forms.iter().enumerate() {
                    if f != "-" {
                        push_noun(&mut out, i as u8, f.clone(), true);
                    }
                }
            }
            3 => {
                for (i, f) in forms.iter().enumerate() {
                    if f != "-" && !out.iter().any(|(_, x)| x == f) {
                        out.push((Slot::Adj { idx: i as u8 }, f.clone()));
                    }
                }
            }
            n => {
                return Err(format!(
                    "`forms` needs 4 noun forms or 3 adjective forms, found {n}"
                ))
            }
        }
        Ok(out)
    }

    /// Resolve a suggestion spec (`forperson`, `personale:noun.neuter-sg`) to a paradigm.
    pub fn suggestion(&self, spec: &str) -> Result<Suggestion, String> {
        let (text, key) = match spec.rsplit_once(':') {
            Some((t, k)) => (t.to_string(), k.to_string()),
            None => {
                let last = spec.rsplit(' ').next().unwrap_or(spec);
                let key = self.infer(last).ok_or_else(|| {
                    format!(
                        "suggestion `{spec}`: no paradigm for its ending; write `{spec}:noun.X`"
                    )
                })?;
                (spec.to_string(), key.to_string())
            }
        };
        let paradigm = self
            .get(&key)
            .ok_or_else(|| format!("suggestion `{spec}`: unknown paradigm `{key}`"))?
            .clone();
        let last = text.rsplit(' ').next().unwrap_or(&text);
        if !last.ends_with(paradigm.ending.as_str()) {
            return Err(format!(
                "suggestion `{spec}`: `{last}` does not end in `{}`",
                paradigm.ending
            ));
        }
        Ok(Suggestion { text, paradigm })
    }
}

fn push_noun(out: &mut Vec<(Slot, String)>, idx: u8, form: String, genitive: bool) {
    let gen = if !genitive || form.ends_with(['s', 'x', 'z']) {
        None
    } else {
        Some(format!("{form}s"))
    };
    if !out.iter().any(|(_, x)| *x == form) {
        out.push((
            Slot::Noun {
                idx,
                genitive: false,
            },
            form,
        ));
    }
    if let Some(g) = gen {
        if !out.iter().any(|(_, x)| *x == g) {
            out.push((
                Slot::Noun {
                    idx,
                    genitive: true,
                },
                g,
            ));
        }
    }
}

/// A neutral alternative with the paradigm of its last word.
#[derive(Debug, Clone)]
pub struct Suggestion {
    /// Lemma form, lowercase; may have several words.
    pub text: String,
    pub paradigm: Paradigm,
}

impl Suggestion {
    /// The suggestion in `slot`, or `None` where it has no such form.
    pub fn inflect(&self, slot: Slot) -> Option<String> {
        // The words before the last one, with the space after them, stay as they are.
        let last_at = self.text.rfind(' ').map_or(0, |i| i + 1);
        let (head, last) = self.text.split_at(last_at);
        let stem = last.strip_suffix(self.paradigm.ending.as_str())?;
        let (idx, genitive) = match (slot, self.paradigm.kind) {
            (Slot::Noun { idx, genitive }, Kind::Noun) => (idx, genitive),
            (Slot::Adj { idx }, Kind::Adj) => (idx, false),
            _ => return None,
        };
        let ending = self.paradigm.forms.get(idx as usize)?.as_ref()?;
        // Made in one allocation of its final size (with room for a genitive's «s»).
        let mut form = String::with_capacity(head.len() + stem.len() + ending.len() + 1);
        form.push_str(head);
        form.push_str(stem);
        form.push_str(ending);
        if genitive {
            if form.ends_with(['s', 'x', 'z']) {
                return None;
            }
            form.push('s');
        }
        Some(form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> Paradigms {
        Paradigms::parse(include_str!("../../lexicons/da/paradigms.toml")).unwrap()
    }

    #[test]
    fn mand_paradigm_with_genitives() {
        let p = p();
        let forms: Vec<String> = p
            .expand("formand", p.get("noun.mand").unwrap())
            .unwrap()
            .into_iter()
            .map(|(_, f)| f)
            .collect();
        assert_eq!(
            forms,
            [
                "formand",
                "formands",
                "formanden",
                "formandens",
                "formænd",
                "formænds",
                "formændene",
                "formændenes"
            ]
        );
    }

    #[test]
    fn suggestions_inflect_into_the_slot() {
        let p = p();
        let s = p.suggestion("forperson").unwrap();
        assert_eq!(
            s.inflect(Slot::Noun {
                idx: 3,
                genitive: false
            })
            .unwrap(),
            "forpersonerne"
        );
        assert_eq!(
            s.inflect(Slot::Noun {
                idx: 1,
                genitive: true
            })
            .unwrap(),
            "forpersonens"
        );
        let l = p.suggestion("lærer").unwrap();
        assert_eq!(
            l.inflect(Slot::Noun {
                idx: 3,
                genitive: false
            })
            .unwrap(),
            "lærerne"
        );
        let r = p.suggestion("rengøringsassistent").unwrap();
        assert_eq!(
            r.inflect(Slot::Noun {
                idx: 3,
                genitive: false
            })
            .unwrap(),
            "rengøringsassistenterne"
        );
        let pers = p.suggestion("personale:noun.neuter-sg").unwrap();
        assert_eq!(
            pers.inflect(Slot::Noun {
                idx: 2,
                genitive: false
            }),
            None
        );
        assert_eq!(
            pers.inflect(Slot::Noun {
                idx: 1,
                genitive: false
            })
            .unwrap(),
            "personalet"
        );
        let multi = p.suggestion("en del af holdet:noun.neuter-e").unwrap();
        assert_eq!(
            multi
                .inflect(Slot::Noun {
                    idx: 0,
                    genitive: false
                })
                .unwrap(),
            "en del af holdet"
        );
        assert!(p.suggestion("xyz").is_err());
    }
}
