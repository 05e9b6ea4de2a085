//! Bar charts as inline SVG: no script, no external asset, readable when printed. Each bar
//! carries its value in a `data-value` attribute so tests (and screen readers, with the
//! `<title>`) read the same figure the bar draws.

use std::fmt::Write;

use super::html::esc;

/// A bar: its label and value (`None` draws nothing, labelled "none").
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
}

/// A horizontal reference line (a goal or benchmark).
#[derive(Debug, Clone)]
pub struct Line {
    pub label: String,
    pub value: f64,
}

/// A vertical bar chart with reference lines, `id` naming it for tests and links.
pub fn bars(id: &str, title: &str, unit: &str, bars: &[Bar], lines: &[Line]) -> String {
    let (w, h, left, bottom, top) = (640.0, 220.0, 40.0, 48.0, 16.0);
    let max = bars
        .iter()
        .filter_map(|b| b.value)
        .chain(lines.iter().map(|l| l.value))
        .fold(1.0_f64, f64::max)
        * 1.15;
    let plot_h = h - bottom - top;
    let y = |v: f64| top + plot_h - v / max * plot_h;
    let slot = (w - left - 8.0) / bars.len().max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<figure class="chart-box"><figcaption>{}</figcaption><svg class="chart" id="{id}" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"#,
        esc(title),
        esc(title)
    );
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#999"/>"##,
        y(0.0),
        w - 8.0,
        y(0.0)
    );
    for (i, b) in bars.iter().enumerate() {
        let x = left + i as f64 * slot + slot * 0.15;
        let label_x = x + slot * 0.35;
        match b.value {
            Some(v) => {
                let _ = write!(
                    svg,
                    r##"<rect class="bar" data-label="{}" data-value="{v}" x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#2f6f9f"><title>{}: {v} {}</title></rect>"##,
                    esc(&b.label),
                    y(v),
                    slot * 0.7,
                    (y(0.0) - y(v)).max(0.0),
                    esc(&b.label),
                    esc(unit)
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r##"<text class="bar-none" data-label="{}" x="{label_x:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="#a33">none</text>"##,
                    esc(&b.label),
                    y(0.0) - 4.0
                );
            }
        }
        let _ = write!(
            svg,
            r##"<text x="{label_x:.1}" y="{:.1}" font-size="9" text-anchor="end" transform="rotate(-35 {label_x:.1} {:.1})">{}</text>"##,
            y(0.0) + 12.0,
            y(0.0) + 12.0,
            esc(&b.label)
        );
    }
    for l in lines {
        let _ = write!(
            svg,
            r##"<line class="goal" data-value="{}" x1="{left}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="#c60" stroke-dasharray="4 3"/><text x="{}" y="{:.1}" font-size="9" text-anchor="end" fill="#c60">{}</text>"##,
            l.value,
            y(l.value),
            w - 8.0,
            y(l.value),
            w - 10.0,
            y(l.value) - 3.0,
            esc(&l.label)
        );
    }
    let _ = write!(
        svg,
        r##"<text x="4" y="{top}" font-size="9" fill="#555">{}</text></svg></figure>"##,
        esc(unit)
    );
    svg
}
