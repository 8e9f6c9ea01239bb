//! Reading an answer: its head, and its body in whichever framing the head says (a length,
//! chunked, or to the connection's end), strictly: anything another reader could take
//! differently is refused. Pure functions over a buffer: the connection feeds them bytes as they
//! arrive, however they are split.

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use bytes::{Bytes, BytesMut};

use super::{ExchangeError, Head, MAX_HEADERS, MAX_INTERIM, MAX_LINE};

/// How the body of an answer is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// This many bytes are left.
    Length(u64),
    /// Chunked, in this state.
    Chunked(Chunk),
    /// Until the upstream closes.
    Eof,
    /// Complete.
    Done,
}

/// Where a chunked body's decoder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunk {
    /// At a chunk-size line.
    Size,
    /// Inside a chunk, with this many bytes left.
    Data(u64),
    /// After a chunk's data, at its CRLF.
    DataEnd,
    /// In the trailer section (dropped: trailers never cross the proxy).
    Trailer,
}

/// What decoding the buffered bytes gave.
pub enum Decoded {
    Data(Bytes),
    NeedMore,
    Done,
}

/// A length written as 1 to 19 ASCII digits and nothing else.
fn decimal(v: &[u8]) -> Option<u64> {
    if v.is_empty() || v.len() > 19 || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(v).ok()?.parse().ok()
}

fn find_crlf(b: &[u8]) -> Option<usize> {
    b.windows(2).position(|w| w == b"\r\n")
}

/// Parses an answer head from the front of `buf`, if it holds a whole one (skipping interim 1xx
/// answers, which are removed from it); what follows the head stays in `buf`.
pub fn parse_head(buf: &mut BytesMut, head_request: bool) -> Result<Option<Head>, ExchangeError> {
    let mut interim = 0;
    loop {
        let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut res = httparse::Response::new(&mut slots);
        let len = match res.parse(buf) {
            Ok(httparse::Status::Complete(n)) => n,
            Ok(httparse::Status::Partial) => return Ok(None),
            Err(httparse::Error::TooManyHeaders) => {
                return Err(ExchangeError::Invalid("too many headers"));
            }
            Err(_) => return Err(ExchangeError::Invalid("malformed head")),
        };
        let code = res.code.unwrap_or(0);
        let status = StatusCode::from_u16(code)
            .map_err(|_| ExchangeError::Invalid("bad status code"))?;
        if status == StatusCode::SWITCHING_PROTOCOLS {
            return Err(ExchangeError::Invalid("protocol switch"));
        }
        if status.is_informational() {
            // 100 Continue, 103 Early Hints: not the answer.
            interim += 1;
            if interim > MAX_INTERIM {
                return Err(ExchangeError::Invalid("too many interim answers"));
            }
            let _ = buf.split_to(len);
            continue;
        }
        let http11 = res.version == Some(1);
        let mut headers = HeaderMap::with_capacity(res.headers.len());
        let mut close = !http11;
        let mut transfer_encoded = false;
        let mut length: Option<u64> = None;
        for h in res.headers.iter() {
            let name = HeaderName::from_bytes(h.name.as_bytes())
                .map_err(|_| ExchangeError::Invalid("bad header name"))?;
            let value = HeaderValue::from_bytes(h.value)
                .map_err(|_| ExchangeError::Invalid("bad header value"))?;
            if name == axum::http::header::CONNECTION {
                if crate::headers::connection_options(&value)
                    .any(|t| t.eq_ignore_ascii_case(b"close"))
                {
                    close = true;
                }
            } else if name == axum::http::header::TRANSFER_ENCODING {
                // Only plain `chunked`: the header is hop-by-hop and stripped, so any other
                // coding would reach the client undeclared.
                if transfer_encoded
                    || !value
                        .as_bytes()
                        .trim_ascii()
                        .eq_ignore_ascii_case(b"chunked")
                {
                    return Err(ExchangeError::Invalid("unsupported Transfer-Encoding"));
                }
                transfer_encoded = true;
            } else if name == axum::http::header::CONTENT_LENGTH {
                // Digits only (no sign, no spaces): the value is passed on to the client as
                // it is, and must mean the same to everyone who reads it.
                let n = decimal(value.as_bytes())
                    .ok_or(ExchangeError::Invalid("bad Content-Length"))?;
                if length.is_some_and(|m| m != n) {
                    return Err(ExchangeError::Invalid("conflicting Content-Length"));
                }
                length = Some(n);
            }
            headers.append(name, value);
        }
        let _ = buf.split_to(len);
        let no_body = head_request
            || status == StatusCode::NO_CONTENT
            || status == StatusCode::NOT_MODIFIED;
        let framing = if no_body {
            Framing::Done
        } else if transfer_encoded {
            // RFC 9112 §6.3: Transfer-Encoding overrides Content-Length, which is dropped;
            // an answer with both is suspect, so its connection is not used again.
            if headers.remove(axum::http::header::CONTENT_LENGTH).is_some() {
                close = true;
            }
            Framing::Chunked(Chunk::Size)
        } else {
            match length {
                Some(0) => Framing::Done,
                Some(n) => Framing::Length(n),
                None => Framing::Eof,
            }
        };
        return Ok(Some(Head {
            status,
            headers,
            keep_alive: !close && framing != Framing::Eof,
            framing,
        }));
    }
}

