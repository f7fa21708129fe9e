//! The report's charts: SVG drawn by plotters (its SVG backend only: no fonts loaded, no
//! JavaScript), inlined into the page and scaled by CSS (`viewBox`), so they print sharply.

use plotters::prelude::*;

/// Colours that stay apart in greyscale print too.
pub const BLUE: RGBColor = RGBColor(31, 87, 153);
pub const ORANGE: RGBColor = RGBColor(214, 110, 20);
pub const GREY: RGBColor = RGBColor(150, 150, 150);
pub const GREEN: RGBColor = RGBColor(40, 130, 80);
pub const PURPLE: RGBColor = RGBColor(120, 70, 160);

const FONT: &str = "sans-serif";

/// An SVG from plotters, made fit for inlining: no fixed size (the CSS scales the viewBox),
/// no namespace attribute, a label for screen readers.
fn inline(svg: String, label: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return svg;
    };
    let Some(end) = svg[start..].find('>') else {
        return svg;
    };
    let head = &svg[start..start + end];
    let view = head
        .find("viewBox=\"")
        .and_then(|i| head[i..].split('"').nth(1))
        .unwrap_or("0 0 100 100");
    format!(
        "<svg viewBox=\"{view}\" role=\"img\" aria-label=\"{}\">{}",
        crate::report::esc(label),
        &svg[start + end + 1..]
    )
}

fn pct(v: f64) -> String {
    format!("{:.0} %", v * 100.0)
}

/// Horizontal bars, one per label; `None` draws no bar (too few to say). Values are shares
/// (0..1) when `share`, else counts. A dashed line at `reference` if given.
pub fn hbars(
    label: &str,
    labels: &[String],
    values: &[Option<f64>],
    colors: &[RGBColor],
    share: bool,
    reference: Option<f64>,
) -> String {
    let n = labels.len().max(1);
    let h = 40 + 34 * n as u32;
    let max = if share {
        1.0
    } else {
        values
            .iter()
            .flatten()
            .cloned()
            .fold(0.0, f64::max)
            .max(1.0)
            * 1.1
    };
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, (720, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let Ok(mut chart) = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(28)
            .y_label_area_size(210)
            .build_cartesian_2d(0f64..max, (0..n).into_segmented())
        else {
            return String::new();
        };
        let fmt_x = |v: &f64| if share { pct(*v) } else { format!("{v:.0}") };
        // Segments count from the bottom; the first label goes on top.
        let fmt_y = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i < n => {
                labels.get(n - 1 - *i).cloned().unwrap_or_default()
            }
            _ => String::new(),
        };
        let _ = chart
            .configure_mesh()
            .light_line_style(WHITE)
            .disable_y_mesh()
            .y_labels(n)
            .x_labels(6)
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&fmt_y)
            .label_style((FONT, 16))
            .draw();
        let _ = chart.draw_series(values.iter().enumerate().filter_map(|(i, v)| {
            let v = (*v)?;
            let c = colors[i % colors.len()];
            let mut r = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(n - 1 - i)),
                    (v, SegmentValue::Exact(n - i)),
                ],
                c.filled(),
            );
            r.set_margin(5, 5, 0, 0);
            Some(r)
        }));
        let _ = chart.draw_series(values.iter().enumerate().filter_map(|(i, v)| {
            let v = (*v)?;
            let text = if share { pct(v) } else { format!("{v:.0}") };
            Some(Text::new(
                text,
                (v + max * 0.01, SegmentValue::CenterOf(n - 1 - i)),
                (FONT, 15)
                    .into_font()
                    .color(&BLACK)
                    .pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Left,
                        plotters::style::text_anchor::VPos::Center,
                    )),
            ))
        }));
        if let Some(r) = reference {
            let _ = chart.draw_series(std::iter::once(PathElement::new(
                vec![(r, SegmentValue::Exact(0)), (r, SegmentValue::Exact(n))],
                GREY.stroke_width(1),
            )));
        }
        let _ = root.present();
    }
    inline(s, label)
}

