//! The renderers only the command line uses: the human report (miette) and SARIF
//! (checked against the serde-sarif model). The `biasvask` binary is `src/main.rs`.

pub mod human;
pub mod sarif;
