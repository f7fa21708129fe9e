//! The renderers only the command line uses: the human report (miette), SARIF (in the
//! serde-sarif model's key order; the tests check it against the model and the schema) and the
//! unified diff of `--diff` (made from the fix's edits).
//! The `biasvask` binary is `src/main.rs`.

#![forbid(unsafe_code)]

pub mod diff;
pub mod human;
pub mod sarif;
