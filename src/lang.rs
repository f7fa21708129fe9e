//! The message language: the language biasvask speaks to its user (messages, rule docs, the
//! human report). It is not the language of the ad, which is Danish (the lexicons under
//! `lexicons/`); a second ad language would be a second set of lexicons, not a new `Lang`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "da" => Ok(Lang::Da),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language `{s}` (expected da or en)")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Da => "da",
            Lang::En => "en",
        })
    }
}
