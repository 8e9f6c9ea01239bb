//! The proxy's upstream HTTP/1.1 against an upstream that writes exactly the bytes a test gives
//! it: answers in pieces, chunked or delimited by the connection's end, interim answers,
//! connections closed while idle, and answers that are not HTTP.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the scripted upstream does with one request.
#[derive(Clone)]
enum Act {
    /// Writes these pieces, pausing between them.
    Write(Vec<Vec<u8>>),
    /// Writes these pieces, then closes the connection.
    WriteThenClose(Vec<Vec<u8>>),
    /// Closes the connection without answering.
    Close,
}

/// An upstream that, for the `n`th request on its `c`th connection, does `script(c, n)`, and
/// counts connections and requests.
struct Scripted {
    url: String,
    connections: Arc<Mutex<usize>>,
    requests: Arc<Mutex<usize>>,
}

async fn scripted(script: impl Fn(usize, usize) -> Act + Send + Sync + 'static) -> Scripted {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(Mutex::new(0));
    let requests = Arc::new(Mutex::new(0));
    let script = Arc::new(script);
    let (conns, reqs) = (connections.clone(), requests.clone());
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            let c = {
                let mut n = conns.lock().unwrap();
                *n += 1;
                *n - 1
            };
            let (script, reqs) = (script.clone(), reqs.clone());
            tokio::spawn(async move {
                let mut buf = Vec::new();
                for n in 0.. {
                    // Read one request head (the tests send no bodies).
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        let mut chunk = [0u8; 4096];
                        match s.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(k) => buf.extend_from_slice(&chunk[..k]),
                        }
                    }
                    let end = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
                    buf.drain(..end + 4);
                    *reqs.lock().unwrap() += 1;
                    let (pieces, close) = match script(c, n) {
                        Act::Write(p) => (p, false),
                        Act::WriteThenClose(p) => (p, true),
                        Act::Close => return,
                    };
                    for (i, p) in pieces.iter().enumerate() {
                        if i > 0 {
                            tokio::time::sleep(Duration::from_millis(30)).await;
                        }
                        if s.write_all(p).await.is_err() {
                            return;
                        }
                    }
                    if close {
                        return;
                    }
                }
            });
        }
    });
    Scripted {
        url,
        connections,
        requests,
    }
}

fn ok(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[tokio::test]
async fn answers_in_pieces_are_reassembled() {
    // Chunked, split inside the size line, the data and the final chunk, with an extension and a
    // trailer; then a long fixed-length answer whose body comes in several writes.
    let big: String = "x".repeat(300_000);
    let big_answer = ok(&big);
    let up = scripted(move |_, n| match n % 2 {
        0 => Act::Write(vec![
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ncontent-type: application/json\r\n\r\n1".to_vec(),
            b"0;ext=1\r\n{\"part\":1,\"x\":\"a".to_vec(),
            b"\r\n6\r\naaaa\"}\r\n0\r\nx-trailer: 1\r\n".to_vec(),
            b"\r\n".to_vec(),
        ]),
        _ => Act::Write(big_answer.chunks(70_000).map(<[u8]>::to_vec).collect()),
    })
    .await;
    let proxy = Proxy::start(&up.url, |_| {}).await;
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json(), serde_json::json!({"part": 1, "x": "aaaaa"}));
    assert_eq!(a.header("x-trailer"), None);
    let b = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(b.status, 200);
    assert_eq!(b.body.len(), 300_000);
    assert!(b.body.iter().all(|c| *c == b'x'));
    let c = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(c.json(), serde_json::json!({"part": 1, "x": "aaaaa"}));
    let d = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(d.body.len(), 300_000);
    // Every answer was read to its end, so one upstream connection carried them all.
    assert_eq!(*up.connections.lock().unwrap(), 1);
}

