//! The renderers only the command line uses: the human report (miette) and SARIF
//! (in the serde-sarif model's key order; the tests check it against the model and the schema).
//! The `biasvask` binary is `src/main.rs`.

#![forbid(unsafe_code)]

pub mod human;
pub mod sarif;
