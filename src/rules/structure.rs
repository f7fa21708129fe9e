//! Ad-level rules that read the document's structure: `requirements-balance` and
//! `missing-inclusion-statement`. Returns the requirement counts (must-have, nice-to-have).

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::options::Options;

pub(crate) fn check(
    _doc: &Document<'_>,
    _options: &Options,
    _out: &mut Vec<Diagnostic>,
) -> (usize, usize) {
    (0, 0)
}
