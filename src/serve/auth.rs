//! `--token-file`: every `/api` route and the page need `Authorization: Bearer <token>`.
//! The page asks for the token once (`POST /login`) and keeps it in a cookie that only
//! this site gets (`HttpOnly; SameSite=Strict`), which then stands for the header.

use axum::http::{HeaderMap, header};

/// The cookie holding the token for the page.
pub const COOKIE: &str = "vanban_token";

/// Compares in time independent of where the strings differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether the request carries the token (header, else cookie).
pub fn allowed(headers: &HeaderMap, token: &str) -> bool {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if let Some(b) = bearer {
        return same(b.as_bytes(), token.as_bytes());
    }
    cookie(headers, COOKIE).is_some_and(|c| same(c.as_bytes(), token.as_bytes()))
}

/// A cookie's value.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The Set-Cookie header value that keeps `token` for the page.
pub fn set_cookie(token: &str) -> String {
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn header_or_cookie() {
        let t = "0123456789abcdef";
        let mut h = HeaderMap::new();
        assert!(!allowed(&h, t));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer 0123456789abcdef"),
        );
        assert!(allowed(&h, t));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer 0123456789abcdeX"),
        );
        assert!(!allowed(&h, t));
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; vanban_token=0123456789abcdef"),
        );
        assert!(allowed(&h, t));
    }
}
