//! The stdio transport: LSP base-protocol framing that survives bad input.
//!
//! `lsp_server::Connection::stdio()` ends the connection on the first malformed message. An
//! editor that sends one bad message should not lose its linter, so this transport reads the
//! frames itself and answers a malformed one as JSON-RPC asks (an error response with `id:
//! null`: -32700 for JSON that does not parse, -32600 for JSON that is not a message), logs it
//! on stderr, and reads on. A broken header is skipped up to the next blank line; bytes that
//! are no header (the rest of a body whose `Content-Length` was too small, or what follows an
//! absurd one) are skipped up to the next `Content-Length`, so reading resynchronises. A request
//! whose id is neither a string nor an integer gets an error with id null. Only the end of
//! stdin or an I/O error ends the reader.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{unbounded, Sender};
use lsp_server::Message;

use crate::outgoing::{Connection, Outgoing};

/// The largest message read into memory (64 MiB); a larger body is skipped and answered
/// with an error, so a wrong `Content-Length` cannot exhaust memory.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// The longest body skipped when a message is over the limit; a larger Content-Length is taken
/// as broken, and reading resynchronises at the next header instead.
const MAX_SKIPPED_BODY: usize = 4 * MAX_MESSAGE_BYTES;

/// The longest header line kept (a longer one is malformed).
const MAX_HEADER_LINE: usize = 8 << 10;

/// The reader and writer threads of a stdio connection.
#[derive(Debug)]
pub struct IoThreads {
    reader: thread::JoinHandle<io::Result<()>>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Wait for the writer to flush everything and for the reader to end.
    pub fn join(self) -> io::Result<()> {
        let writer = self
            .writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("writer thread panicked")));
        let reader = self
            .reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("reader thread panicked")));
        writer.and(reader)
    }
}

/// A connection over this process's stdin and stdout.
pub fn stdio() -> io::Result<(Connection, IoThreads)> {
    let (out_tx, out_rx) = unbounded::<Outgoing>();
    let writer = thread::Builder::new()
        .name("biasvask-lsp-writer".into())
        .spawn(move || {
            for msg in out_rx {
                let stdout = io::stdout();
                let mut lock = stdout.lock();
                msg.write(&mut lock)?;
            }
            Ok(())
        })?;
    let (in_tx, in_rx) = unbounded::<Message>();
    let reader = thread::Builder::new()
        .name("biasvask-lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut lock = stdin.lock();
            read_loop(
                &mut lock,
                &in_tx,
                &mut || io::stdout().lock(),
                &mut io::stderr(),
            )
        })?;
    Ok((
        Connection {
            sender: out_tx,
            receiver: in_rx,
        },
        IoThreads { reader, writer },
    ))
}

/// What one frame turned out to be.
#[derive(Debug)]
pub(crate) enum Frame {
    Message(Message),
    /// A frame that is not a message: the JSON-RPC error code, the `id` if one could be read,
    /// and what was wrong.
    Bad {
        code: i32,
        id: Option<serde_json::Value>,
        why: String,
    },
}

/// Read frames until the end of input or `exit`, sending messages to `to_server`; answer bad
/// frames through `out` and log them to `log`.
pub(crate) fn read_loop<R, W, F>(
    input: &mut R,
    to_server: &Sender<Message>,
    out: &mut F,
    log: &mut dyn Write,
) -> io::Result<()>
where
    R: BufRead,
    W: Write,
    F: FnMut() -> W,
{
    loop {
        let frame = match read_frame(input, log) {
            Ok(Some(f)) => f,
            Ok(None) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                let _ = writeln!(log, "biasvask lsp: skipped a malformed message: {e}");
                continue;
            }
            Err(e) => return Err(e),
        };
        match frame {
            Frame::Message(msg) => {
                let is_exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                if to_server.send(msg).is_err() || is_exit {
                    return Ok(());
                }
            }
            Frame::Bad { code, id, why } => {
                let _ = writeln!(log, "biasvask lsp: malformed message: {why}");
                let body = serde_json::json!({
                    "jsonrpc": "2.0",
                    "id": id.unwrap_or(serde_json::Value::Null),
                    "error": { "code": code, "message": why },
                });
                let text = body.to_string();
                let mut w = out();
                write!(w, "Content-Length: {}\r\n\r\n{}", text.len(), text)?;
                w.flush()?;
            }
        }
    }
}

