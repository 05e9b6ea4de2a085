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

/// A step between axis ticks giving at most about five ticks up to `max`: 1, 2 or 5 times a
/// power of ten.
fn tick_step(max: f64) -> f64 {
    let rough = (max / 5.0).max(1e-9);
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power)
        .max(1.0)
}

/// A number as a chart prints it: whole numbers without decimals, others with one.
fn figure(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round())
    } else {
        format!("{v:.1}")
    }
}

/// A vertical bar chart with reference lines, `id` naming it for tests and links. Every bar
/// carries its number above it and the value axis is numbered, so the chart reads without
/// hovering and when printed.
pub fn bars(id: &str, title: &str, unit: &str, bars: &[Bar], lines: &[Line]) -> String {
    let (w, h, left, bottom, top) = (640.0, 230.0, 44.0, 52.0, 22.0);
    let highest = bars
        .iter()
        .filter_map(|b| b.value)
        .chain(lines.iter().map(|l| l.value))
        .fold(1.0_f64, f64::max);
    let step = tick_step(highest * 1.1);
    let max = (highest * 1.1 / step).ceil() * step;
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
    // The value axis: a numbered tick and a faint grid line per step.
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        let _ = write!(
            svg,
            r##"<line x1="{left}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#eee"/><text class="tick" x="{}" y="{:.1}" font-size="10" text-anchor="end" fill="#555">{}</text>"##,
            w - 8.0,
            left - 4.0,
            y(tick) + 3.5,
            figure(tick),
            y = y(tick)
        );
        tick += step;
    }
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{top}" x2="{left}" y2="{}" stroke="#999"/><line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#999"/>"##,
        y(0.0),
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
                    r##"<rect class="bar" data-label="{}" data-value="{v}" x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#2f6f9f"><title>{}: {v} {}</title></rect><text class="bar-value" data-label="{}" x="{label_x:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#222">{}</text>"##,
                    esc(&b.label),
                    y(v),
                    slot * 0.7,
                    (y(0.0) - y(v)).max(0.0),
                    esc(&b.label),
                    esc(unit),
                    esc(&b.label),
                    y(v) - 3.0,
                    figure(v)
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
        r##"<text x="4" y="12" font-size="10" fill="#555">{}</text></svg></figure>"##,
        esc(unit)
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_ticks_are_round_numbers_and_bars_carry_their_values() {
        assert_eq!(tick_step(6.6), 2.0);
        assert_eq!(tick_step(55.0), 20.0);
        assert_eq!(tick_step(1.1), 1.0);
        assert_eq!(figure(4.0), "4");
        assert_eq!(figure(12.34), "12.3");
        let svg = bars(
            "c",
            "t",
            "contacts",
            &[
                Bar {
                    label: "Mar 02".into(),
                    value: Some(4.0),
                },
                Bar {
                    label: "Mar 09".into(),
                    value: None,
                },
            ],
            &[Line {
                label: "goal 6".into(),
                value: 6.0,
            }],
        );
        assert!(svg.contains(r#"class="bar-value" data-label="Mar 02""#));
        assert!(svg.contains(">4</text>"), "the bar's number: {svg}");
        // Ticks 0, 2, 4, 6, 8 (the goal of 6 plus a tenth, rounded up to a step).
        let ticks: Vec<&str> = svg
            .split(r#"class="tick""#)
            .skip(1)
            .map(|t| t.split('>').nth(1).unwrap().split('<').next().unwrap())
            .collect();
        assert_eq!(ticks, vec!["0", "2", "4", "6", "8"]);
    }
}
