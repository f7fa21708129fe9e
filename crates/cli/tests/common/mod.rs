//! Shared by the CLI test files: run the built binary with optional standard input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Run `cmd` (colours off), feeding it `stdin` if given, and wait for it.
pub fn output(mut cmd: Command, stdin: Option<&[u8]>) -> Output {
    let mut child = cmd
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = stdin {
        let mut s = child.stdin.take().expect("stdin");
        s.write_all(input).expect("write stdin");
    }
    child.wait_with_output().expect("wait")
}