/// Read one frame. `Ok(None)` at the end of input; an `InvalidData` error for a header that
/// cannot be read (the bytes up to the next blank line are consumed, so reading can go on).
pub(crate) fn read_frame(
    input: &mut impl BufRead,
    log: &mut dyn Write,
) -> io::Result<Option<Frame>> {
    let mut length: Option<usize> = None;
    let mut bad_header: Option<String> = None;
    let mut line = Vec::new();
    // A header line of this frame has been read; before that, bytes that are no header are
    // skipped (the rest of a body whose Content-Length was too small, or what follows an
    // absurd one) until the next `Content-Length`, so reading resynchronises.
    let mut seen = false;
    let mut junk: usize = 0;
    let mut first_junk: Option<String> = None;
    loop {
        line.clear();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            if junk > 0 {
                note_junk(log, junk, first_junk.as_deref());
            }
            if !seen {
                return Ok(None);
            }
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "end of input inside a header",
            ));
        }
        if !seen {
            // A header glued to the end of junk: "...}Content-Length: 52".
            if let Some(i) = find_ascii_ci(&line, b"content-length") {
                if i > 0 {
                    junk += i;
                    first_junk.get_or_insert_with(|| lossy_head(&line[..i]));
                    line.drain(..i);
                }
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                continue; // blank lines between frames
            }
            if !looks_like_header(text) {
                junk += line.len();
                first_junk.get_or_insert_with(|| lossy_head(&line));
                continue;
            }
            if junk > 0 {
                note_junk(log, junk, first_junk.as_deref());
                junk = 0;
                first_junk = None;
            }
            seen = true;
        }
        if !line.ends_with(b"\n") {
            // A header line longer than the limit: skip the rest of it.
            bad_header.get_or_insert_with(|| "header line too long".into());
            skip_line(input)?;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => {
                        bad_header.get_or_insert_with(|| {
                            format!("bad Content-Length {:?}", value.trim())
                        });
                    }
                }
            }
            Some(_) => {} // Content-Type and unknown headers are ignored.
            None => {
                bad_header.get_or_insert_with(|| format!("malformed header line {text:?}"));
            }
        }
    }
    if let Some(why) = bad_header {
        // With a length, skip the body too, so the next frame is read from its start.
        if let Some(n) = length.filter(|&n| n <= MAX_MESSAGE_BYTES) {
            io::copy(&mut input.by_ref().take(n as u64), &mut io::sink())?;
        }
        return Err(io::Error::new(io::ErrorKind::InvalidData, why));
    }
    let Some(length) = length else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "no Content-Length header",
        ));
    };
    if length > MAX_MESSAGE_BYTES {
        // A body of a plausible size is skipped; an absurd length (a broken client) is not
        // waited for: what follows is skipped as junk up to the next Content-Length.
        if length <= MAX_SKIPPED_BODY {
            io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        }
        return Ok(Some(Frame::Bad {
            code: lsp_server::ErrorCode::InvalidRequest as i32,
            id: None,
            why: format!(
                "message of {length} bytes is larger than the limit of {MAX_MESSAGE_BYTES} bytes"
            ),
        }));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(parse(&body)))
}

/// Log skipped bytes that were not a message header, once per run of them.
fn note_junk(log: &mut dyn Write, bytes: usize, first: Option<&str>) {
    let _ = writeln!(
        log,
        "biasvask lsp: skipped {bytes} bytes that are no message header (malformed header line {:?})",
        first.unwrap_or("")
    );
}

/// The start of a skipped line, for the log.
fn lossy_head(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(80)]);
    text.trim_end_matches(['\r', '\n']).to_string()
}

/// `name: value` with a token for a name, as every header line is.
fn looks_like_header(text: &str) -> bool {
    text.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

/// Where `needle` (lowercase ASCII) first occurs in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                input.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
}

