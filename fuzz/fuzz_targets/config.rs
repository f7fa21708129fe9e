#![no_main]
//! `cargo fuzz run config`: parse arbitrary `biasvask.toml` text. Never a panic; an error
//! names the file; a valid file gives options and (when it adds entries) an engine that lints.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    match biasvask::config::Config::parse("biasvask.toml", src) {
        Ok(config) => {
            let options = config.options();
            let _ = config.fail_level();
            if let Ok(Some(engine)) = config.engine() {
                let ad = "Vi søger en formand, der er ambitiøs.";
                let report = engine.lint(ad, biasvask::Format::Text, &options);
                for d in &report.diagnostics {
                    assert!(d.span.end <= ad.len() && ad.is_char_boundary(d.span.start) && ad.is_char_boundary(d.span.end));
                }
            }
        }
        Err(e) => {
            assert_eq!(e.path, "biasvask.toml");
            assert!(e.to_string().starts_with("biasvask.toml"), "{e}");
        }
    }
});
