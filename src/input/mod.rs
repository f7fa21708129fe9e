//! Input front ends: each turns one format into the same [`Document`](crate::Document).
//!
//! - [`text`]: plain text; the text is the source; blocks from lines and bullets.
//! - [`markdown`]: CommonMark via pulldown-cmark; code is not linted.
//! - [`html`]: HTML as CMS systems store it; entities decoded, script/style skipped.

pub mod html;
pub mod markdown;
pub(crate) mod outline;
pub mod text;