/// A frame's body as a message, or what is wrong with it.
pub(crate) fn parse(body: &[u8]) -> Frame {
    let parse_error = lsp_server::ErrorCode::ParseError as i32;
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            return Frame::Bad {
                code: parse_error,
                id: None,
                why: format!("message is not valid UTF-8: {e}"),
            };
        }
    };
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Frame::Bad {
                code: parse_error,
                id: None,
                why: format!("message is not valid JSON: {e}"),
            }
        }
    };
    let id = value
        .get("id")
        .filter(|id| id.is_string() || id.is_number())
        .cloned();
    // A request whose id is neither a string nor an integer ("id": null, "id": 1.5) would
    // read as a notification and get no answer: JSON-RPC asks for an error with id null.
    if value.get("method").is_some() {
        if let Some(bad) = value
            .get("id")
            .filter(|id| !(id.is_string() || id.is_i64() || id.is_u64()))
        {
            return Frame::Bad {
                code: lsp_server::ErrorCode::InvalidRequest as i32,
                id: None,
                why: format!("request id {bad} is neither a string nor an integer"),
            };
        }
    }
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Frame::Message(m),
        Err(e) => Frame::Bad {
            code: lsp_server::ErrorCode::InvalidRequest as i32,
            id,
            why: format!("not a JSON-RPC request, response or notification: {e}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{}", body.len(), body)
    }

    fn run(input: &str) -> (Vec<Message>, String, String) {
        let (tx, rx) = unbounded();
        let mut out = Vec::new();
        let mut log = Vec::new();
        {
            let sink = std::cell::RefCell::new(&mut out);
            let mut cursor = io::Cursor::new(input.as_bytes().to_vec());
            read_loop(&mut cursor, &tx, &mut || Writer(&sink), &mut log).unwrap();
        }
        drop(tx);
        (
            rx.iter().collect(),
            String::from_utf8(out).unwrap(),
            String::from_utf8(log).unwrap(),
        )
    }

    struct Writer<'a, 'b>(&'a std::cell::RefCell<&'b mut Vec<u8>>);
    impl Write for Writer<'_, '_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":7,"method":"ping","params":null}"#;

    #[test]
    fn reads_on_after_bad_json() {
        let input = format!("{}{}", frame("{not json"), frame(PING));
        let (msgs, out, log) = run(&input);
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(matches!(&msgs[0], Message::Request(r) if r.method == "ping"));
        assert!(out.contains(r#""code":-32700"#), "{out}");
        assert!(out.contains(r#""id":null"#), "{out}");
        assert!(log.contains("not valid JSON"), "{log}");
    }

    #[test]
    fn json_that_is_not_a_message_gets_invalid_request_with_its_id() {
        let input = format!(
            "{}{}",
            frame(r#"{"jsonrpc":"2.0","id":3,"method":5}"#),
            frame(PING)
        );
        let (msgs, out, _) = run(&input);
        assert_eq!(msgs.len(), 1);
        assert!(
            out.contains(r#""code":-32600"#) && out.contains(r#""id":3"#),
            "{out}"
        );
    }

    #[test]
    fn skips_a_broken_header_and_bad_utf8() {
        let mut input = b"Garbage without colon\r\n\r\n".to_vec();
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n\xff\xfe");
        input.extend_from_slice(b"Content-Length: abc\r\n\r\n");
        // A bad line next to a good length: the body is skipped with the header.
        input.extend_from_slice(b"Content-Length: 5\r\nno colon here\r\n\r\n{}\n{}");
        input.extend_from_slice(frame(PING).as_bytes());
        let (tx, rx) = unbounded();
        let mut log = Vec::new();
        let mut buf = Vec::new();
        let sink = std::cell::RefCell::new(&mut buf);
        read_loop(
            &mut io::Cursor::new(input),
            &tx,
            &mut || Writer(&sink),
            &mut log,
        )
        .unwrap();
        drop(tx);
        assert_eq!(rx.iter().count(), 1);
        let log = String::from_utf8(log).unwrap();
        assert!(log.contains("malformed header line"), "{log}");
        assert!(log.contains("not valid UTF-8"), "{log}");
        assert!(log.contains("bad Content-Length"), "{log}");
        assert!(log.contains("\"no colon here\""), "{log}");
        assert_eq!(log.lines().count(), 4, "{log}");
    }

    #[test]
    fn oversized_bodies_are_skipped() {
        let mut input = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE_BYTES + 1).into_bytes();
        input.resize(input.len() + MAX_MESSAGE_BYTES + 1, b' ');
        input.extend_from_slice(frame(PING).as_bytes());
        let (tx, rx) = unbounded();
        let mut buf = Vec::new();
        let sink = std::cell::RefCell::new(&mut buf);
        read_loop(
            &mut io::Cursor::new(input),
            &tx,
            &mut || Writer(&sink),
            &mut io::sink(),
        )
        .unwrap();
        drop(tx);
        assert_eq!(rx.iter().count(), 1);
        assert!(String::from_utf8_lossy(&sink.borrow()).contains("larger than the limit"));
    }

    #[test]
    fn a_content_length_smaller_than_the_body_resynchronises() {
        // 10 bytes announced, the whole message sent: the rest of it runs into the next header.
        let short = format!("Content-Length: 10\r\n\r\n{PING}");
        let input = format!("{short}{}{}", frame(PING), frame(PING));
        let (msgs, out, log) = run(&input);
        assert_eq!(msgs.len(), 2, "{msgs:?} {log}");
        assert!(out.contains(r#""code":-32700"#), "{out}");
        assert!(log.contains("no message header"), "{log}");
    }

    #[test]
    fn an_absurd_content_length_is_not_waited_for() {
        let input = format!(
            "Content-Length: 999999999999\r\n\r\n{PING}{}{}",
            frame(PING),
            frame(PING)
        );
        let (msgs, out, _) = run(&input);
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(out.contains("larger than the limit"), "{out}");
    }

    #[test]
    fn requests_with_a_null_or_fractional_id_get_an_error() {
        for id in ["null", "1.5", "true", "[1]"] {
            let bad = format!(
                r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{{}}}}"#
            );
            let (msgs, out, _) = run(&format!("{}{}", frame(&bad), frame(PING)));
            assert_eq!(msgs.len(), 1, "{id}: {msgs:?}");
            assert!(
                out.contains(r#""code":-32600"#) && out.contains(r#""id":null"#),
                "{id}: {out}"
            );
        }
        // A notification has no id and needs no answer.
        let note = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let (msgs, out, _) = run(&frame(note));
        assert_eq!(msgs.len(), 1);
        assert!(out.is_empty(), "{out}");
    }

    #[test]
    fn stops_after_exit_and_at_end_of_input() {
        let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let (msgs, _, _) = run(&format!("{}{}", frame(exit), frame(PING)));
        assert_eq!(msgs.len(), 1);
        let (msgs, _, _) = run("");
        assert!(msgs.is_empty());
    }
}
