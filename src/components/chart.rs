//! A line chart of one metric, drawn as SVG with Leptos views. Chosen over leptos-chartistry by
//! measurement (docs/PERFORMANCE.md, "Charts"): this costs the bundle about 18 KB brotli against
//! about 120 KB, and it is built to be read without a mouse: the arrow keys step through the
//! points, the value read is announced, and a table holds every point.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::data::metrics::{Chart, Metrics, Series};
use crate::export::ExportButtons;
use crate::format::{axis_time, local_time, metric_value};
use crate::i18n::{Text, tr, use_lang};

/// The drawing's size in its own units (it scales to its box).
const W: f64 = 420.0;
const H: f64 = 164.0;
const LEFT: f64 = 58.0;
const RIGHT: f64 = 18.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 24.0;

/// Where a time and a value go in the drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plot {
    /// The time at the left edge.
    pub from: i64,
    /// The time at the right edge.
    pub to: i64,
    /// The value at the top.
    pub top: f64,
}

impl Plot {
    /// The x of a time.
    pub fn x(&self, t: i64) -> f64 {
        let span = (self.to - self.from).max(1) as f64;
        LEFT + (t - self.from) as f64 / span * (W - LEFT - RIGHT)
    }

    /// The y of a value.
    pub fn y(&self, v: f64) -> f64 {
        let top = if self.top > 0.0 { self.top } else { 1.0 };
        TOP + (1.0 - (v / top).clamp(0.0, 1.0)) * (H - TOP - BOTTOM)
    }

    /// The time at an x.
    pub fn time_at(&self, x: f64) -> i64 {
        let share = ((x - LEFT) / (W - LEFT - RIGHT)).clamp(0.0, 1.0);
        self.from + (share * (self.to - self.from) as f64) as i64
    }
}

/// A round top for the axis at or above `max`: 1, 2 or 5 times a power of ten (at least 1).
pub fn nice_top(max: f64) -> f64 {
    if !max.is_finite() || max <= 1.0 {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|t| *t >= max).unwrap_or(10.0 * power)
}

/// The line through the points, lifted where two are further apart than `gap_ms` (no data
/// there, so none is drawn).
pub fn line_path(points: &[(i64, f64)], plot: &Plot, gap_ms: i64) -> String {
    let mut d = String::new();
    let mut last: Option<i64> = None;
    for (t, v) in points {
        let pen = if last.is_some_and(|l| t - l <= gap_ms) { 'L' } else { 'M' };
        d.push_str(&format!("{pen}{:.1},{:.1}", plot.x(*t), plot.y(*v)));
        last = Some(*t);
    }
    d
}

/// A value on the axis: whole where it is whole (a count's axis may read 0, 0.5, 1).
pub fn axis_label(v: f64, unit: &str) -> String {
    match unit {
        "%" => format!("{v:.0}%"),
        "MB" => metric_value(v, unit),
        _ if v.fract() == 0.0 => format!("{v:.0}"),
        _ => format!("{v:.1}"),
    }
}

/// The index of the point nearest a time.
pub fn nearest(points: &[(i64, f64)], t: i64) -> Option<usize> {
    points.iter().enumerate().min_by_key(|(_, (pt, _))| (pt - t).abs()).map(|(i, _)| i)
}

/// The next point to read after a key: arrows step, Home and End jump; `None` for other keys.
pub fn step(key: &str, current: Option<usize>, len: usize) -> Option<usize> {
    let last = len.checked_sub(1)?;
    Some(match (key, current) {
        ("ArrowLeft", Some(i)) => i.saturating_sub(1),
        ("ArrowRight", Some(i)) => (i + 1).min(last),
        ("ArrowLeft" | "ArrowRight" | "End", _) => last,
        ("Home", _) => 0,
        _ => return None,
    })
}

/// Whether a key press carries a modifier (those belong to the browser and assistive tools).
fn modified(ev: &web_sys::KeyboardEvent) -> bool {
    ev.alt_key() || ev.ctrl_key() || ev.meta_key()
}

