fn main() {
    // Until the clap CLI lands: `biasvask lsp` serves LSP over stdio.
    if std::env::args().nth(1).as_deref() == Some("lsp") {
        if let Err(e) = biasvask::lsp::run_stdio() {
            eprintln!("biasvask lsp: {e}");
            std::process::exit(e.exit_code());
        }
    }
}
