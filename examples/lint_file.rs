//! Lint a file with the library and print the findings: `cargo run --example lint_file -- FILE`.
use biasvask::{Engine, Format, Options};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: lint_file FILE");
        std::process::exit(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let engine = Engine::new().expect("built-in lexicons are valid");
    let format = Format::from_path(std::path::Path::new(&path));
    let report = engine.lint(&source, format, &Options::default());
    for d in &report.diagnostics {
        println!(
            "{}..{} {} {:?} {:?}",
            d.span.start,
            d.span.end,
            d.rule,
            &source[d.span.range()],
            d.suggestions
        );
    }
    println!("{:?}", report.summary);
}
