//! The core's log for the app: the core logs through `tracing` (sync rounds, pages, refusals,
//! errors — ids and counts, never a job seeker's name or notes), and the app chooses a sink
//! (Logcat, os_log, a file for support) and a level.

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock, RwLock};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

/// How much the app wants to hear, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

impl LogLevel {
    fn of(level: &Level) -> LogLevel {
        match *level {
            Level::ERROR => LogLevel::Error,
            Level::WARN => LogLevel::Warn,
            Level::INFO => LogLevel::Info,
            Level::DEBUG => LogLevel::Debug,
            Level::TRACE => LogLevel::Trace,
        }
    }
}

/// One line of the core's log.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LogLine {
    pub level: LogLevel,
    /// Where it comes from (`fieldbook_core::sync`).
    pub target: String,
    /// What happened, then its fields: `sync finished round_trips=3 received=20 …`.
    pub message: String,
}

/// Receives the core's log lines: called on the thread that logged (often the sync worker's),
/// so it should hand the line on quickly (to Logcat, os_log) rather than block.
#[uniffi::export(callback_interface)]
pub trait LogSink: Send + Sync {
    fn log(&self, line: LogLine);
}

/// Sends the core's log lines at `level` and more severe to `sink`; `None` stops logging.
/// Applies to the whole process (every store), and replaces any earlier sink.
#[uniffi::export]
pub fn set_log_sink(sink: Option<Box<dyn LogSink>>, level: LogLevel) {
    install();
    *current().write().unwrap_or_else(|p| p.into_inner()) = sink.map(|s| (Arc::from(s), level));
    // Callsites remember whether anyone listens: ask them again under the new level.
    tracing::callsite::rebuild_interest_cache();
}

type Sink = Option<(Arc<dyn LogSink>, LogLevel)>;

fn current() -> &'static RwLock<Sink> {
    static SINK: OnceLock<RwLock<Sink>> = OnceLock::new();
    SINK.get_or_init(|| RwLock::new(None))
}

/// Installs the forwarding subscriber once per process. If the process already has a global
/// subscriber (an embedding program set its own), that one stays and keeps the log.
fn install() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let subscriber = tracing_subscriber::registry().with(ToSink);
        let _ = tracing::subscriber::set_global_default(subscriber);
    });
}

/// Whether the current sink wants lines at `level`.
fn wanted(level: &Level) -> Option<Arc<dyn LogSink>> {
    let sink = current().read().unwrap_or_else(|p| p.into_inner());
    match &*sink {
        // LogLevel is declared most severe first: a line is wanted up to the chosen level.
        Some((s, chosen)) if (LogLevel::of(level) as u8) <= (*chosen as u8) => Some(s.clone()),
        _ => None,
    }
}

/// The layer that hands events to the app's sink.
struct ToSink;

impl<S: Subscriber> Layer<S> for ToSink {
    fn enabled(&self, metadata: &Metadata<'_>, _: Context<'_, S>) -> bool {
        wanted(metadata.level()).is_some()
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let Some(sink) = wanted(event.metadata().level()) else {
            return;
        };
        let mut line = Line::default();
        event.record(&mut line);
        line.text.push_str(&line.fields);
        // Called with no lock held: the sink may call back into the library.
        sink.log(LogLine {
            level: LogLevel::of(event.metadata().level()),
            target: event.metadata().target().to_string(),
            message: line.text,
        });
    }
}

/// An event's message followed by its fields as `name=value`.
#[derive(Default)]
struct Line {
    text: String,
    fields: String,
}

impl Visit for Line {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.record_debug(field, &format_args!("{value}"));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.text, "{value:?}");
            self.text.push_str(&std::mem::take(&mut self.fields));
        } else if self.text.is_empty() {
            let _ = write!(self.fields, " {}={value:?}", field.name());
        } else {
            let _ = write!(self.text, " {}={value:?}", field.name());
        }
    }
}
