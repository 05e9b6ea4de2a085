//! The enrollment link a phone scans, and its QR code drawn as inline SVG on the server.
//!
//! The link is `fieldbook://enroll?server=<server address>&code=<one-time code>` (both
//! values percent-encoded); `docs/adr/0002-sync-protocol.md` ("Enrollment link") is the
//! format the apps read.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

use crate::{ServerError, ServerResult};

/// The scheme and host of the link.
pub const ENROLL_LINK_PREFIX: &str = "fieldbook://enroll";

/// The link enrolling a phone on `server` (its address as phones reach it) with `code`.
pub fn enroll_link(server: &str, code: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("server", server)
        .append_pair("code", code)
        .finish();
    format!("{ENROLL_LINK_PREFIX}?{query}")
}

/// A QR code of `text` as an SVG element: one path of dark modules on a white square with
/// the 4-module quiet zone scanners need, drawn with crisp edges so it scans when printed
/// or shown on a screen. `id` names the element; the text is kept in `data-payload`.
pub fn svg(id: &str, text: &str) -> ServerResult<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| ServerError::Internal(format!("QR code: {e}")))?;
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let side = width + 2 * quiet;
    let mut path = String::new();
    for (i, c) in colors.iter().enumerate() {
        if *c == Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            let _ = write!(path, "M{x} {y}h1v1h-1z");
        }
    }
    Ok(format!(
        r##"<svg class="qr" id="{id}" data-payload="{payload}" viewBox="0 0 {side} {side}" width="264" height="264" role="img" aria-label="QR code of the enrollment link" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##,
        payload = super::html::esc(text),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the SVG back as a picture (each module as 4×4 pixels) and decodes it with an
    /// independent QR reader: what is drawn is the link.
    fn decode(svg: &str) -> String {
        let side: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("viewBox");
        let d = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("path");
        let mut dark = vec![false; side * side];
        for square in d.split('M').filter(|s| !s.is_empty()) {
            let mut xy = square.trim_end_matches("h1v1h-1z").split(' ');
            let x: usize = xy.next().and_then(|v| v.parse().ok()).expect("x");
            let y: usize = xy.next().and_then(|v| v.parse().ok()).expect("y");
            dark[y * side + x] = true;
        }
        let scale = 4;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(side * scale, side * scale, |x, y| {
                if dark[(y / scale) * side + x / scale] {
                    0
                } else {
                    255
                }
            });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn the_qr_code_reads_back_as_the_link_with_server_and_code() {
        let link = enroll_link("https://ips.example.org:8443/fieldbook", "K7QM-2XPA-9RTD");
        assert_eq!(
            link,
            "fieldbook://enroll?server=https%3A%2F%2Fips.example.org%3A8443%2Ffieldbook&code=K7QM-2XPA-9RTD"
        );
        let drawn = svg("qr", &link).unwrap();
        assert_eq!(decode(&drawn), link);
        let parsed = url::Url::parse(&link).unwrap();
        assert_eq!(parsed.scheme(), "fieldbook");
        assert_eq!(parsed.host_str(), Some("enroll"));
        let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            vec![
                (
                    "server".into(),
                    "https://ips.example.org:8443/fieldbook".into()
                ),
                ("code".into(), "K7QM-2XPA-9RTD".into())
            ]
        );
    }
}