/// Two bars per label (period A and B), shares.
/// Grey: A, blue: B (the caption says so).
pub fn paired_hbars(
    label: &str,
    labels: &[String],
    a: &[Option<f64>],
    b: &[Option<f64>],
) -> String {
    let n = labels.len().max(1);
    let h = 70 + 46 * n as u32;
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, (720, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let Ok(mut chart) = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(28)
            .y_label_area_size(210)
            .build_cartesian_2d(0f64..1f64, (0..n).into_segmented())
        else {
            return String::new();
        };
        // Segments count from the bottom; the first label goes on top.
        let fmt_y = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i < n => {
                labels.get(n - 1 - *i).cloned().unwrap_or_default()
            }
            _ => String::new(),
        };
        let _ = chart
            .configure_mesh()
            .light_line_style(WHITE)
            .disable_y_mesh()
            .y_labels(n)
            .x_labels(6)
            .x_label_formatter(&|v| pct(*v))
            .y_label_formatter(&fmt_y)
            .label_style((FONT, 16))
            .draw();
        // Pixels per label: the plot's height (less margins and the axis) over the labels.
        let seg = (h - 2 * 8 - 28) / n as u32;
        for (vals, color, top) in [(a, GREY, true), (b, BLUE, false)] {
            let _ = chart.draw_series(vals.iter().enumerate().filter_map(|(i, v)| {
                let v = (*v)?;
                let mut r = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(n - 1 - i)),
                        (v, SegmentValue::Exact(n - i)),
                    ],
                    color.filled(),
                );
                let half = seg / 2;
                if top {
                    r.set_margin(5, half + 1, 0, 0);
                } else {
                    r.set_margin(half + 1, 5, 0, 0);
                }
                Some(r)
            }));
        }
        let _ = root.present();
    }
    inline(s, label)
}

/// Vertical bars over 0..n (the last labelled «n-1+»), bars above `threshold` in orange.
pub fn histogram(
    label: &str,
    counts: &[u64],
    threshold: usize,
    x_desc: &str,
    y_desc: &str,
) -> String {
    let n = counts.len();
    let max = counts.iter().cloned().max().unwrap_or(0).max(1) as f64 * 1.1;
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, (720, 300)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let Ok(mut chart) = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d((0..n).into_segmented(), 0f64..max)
        else {
            return String::new();
        };
        let fmt_x = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i >= n => String::new(),
            SegmentValue::CenterOf(i) if *i + 1 == n => format!("{i}+"),
            SegmentValue::CenterOf(i) => i.to_string(),
            _ => String::new(),
        };
        let _ = chart
            .configure_mesh()
            .light_line_style(WHITE)
            .disable_x_mesh()
            .x_labels(n)
            .y_labels(5)
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_desc(x_desc)
            .y_desc(y_desc)
            .label_style((FONT, 15))
            .axis_desc_style((FONT, 16))
            .draw();
        let _ = chart.draw_series(counts.iter().enumerate().map(|(i, c)| {
            let color = if i > threshold { ORANGE } else { BLUE };
            let mut r = Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), *c as f64),
                ],
                color.filled(),
            );
            r.set_margin(0, 0, 3, 3);
            r
        }));
        let _ = root.present();
    }
    inline(s, label)
}

/// Lines of shares over periods (one line per series).
pub fn lines(
    label: &str,
    periods: &[String],
    series: &[(String, RGBColor, Vec<Option<f64>>)],
) -> String {
    let n = periods.len();
    // The legend goes where the lines are not: below when they run high.
    let all: Vec<f64> = series
        .iter()
        .flat_map(|s| s.2.iter().flatten().copied())
        .collect();
    let high = !all.is_empty() && all.iter().sum::<f64>() / all.len() as f64 > 0.5;
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, (720, 320)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let Ok(mut chart) = ChartBuilder::on(&root)
            .margin(10)
            .margin_right(30)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..(n.max(2) - 1) as f64, 0f64..1f64)
        else {
            return String::new();
        };
        let step = n.div_ceil(12).max(1);
        let fmt_x = |v: &f64| {
            let i = v.round() as usize;
            if (v - i as f64).abs() < 1e-6 && i % step == 0 {
                periods.get(i).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let _ = chart
            .configure_mesh()
            .light_line_style(WHITE)
            .x_labels(n.max(2))
            .y_labels(6)
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&|v| pct(*v))
            .label_style((FONT, 15))
            .draw();
        for (name, color, vals) in series {
            let color = *color;
            let pts: Vec<(f64, f64)> = vals
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
                .collect();
            if let Ok(a) = chart.draw_series(LineSeries::new(pts.clone(), color.stroke_width(3))) {
                a.label(name.clone()).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], color.stroke_width(3))
                });
            }
            let _ = chart.draw_series(pts.iter().map(|p| Circle::new(*p, 3, color.filled())));
        }
        let _ = chart
            .configure_series_labels()
            .position(if high {
                SeriesLabelPosition::LowerRight
            } else {
                SeriesLabelPosition::UpperRight
            })
            .background_style(WHITE.mix(0.9))
            .border_style(GREY)
            .label_font((FONT, 15))
            .draw();
        let _ = root.present();
    }
    inline(s, label)
}