/// One metric of a cluster over the chosen range. For assistive technology the plot is a slider
/// over its points: its value text is the point read, so moving it announces the point without
/// a live region (which would speak at every poll).
#[component]
pub fn LineChart(
    /// Which metric.
    chart: Chart,
    /// What the last query found.
    #[prop(into)]
    data: Signal<Option<Metrics>>,
) -> impl IntoView {
    let lang = use_lang();
    let series = Memo::new(move |_| data.with(|m| m.as_ref().and_then(|m| m.of(chart.metric).cloned()).unwrap_or_default()));
    // The axis ends at the query's time, or at the newest point when the service's clock is ahead.
    let plot = Memo::new(move |_| {
        let (from, to, range) = data.with(|m| m.as_ref().map(|m| (m.from, m.to, m.range))).unwrap_or_default();
        let (to, top) = series.with(|s| {
            let newest = s.points.last().map_or(to, |p| p.0.max(to));
            let max = s.points.iter().map(|p| p.1).fold(0.0, f64::max);
            (newest, if chart.percent() { 100.0 } else { nice_top(max) })
        });
        (Plot { from, to, top }, range)
    });
    // The point read, by its time: a poll that drops the oldest point does not move it.
    let selected = RwSignal::new(None::<i64>);
    let index = move || selected.get().and_then(|t| series.with(|s| s.points.iter().position(|p| p.0 == t)));
    let select = move |i: Option<usize>| selected.set(i.and_then(|i| series.with_untracked(|s| s.points.get(i).map(|p| p.0))));
    let unit = move || series.with(|s| s.unit.clone());
    // Counts say what they count; shares and sizes carry their unit already.
    let value = move |v: f64| {
        let u = unit();
        let text = metric_value(v, &u);
        if u == "count" { format!("{text} {}", chart.unit.get(lang.get())) } else { text }
    };
    let point = move |i: usize| series.with(|s| s.points.get(i).copied());
    let readout = move || {
        let l = lang.get();
        match index().and_then(point) {
            Some((t, v)) => format!("{}: {}", local_time(t, l), value(v)),
            None => match series.with(|s| s.points.last().copied()) {
                Some((_, v)) => format!("{} {}", Text::Latest.get(l), value(v)),
                None => Text::NoDataPoints.get(l).to_owned(),
            },
        }
    };
    let summary = move || {
        let l = lang.get();
        series.with(|s| {
            let (Some(first), Some(last)) = (s.points.first(), s.points.last()) else {
                return Text::NoDataPoints.get(l).to_owned();
            };
            let min = s.points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            let max = s.points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
            let (comma, colon) = (l.pick(", ", "，"), l.pick(": ", "："));
            format!(
                "{} – {}{colon}{} {}{comma}{} {}{comma}{} {}",
                local_time(first.0, l),
                local_time(last.0, l),
                Text::Lowest.get(l),
                value(min),
                Text::Highest.get(l),
                value(max),
                Text::LatestLower.get(l),
                value(last.1)
            )
        })
    };
    let on_move = move |ev: web_sys::MouseEvent| {
        let Some(svg) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let rect = svg.get_bounding_client_rect();
        if rect.width() > 0.0 {
            let x = (f64::from(ev.client_x()) - rect.left()) / rect.width() * W;
            let t = plot.with_untracked(|(p, _)| p.time_at(x));
            select(series.with_untracked(|s| nearest(&s.points, t)));
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if modified(&ev) {
            return;
        }
        let len = series.with_untracked(|s| s.points.len());
        if ev.key() == "Escape" {
            selected.set(None);
        } else if let Some(next) = step(&ev.key(), index(), len) {
            ev.prevent_default();
            select(Some(next));
        }
    };
    let id = chart.metric;
    let rows = Callback::new(move |()| series.with_untracked(Series::rows));
    let title = move || chart.title(lang.get());
    view! {
        <figure class="chart" data-testid="chart" data-metric=id aria-labelledby=format!("{id}-title")>
            <figcaption class="chart-head">
                <h2 class="chart-title" id=format!("{id}-title")>{title}</h2>
                <span class="chart-readout" aria-hidden="true" data-testid="chart-readout">{readout}</span>
            </figcaption>
            <p class="visually-hidden" id=format!("{id}-summary")>{summary}</p>
            <span class="visually-hidden" id=format!("{id}-keys")>{tr(Text::ChartKeys)}</span>
            <svg viewBox=format!("0 0 {W} {H}") class="chart-plot" role="slider" tabindex="0"
                aria-labelledby=format!("{id}-title") aria-describedby=format!("{id}-summary {id}-keys")
                aria-valuemin="0" aria-valuemax=move || series.with(|s| s.points.len().saturating_sub(1))
                aria-valuenow=move || index().or_else(|| series.with(|s| s.points.len().checked_sub(1))).unwrap_or(0)
                aria-valuetext=readout data-testid="chart-plot"
                on:mousemove=on_move on:mouseleave=move |_| selected.set(None)
                on:keydown=on_key on:blur=move |_| selected.set(None)>
                {move || {
                    let (p, range) = plot.get();
                    let with_day = range.ms() > 24 * 3_600_000;
                    let l = lang.get();
                    let u = unit();
                    let grid = [0.0, 0.5, 1.0].map(|share| {
                        let v = p.top * share;
                        view! {
                            <line class="chart-rule" x1=LEFT x2=W - RIGHT y1=p.y(v) y2=p.y(v)/>
                            <text class="chart-axis" x=LEFT - 6.0 y=p.y(v) + 4.0 text-anchor="end">{axis_label(v, &u)}</text>
                        }
                    });
                    let mid = p.from + (p.to - p.from) / 2;
                    let ticks = [(p.from, "start"), (mid, "middle"), (p.to, "end")].map(|(t, anchor)| view! {
                        <text class="chart-axis" x=p.x(t) y=H - 5.0 text-anchor=anchor>{axis_time(t, with_day, l)}</text>
                    });
                    let (d, dots) = series.with(|s| {
                        let dots: Vec<(f64, f64)> = if s.points.len() <= 3 { s.points.iter().map(|(t, v)| (p.x(*t), p.y(*v))).collect() } else { Vec::new() };
                        (line_path(&s.points, &p, range.gap_ms()), dots)
                    });
                    let empty = series.with(|s| s.points.is_empty());
                    view! {
                        {grid}
                        {ticks}
                        <path class="chart-line" d=d/>
                        {dots.into_iter().map(|(x, y)| view! { <circle class="chart-dot" cx=x cy=y r="3"/> }).collect_view()}
                        {empty.then(|| view! {
                            <text class="chart-empty" x=(LEFT + W - RIGHT) / 2.0 y=H / 2.0 text-anchor="middle">{Text::NoDataPoints.get(l)}</text>
                        })}
                    }
                }}
                {move || index().and_then(point).map(|(t, v)| {
                    let p = plot.get().0;
                    view! {
                        <line class="chart-cursor" x1=p.x(t) x2=p.x(t) y1=TOP y2=H - BOTTOM/>
                        <circle class="chart-cursor-dot" cx=p.x(t) cy=p.y(v) r="4"/>
                    }
                })}
            </svg>
            <details class="chart-table" data-testid="chart-table">
                <summary>{tr(Text::DataTable)} <span class="visually-hidden">{title}</span></summary>
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby=format!("{id}-caption")>
                    <table class="data-table compact">
                        <caption class="visually-hidden" id=format!("{id}-caption")>{title} " " {tr(Text::NewestFirst)}</caption>
                        <thead><tr><th scope="col">{tr(Text::Time)}</th><th scope="col">{tr(Text::Value)}</th></tr></thead>
                        <tbody>
                            {move || {
                                let l = lang.get();
                                series.with(|s| s.points.iter().rev().map(|(t, v)| view! {
                                    <tr><th scope="row">{local_time(*t, l)}</th><td>{value(*v)}</td></tr>
                                }).collect_view())
                            }}
                        </tbody>
                    </table>
                </div>
                <ExportButtons file=id rows=rows/>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_round_up_to_readable_tops() {
        assert_eq!(nice_top(0.0), 1.0);
        assert_eq!(nice_top(7.0), 10.0);
        assert_eq!(nice_top(12.0), 20.0);
        assert_eq!(nice_top(20.0), 20.0);
        assert_eq!(nice_top(430.0), 500.0);
        assert_eq!(nice_top(f64::NAN), 1.0);
        assert_eq!([0.0, 0.5, 1.0].map(|v| axis_label(v, "count")), ["0", "0.5", "1"]);
        assert_eq!(axis_label(50.0, "%"), "50%");
    }

    #[test]
    fn lines_break_where_data_is_missing() {
        let plot = Plot { from: 0, to: 600, top: 10.0 };
        let d = line_path(&[(0, 0.0), (60, 5.0), (400, 10.0), (460, 10.0)], &plot, 150);
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert_eq!(d.matches('L').count(), 2, "{d}");
        assert!(d.starts_with(&format!("M{LEFT:.1},{:.1}", H - BOTTOM)), "{d}");
        assert_eq!(plot.time_at(plot.x(300)), 300);
        assert_eq!(plot.y(20.0), TOP, "values over the top stay in the frame");
    }

    #[test]
    fn keys_and_the_pointer_pick_points() {
        let points = [(0, 1.0), (60, 2.0), (120, 3.0)];
        assert_eq!(nearest(&points, 80), Some(1));
        assert_eq!(nearest(&[], 80), None);
        assert_eq!(step("ArrowLeft", None, 3), Some(2), "the first key reads the newest");
        assert_eq!(step("ArrowLeft", Some(0), 3), Some(0));
        assert_eq!(step("ArrowRight", Some(1), 3), Some(2));
        assert_eq!(step("ArrowRight", Some(2), 3), Some(2));
        assert_eq!(step("Home", Some(2), 3), Some(0));
        assert_eq!(step("End", Some(0), 3), Some(2));
        assert_eq!(step("a", Some(0), 3), None);
        assert_eq!(step("ArrowLeft", None, 0), None);
    }
}
