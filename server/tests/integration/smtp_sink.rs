//! A local SMTP sink for the notices' tests: a real SMTP conversation on a local port
//! (greeting, EHLO, MAIL, RCPT, DATA, QUIT), each message kept as received — or, while
//! `refuse` is set, every sender refused with a temporary error, as a busy relay does.

use base64::Engine;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone)]
pub struct Sink {
    pub url: String,
    mails: Arc<Mutex<Vec<Mail>>>,
    pub refuse: Arc<AtomicBool>,
}

/// A message as the sink received it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub raw: String,
}

impl Mail {
    /// The body, decoded from base64 (how the notices are sent).
    pub fn text(&self) -> String {
        let (_, body) = self.raw.split_once("\r\n\r\n").unwrap_or(("", ""));
        let joined: String = body.lines().map(str::trim).collect();
        base64::engine::general_purpose::STANDARD
            .decode(joined)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

impl Sink {
    pub async fn start() -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let sink = Sink {
            url: format!("smtp://127.0.0.1:{port}"),
            mails: Arc::default(),
            refuse: Arc::default(),
        };
        let s = sink.clone();
        tokio::spawn(async move {
            while let Ok((conn, _)) = listener.accept().await {
                tokio::spawn(s.clone().converse(conn));
            }
        });
        sink
    }

    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }

    async fn converse(self, conn: tokio::net::TcpStream) {
        let (read, mut write) = conn.into_split();
        let mut lines = BufReader::new(read).lines();
        let _ = write.write_all(b"220 sink ESMTP\r\n").await;
        let mut to = String::new();
        while let Ok(Some(line)) = lines.next_line().await {
            let verb = line.split(' ').next().unwrap_or("").to_ascii_uppercase();
            let reply: &[u8] = match verb.as_str() {
                "EHLO" | "HELO" => b"250-sink\r\n250 8BITMIME\r\n",
                "MAIL" if self.refuse.load(Ordering::SeqCst) => b"451 4.3.2 try again later\r\n",
                "MAIL" | "RSET" | "NOOP" => b"250 OK\r\n",
                "RCPT" => {
                    to = line[line.find('<').unwrap_or(0)..]
                        .trim_matches(['<', '>'])
                        .to_owned();
                    b"250 OK\r\n"
                }
                "DATA" => {
                    let _ = write.write_all(b"354 go on\r\n").await;
                    let mut raw = String::new();
                    while let Ok(Some(l)) = lines.next_line().await {
                        if l == "." {
                            break;
                        }
                        raw.push_str(&l);
                        raw.push_str("\r\n");
                    }
                    self.mails.lock().unwrap().push(Mail {
                        to: to.clone(),
                        raw,
                    });
                    b"250 queued\r\n"
                }
                "QUIT" => {
                    let _ = write.write_all(b"221 bye\r\n").await;
                    return;
                }
                _ => b"502 not here\r\n",
            };
            if write.write_all(reply).await.is_err() {
                return;
            }
        }
    }
}
