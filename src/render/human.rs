//! The human report, drawn by miette: each finding with its source line, a label, the
//! message and the suggestion; then a summary line per file.