/// Decodes what the buffer holds of a body framed as `framing`.
pub fn decode(framing: &mut Framing, buf: &mut BytesMut) -> Result<Decoded, ExchangeError> {
    loop {
        match framing {
            Framing::Done => return Ok(Decoded::Done),
            Framing::Length(0) => *framing = Framing::Done,
            Framing::Length(left) | Framing::Chunked(Chunk::Data(left)) => {
                if buf.is_empty() {
                    return Ok(Decoded::NeedMore);
                }
                let take = (*left).min(buf.len() as u64);
                *left -= take;
                let data = buf.split_to(take as usize).freeze();
                match framing {
                    Framing::Chunked(Chunk::Data(0)) => *framing = Framing::Chunked(Chunk::DataEnd),
                    // Done at once: a client that knows the length stops asking after the
                    // last byte, so the body must already count as finished.
                    Framing::Length(0) => *framing = Framing::Done,
                    _ => {}
                }
                return Ok(Decoded::Data(data));
            }
            Framing::Eof => {
                if buf.is_empty() {
                    return Ok(Decoded::NeedMore);
                }
                return Ok(Decoded::Data(buf.split().freeze()));
            }
            Framing::Chunked(Chunk::DataEnd) => {
                if buf.len() < 2 {
                    return Ok(Decoded::NeedMore);
                }
                if &buf[..2] != b"\r\n" {
                    return Err(ExchangeError::Invalid("bad chunk end"));
                }
                let _ = buf.split_to(2);
                *framing = Framing::Chunked(Chunk::Size);
            }
            Framing::Chunked(Chunk::Size) => {
                let Some(end) = find_crlf(buf) else {
                    if buf.len() > MAX_LINE {
                        return Err(ExchangeError::Invalid("chunk size line too long"));
                    }
                    return Ok(Decoded::NeedMore);
                };
                let line = &buf[..end];
                // The size, then optional extensions after `;`, which are ignored.
                if end > MAX_LINE {
                    return Err(ExchangeError::Invalid("chunk size line too long"));
                }
                // Hex digits only, then optional whitespace before any extension.
                let digits = line
                    .split(|b| *b == b';')
                    .next()
                    .unwrap_or_default()
                    .trim_ascii_end();
                if digits.is_empty()
                    || digits.len() > 15
                    || !digits.iter().all(u8::is_ascii_hexdigit)
                {
                    return Err(ExchangeError::Invalid("bad chunk size"));
                }
                let size = std::str::from_utf8(digits)
                    .ok()
                    .and_then(|d| u64::from_str_radix(d, 16).ok())
                    .ok_or(ExchangeError::Invalid("bad chunk size"))?;
                let _ = buf.split_to(end + 2);
                *framing = Framing::Chunked(if size == 0 {
                    Chunk::Trailer
                } else {
                    Chunk::Data(size)
                });
            }
            Framing::Chunked(Chunk::Trailer) => {
                let Some(end) = find_crlf(buf) else {
                    if buf.len() > MAX_LINE {
                        return Err(ExchangeError::Invalid("trailer line too long"));
                    }
                    return Ok(Decoded::NeedMore);
                };
                if end > MAX_LINE {
                    return Err(ExchangeError::Invalid("trailer line too long"));
                }
                let _ = buf.split_to(end + 2);
                if end == 0 {
                    *framing = Framing::Done;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(framing: Framing, wire: &[u8]) -> Result<(Vec<u8>, Framing, usize), ExchangeError> {
        let mut f = framing;
        let mut buf = BytesMut::from(wire);
        let mut out = Vec::new();
        loop {
            match decode(&mut f, &mut buf)? {
                Decoded::Data(d) => out.extend_from_slice(&d),
                Decoded::NeedMore | Decoded::Done => return Ok((out, f, buf.len())),
            }
        }
    }

    #[test]
    fn chunked_bodies_decode_with_extensions_and_trailers() {
        let (body, f, left) = run(
            Framing::Chunked(Chunk::Size),
            b"5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n",
        )
        .unwrap();
        assert_eq!(body, b"hello 0123456789");
        assert_eq!(f, Framing::Done);
        assert_eq!(left, 0);
    }

    #[test]
    fn chunked_bodies_decode_byte_by_byte() {
        let wire = b"3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n";
        let mut f = Framing::Chunked(Chunk::Size);
        let mut buf = BytesMut::new();
        let mut out = Vec::new();
        for b in wire {
            buf.extend_from_slice(&[*b]);
            while let Decoded::Data(d) = decode(&mut f, &mut buf).unwrap() {
                out.extend_from_slice(&d);
            }
        }
        assert_eq!(out, b"abc0123456789abcdef");
        assert_eq!(f, Framing::Done);
    }

    #[test]
    fn bad_chunks_are_refused() {
        for wire in [
            &b"zz\r\nab\r\n"[..],
            b"3\r\nabcX\r\n",
            b"\r\n",
            b"1000000000000000\r\n",
        ] {
            assert!(
                run(Framing::Chunked(Chunk::Size), wire).is_err(),
                "{wire:?}"
            );
        }
        let long = vec![b'1'; MAX_LINE + 1];
        assert!(run(Framing::Chunked(Chunk::Size), &long).is_err());
    }

    #[test]
    fn lengths_are_plain_digits() {
        assert_eq!(decimal(b"0"), Some(0));
        assert_eq!(decimal(b"1234"), Some(1234));
        for bad in [
            &b""[..],
            b"+5",
            b"-1",
            b" 5",
            b"5 ",
            b"0x10",
            b"12345678901234567890",
        ] {
            assert_eq!(decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn length_bodies_stop_at_their_length() {
        let (body, f, left) = run(Framing::Length(5), b"helloEXTRA").unwrap();
        assert_eq!(body, b"hello");
        assert_eq!(f, Framing::Done);
        assert_eq!(left, 5);
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        /// Feeds `wire` to the decoder in the pieces `cuts` makes of it, as a socket might
        /// deliver it, and returns the body, the framing left and the bytes left over.
        fn feed(mut framing: Framing, wire: &[u8], cuts: &[usize]) -> Result<(Vec<u8>, Framing, usize), ExchangeError> {
            let mut points: Vec<usize> = cuts.iter().map(|c| c % (wire.len() + 1)).collect();
            points.push(wire.len());
            points.sort_unstable();
            let (mut buf, mut body, mut at) = (BytesMut::new(), Vec::new(), 0);
            for p in points {
                buf.extend_from_slice(&wire[at..p]);
                at = p;
                while let Decoded::Data(d) = decode(&mut framing, &mut buf)? {
                    body.extend_from_slice(&d);
                }
            }
            Ok((body, framing, buf.len()))
        }

        /// A body written in chunks of the given sizes, with an extension now and then and
        /// trailers at the end.
        fn chunked(body: &[u8], sizes: &[usize], extension: bool, trailers: bool) -> Vec<u8> {
            let mut wire = Vec::new();
            let mut rest = body;
            let mut i = 0;
            while !rest.is_empty() {
                let n = sizes.get(i).copied().unwrap_or(7).clamp(1, rest.len());
                let ext = if extension && i % 2 == 0 { ";name=value" } else { "" };
                wire.extend_from_slice(format!("{n:x}{ext}\r\n").as_bytes());
                wire.extend_from_slice(&rest[..n]);
                wire.extend_from_slice(b"\r\n");
                rest = &rest[n..];
                i += 1;
            }
            wire.extend_from_slice(b"0\r\n");
            if trailers {
                wire.extend_from_slice(b"X-Checksum: 1\r\n");
            }
            wire.extend_from_slice(b"\r\n");
            wire
        }

        proptest! {
            #[test]
            fn chunked_bodies_decode_the_same_however_the_bytes_arrive(
                body in proptest::collection::vec(any::<u8>(), 0..2048),
                sizes in proptest::collection::vec(1usize..600, 0..16),
                cuts in proptest::collection::vec(any::<usize>(), 0..24),
                extension: bool,
                trailers: bool,
            ) {
                let mut wire = chunked(&body, &sizes, extension, trailers);
                // What follows the answer (the next one, on a reused connection) is not eaten.
                wire.extend_from_slice(b"HTTP/1.1");
                let (got, framing, left) = feed(Framing::Chunked(Chunk::Size), &wire, &cuts).unwrap();
                prop_assert_eq!(got, body);
                prop_assert_eq!(framing, Framing::Done);
                prop_assert_eq!(left, 8);
            }

            #[test]
            fn length_bodies_decode_the_same_however_the_bytes_arrive(
                body in proptest::collection::vec(any::<u8>(), 0..4096),
                extra in proptest::collection::vec(any::<u8>(), 0..64),
                cuts in proptest::collection::vec(any::<usize>(), 0..24),
            ) {
                let mut wire = body.clone();
                wire.extend_from_slice(&extra);
                let (got, framing, left) = feed(Framing::Length(body.len() as u64), &wire, &cuts).unwrap();
                prop_assert_eq!(got, body);
                prop_assert_eq!(framing, Framing::Done);
                prop_assert_eq!(left, extra.len());
            }

            #[test]
            fn any_bytes_are_decoded_or_refused_never_a_panic(
                wire in proptest::collection::vec(any::<u8>(), 0..512),
                cuts in proptest::collection::vec(any::<usize>(), 0..8),
            ) {
                let _ = feed(Framing::Chunked(Chunk::Size), &wire, &cuts);
                let mut buf = BytesMut::from(&wire[..]);
                let _ = parse_head(&mut buf, false);
            }

            #[test]
            fn heads_parse_the_same_however_the_bytes_arrive(
                status in 200u16..599,
                length in 0u64..100_000,
                names in proptest::collection::vec("[a-z][a-z0-9-]{0,12}", 0..6),
                interim: bool,
                cut in any::<usize>(),
            ) {
                let mut head = String::new();
                if interim {
                    head.push_str("HTTP/1.1 100 Continue\r\n\r\n");
                }
                head.push_str(&format!("HTTP/1.1 {status} Whatever\r\ncontent-length: {length}\r\n"));
                for (i, n) in names.iter().enumerate() {
                    head.push_str(&format!("x-{n}: v{i}\r\n"));
                }
                head.push_str("\r\nBODY");
                let wire = head.as_bytes();
                let cut = cut % wire.len();
                let mut buf = BytesMut::from(&wire[..cut]);
                let early = parse_head(&mut buf, false).unwrap();
                buf.extend_from_slice(&wire[cut..]);
                let whole = match early {
                    Some(h) => h,
                    None => parse_head(&mut buf, false).unwrap().expect("a whole head"),
                };
                prop_assert_eq!(whole.status.as_u16(), status);
                prop_assert_eq!(whole.headers.get("content-length").unwrap().to_str().unwrap(), length.to_string());
                prop_assert_eq!(&buf[..], b"BODY");
            }
        }
    }
}
