//! What the server sends, and the connection it sends it on.
//!
//! Most messages are [`lsp_server::Message`]s. `textDocument/publishDiagnostics` is the one the
//! server sends on every change, with hundreds of diagnostics in a long document; building it
//! as a `serde_json::Value` tree (ten maps per diagnostic), serializing that tree and freeing
//! it cost four times the lint of a keystroke in a 50 KB document. So the server writes that
//! notification as JSON text once ([`Outgoing::Json`]) and the transport frames it as it is.

use std::io::{self, Write};
use std::thread;

use crossbeam_channel::{unbounded, Receiver, Sender};
use lsp_server::Message;

/// One message from the server to the client.
#[derive(Debug, Clone)]
pub enum Outgoing {
    /// A response, request or notification as `lsp_server` writes it.
    Message(Message),
    /// A complete JSON-RPC message, written as JSON text (UTF-8) by the server: a JSON object
    /// with `"jsonrpc": "2.0"`.
    Json(Vec<u8>),
}

impl From<Message> for Outgoing {
    fn from(m: Message) -> Outgoing {
        Outgoing::Message(m)
    }
}

impl Outgoing {
    /// Write it with its `Content-Length` header and flush (as `lsp_server` frames a message).
    pub fn write(self, w: &mut impl Write) -> io::Result<()> {
        match self {
            Outgoing::Message(m) => m.write(w),
            Outgoing::Json(body) => {
                write!(w, "Content-Length: {}\r\n\r\n", body.len())?;
                w.write_all(&body)?;
                w.flush()
            }
        }
    }

    /// As a [`Message`], what a client reads (parsing the JSON text of [`Outgoing::Json`]).
    pub fn into_message(self) -> Result<Message, serde_json::Error> {
        match self {
            Outgoing::Message(m) => Ok(m),
            Outgoing::Json(body) => serde_json::from_slice(&body),
        }
    }
}

/// The server's end of a connection: [`Outgoing`] messages out, [`Message`]s in.
#[derive(Debug)]
pub struct Connection {
    pub sender: Sender<Outgoing>,
    pub receiver: Receiver<Message>,
}

impl Connection {
    /// A connection in memory, for tests: the server's end, and a client's end that reads
    /// every outgoing message as a [`Message`] (a thread in between parses the JSON text and
    /// ends when either end is dropped).
    pub fn memory() -> (Connection, lsp_server::Connection) {
        let (to_client_raw, from_server) = unbounded::<Outgoing>();
        let (to_client, client_rx) = unbounded::<Message>();
        let (to_server, server_rx) = unbounded::<Message>();
        thread::spawn(move || {
            for out in from_server {
                // JSON text that does not parse ends the connection: the client sees it.
                let Ok(msg) = out.into_message() else { break };
                if to_client.send(msg).is_err() {
                    break;
                }
            }
        });
        (
            Connection {
                sender: to_client_raw,
                receiver: server_rx,
            },
            lsp_server::Connection {
                sender: to_server,
                receiver: client_rx,
            },
        )
    }
}