#[tokio::test]
async fn interim_answers_are_skipped_and_unframed_bodies_end_with_the_connection() {
    let up = scripted(|_, _| {
        Act::WriteThenClose(vec![
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nconnection: close\r\n\r\n{\"until\":"
                .to_vec(),
            b"\"closed\"}".to_vec(),
        ])
    })
    .await;
    let proxy = Proxy::start(&up.url, |_| {}).await;
    for _ in 0..2 {
        let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
        assert_eq!(a.status, 200);
        assert_eq!(a.json(), serde_json::json!({"until": "closed"}));
    }
    // A connection the upstream closes is never used again.
    assert_eq!(*up.connections.lock().unwrap(), 2);
}

#[tokio::test]
async fn a_close_is_heard_in_a_connection_header_with_bytes_beyond_ascii() {
    // HTTP allows such bytes in a field value; `close` beside them still ends the connection,
    // and a header the upstream names there still does not reach the client.
    let up = scripted(|_, _| {
        Act::Write(vec![
            b"HTTP/1.1 200 OK\r\nconnection: close, x-internal, \xff\r\nx-internal: secret\r\ncontent-length: 2\r\n\r\n{}"
                .to_vec(),
        ])
    })
    .await;
    let proxy = Proxy::start(&up.url, |_| {}).await;
    for _ in 0..2 {
        let a = send(proxy.addr, "POST", "/v1.0/p/clusters", &[], b"{}").await;
        assert_eq!(a.status, 200);
        assert_eq!(a.header("x-internal"), None);
    }
    assert_eq!(*up.connections.lock().unwrap(), 2, "the closed connection is not reused");
}

/// The first connection answers once, then closes on the next request without answering (an
/// upstream's idle timeout racing the request); later connections answer `{"n":2}`.
fn answers_once_then_closes(c: usize, n: usize) -> Act {
    match (c, n) {
        (0, 0) => Act::Write(vec![ok("{\"n\":1}")]),
        (0, _) => Act::Close,
        _ => Act::Write(vec![ok("{\"n\":2}")]),
    }
}

#[tokio::test]
async fn a_connection_closed_while_idle_is_replaced_for_read_only_requests() {
    // The proxy asks again on a new connection.
    let up = scripted(answers_once_then_closes).await;
    let proxy = Proxy::start(&up.url, |_| {}).await;
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(a.json(), serde_json::json!({"n": 1}));
    let b = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(b.status, 200);
    assert_eq!(b.json(), serde_json::json!({"n": 2}));
    assert_eq!(*up.connections.lock().unwrap(), 2);
    assert_eq!(*up.requests.lock().unwrap(), 3);

    // A POST or a DELETE is not repeated: the upstream may have acted on it.
    for method in ["POST", "DELETE"] {
        let up = scripted(answers_once_then_closes).await;
        let proxy = Proxy::start(&up.url, |_| {}).await;
        let _ = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
        let p = send(proxy.addr, method, "/v1.0/p/clusters", &[], b"{}").await;
        assert_eq!(
            (p.status, p.code().as_str()),
            (502, "PROXY.0001"),
            "{method}"
        );
        assert_eq!(*up.requests.lock().unwrap(), 2, "{method}");
    }
}

#[tokio::test]
async fn a_408_on_a_reused_connection_is_asked_again_on_a_new_one() {
    // The first connection answers once; the next request on it meets the 408 a server sends as
    // it closes a connection it considers idle. The upstream took no request: even a POST goes
    // again, on a new connection.
    for method in ["GET", "POST"] {
        let up = scripted(|c, n| match (c, n) {
            (0, 0) => Act::Write(vec![ok("{\"n\":1}")]),
            (0, _) => Act::WriteThenClose(vec![
                b"HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n".to_vec(),
            ]),
            _ => Act::Write(vec![ok("{\"n\":2}")]),
        })
        .await;
        let proxy = Proxy::start(&up.url, |_| {}).await;
        let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
        assert_eq!(a.json(), serde_json::json!({"n": 1}));
        let b = send(proxy.addr, method, "/v1.0/p/clusters", &[], b"").await;
        assert_eq!((b.status, b.json()), (200, serde_json::json!({"n": 2})), "{method}");
        assert_eq!(*up.connections.lock().unwrap(), 2, "{method}");
    }
}

#[tokio::test]
async fn answers_that_are_not_http_get_502() {
    for garbage in [
        &b"SSH-2.0-OpenSSH_9.6\r\n\r\n"[..],
        b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\ncontent-length: 6\r\n\r\nhello!",
        b"HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n",
        b"HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n\r\n",
        // Lengths that other readers could take differently.
        b"HTTP/1.1 200 OK\r\ncontent-length: +5\r\n\r\nhello",
        b"HTTP/1.1 200 OK\r\ncontent-length: 5 5\r\n\r\nhello",
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n+5\r\nhello\r\n0\r\n\r\n",
        // Codings the client would never be told about once the hop-by-hop header is gone.
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: gzip\r\n\r\nhello",
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    ] {
        let up = scripted(move |_, _| Act::WriteThenClose(vec![garbage.to_vec()])).await;
        let proxy = Proxy::start(&up.url, |_| {}).await;
        let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
        let what = String::from_utf8_lossy(garbage);
        assert_eq!((a.status, a.code().as_str()), (502, "PROXY.0001"), "{what}");
    }
    // An endless run of interim answers is not waited through.
    let up = scripted(|_, _| Act::Write(vec![b"HTTP/1.1 100 Continue\r\n\r\n".repeat(20)])).await;
    let proxy = Proxy::start(&up.url, |_| {}).await;
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!((a.status, a.code().as_str()), (502, "PROXY.0001"));
}

#[tokio::test]
async fn a_head_request_reads_no_body() {
    let up = scripted(|_, _| {
        Act::Write(vec![
            b"HTTP/1.1 200 OK\r\ncontent-length: 1234\r\n\r\n".to_vec(),
        ])
    })
    .await;
    let proxy = Proxy::start(&up.url, |_| {}).await;
    for _ in 0..2 {
        let a = raw(
            proxy.addr,
            b"HEAD /v1.0/p/clusters HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert_eq!(a.status, 200);
        assert_eq!(a.header("content-length"), Some("1234"));
        assert!(a.body.is_empty());
    }
    // The answer had no body to wait for, so its connection was reused.
    assert_eq!(*up.connections.lock().unwrap(), 1);
}

#[tokio::test]
async fn an_upstream_that_stalls_mid_body_is_cut_off() {
    // The head and a little of a long body, then nothing, with the connection left open.
    let up = scripted(|_, _| {
        let mut start = b"HTTP/1.1 200 OK\r\ncontent-length: 300000\r\n\r\n".to_vec();
        start.extend_from_slice(&[b'x'; 1000]);
        Act::Write(vec![start])
    })
    .await;
    let proxy = Proxy::start(&up.url, |o| o.upstream_timeout_secs = Some(0.5)).await;
    let started = std::time::Instant::now();
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(a.status, 200);
    assert!(a.body.len() < 300_000, "{} bytes", a.body.len());
    // The client's connection was closed soon after the upstream stopped, not held.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_answer_sent_before_the_whole_request_is_passed_on() {
    // An upstream that refuses a large body from its head alone: it answers 413 and closes with
    // the body unread, which resets the connection while the proxy is still writing it. A small
    // receive window makes sure the proxy is still writing when that happens.
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    socket
        .bind(
            &"127.0.0.1:0"
                .parse::<std::net::SocketAddr>()
                .unwrap()
                .into(),
        )
        .unwrap();
    socket.listen(16).unwrap();
    socket.set_nonblocking(true).unwrap();
    let listener = TcpListener::from_std(socket.into()).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(Mutex::new(0));
    let seen = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            *seen.lock().unwrap() += 1;
            let mut head = Vec::new();
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                let mut chunk = [0u8; 1024];
                match s.read(&mut chunk).await {
                    Ok(0) | Err(_) => break,
                    Ok(k) => head.extend_from_slice(&chunk[..k]),
                }
            }
            let body = r#"{"error_code":"DWS.0013","error_msg":"too large"}"#;
            let answer = format!(
                "HTTP/1.1 413 Payload Too Large\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            );
            let _ = s.write_all(answer.as_bytes()).await;
            // Dropped with the body unread: the kernel resets the connection.
        }
    });
    // Larger than the proxy's send buffer can take, so the write is cut off by the reset.
    let proxy = Proxy::start(&url, |o| o.max_body_bytes = Some(16 << 20)).await;
    let body = vec![b'x'; 12 << 20];
    for method in ["POST", "PUT"] {
        let a = send(
            proxy.addr,
            method,
            "/v1.0/p/clusters",
            &[("content-type", "application/json")],
            &body,
        )
        .await;
        assert_eq!(
            a.status,
            413,
            "{method}: {}",
            String::from_utf8_lossy(&a.body)
        );
        assert_eq!(a.code(), "DWS.0013", "{method}");
    }
    // Each was answered on its own connection and sent nowhere else.
    assert_eq!(*connections.lock().unwrap(), 2);
}

#[tokio::test]
async fn a_client_that_stops_reading_its_answer_is_let_go() {
    // An answer far larger than the sockets' buffers, to a client that reads none of it.
    let size = 48 * 1024 * 1024;
    let big = "x".repeat(size);
    let answer = ok(&big);
    let up = scripted(move |_, _| Act::Write(vec![answer.clone()])).await;
    let proxy = Proxy::start(&up.url, |o| o.send_timeout_secs = Some(1.0)).await;
    let mut s = tokio::net::TcpStream::connect(proxy.addr).await.unwrap();
    s.write_all(b"GET /v1.0/p/clusters HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(2500)).await;
    // The proxy gave up on it: what it had buffered comes, then the end, well short of the answer.
    let mut got = Vec::new();
    let ended = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut got)).await;
    assert!(ended.is_ok(), "the connection was still open");
    assert!(got.len() < size, "the whole answer came ({} bytes)", got.len());
}
