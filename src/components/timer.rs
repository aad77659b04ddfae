//! [`Timer`]: an invisible component that ticks at a regular interval.

use std::time::Duration;

use serde_json::Value;

use crate::events::{InputContext, InputOf, Update};

use super::{Common, Component, Handle, HeldProps, Node, ScriptWidget, ServerTicks, Trigger};

/// An invisible component that fires [`tick`](Handle::tick) every `value` seconds while active:
/// Gradio's `gr.Timer`.
///
/// By default the page ticks it, as in Gradio, and each tick is a request from the page with
/// the page's current values. With [`on_server`](Self::on_server) the server ticks it for
/// each session whose page is open (its stream connected) and sends the results on the
/// session's stream: no request per tick, and a tick cannot be sent by the page. Its handlers
/// then see the values the server holds (declared, or set by handlers and uploads), not what a
/// user typed and no event sent.
///
/// # Methods
///
/// - Constructors: [`new`](Self::new)
/// - Content: [`active`](Self::active), [`on_server`](Self::on_server)
/// - Events: [`Handle::tick`](Handle::tick)
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let clock = b.add(Timer::new(1.0));
///     let shown = b.add(Textbox::new("Ticks"));
///     b.on(clock.tick(), (), shown, || "tick");
///     // Ticked by the server: the time arrives on the page's stream.
///     let server_clock = b.add(Timer::new(1.0).on_server(true));
///     let now = b.add(Textbox::new("Server time"));
///     b.on(server_clock.tick(), (), now, || format!("{:?}", std::time::SystemTime::now()));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("\"timer\""));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Timer {
    seconds: f64,
    active: bool,
    on_server: bool,
}

impl Timer {
    /// A timer that ticks every `seconds` seconds (at least 0.05).
    pub fn new(seconds: f64) -> Self {
        Timer {
            seconds: clamp_interval(seconds),
            active: true,
            on_server: false,
        }
    }

    /// Ticks on the server rather than in the page (see the type's documentation). Defaults
    /// to `false`. Fixed at declaration; a handler can still start, stop and retime it.
    #[must_use = "a setter returns the changed component"]
    pub fn on_server(mut self, on_server: bool) -> Self {
        self.on_server = on_server;
        self
    }

    /// Starts or stops the timer. Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn active(mut self, active: bool) -> Self {
        self.active = active;
        self
    }

    /// An update for a timer, returned by a handler to start, stop or retime it.
    pub fn update() -> TimerUpdate {
        TimerUpdate(Update::new(Self::TYPE))
    }
}

fn clamp_interval(seconds: f64) -> f64 {
    if seconds.is_finite() {
        seconds.max(0.05)
    } else {
        1.0
    }
}

impl Component for Timer {
    const TYPE: &'static str = "timer";

    fn into_node(self) -> Node {
        let node = Node::new::<Self>(&Common::default())
            .prop("value", self.seconds)
            .prop("active", self.active);
        if self.on_server {
            node.prop("on_server", true)
        } else {
            node
        }
    }

    /// Its interval in seconds, as the server holds it.
    /// Gradio's `Timer`: its interval in seconds, a number.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::new("timer", "Timer")
            .schema(serde_json::json!({"type": "number"}))
            .python_type("float")
    }

    fn input_value(_page: Value, held: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        Ok(held.get("value").cloned().unwrap_or(Value::Null))
    }

    /// A timer is never shown: it ticks while active, whatever `visible` says. The page may
    /// not tick a timer that ticks on the server.
    fn check_event(event: &str, held: &HeldProps<'_>) -> Result<(), String> {
        if event == "tick" && held.get("on_server") == Some(&Value::Bool(true)) {
            return Err("this timer ticks on the server".to_owned());
        }
        if event == "tick" && held.get("active") == Some(&Value::Bool(false)) {
            return Err("this timer is stopped".to_owned());
        }
        Ok(())
    }

    /// In a script, each tick reruns the script (a fragment's `run_every` is such a timer).
    fn script_widget() -> Option<ScriptWidget> {
        Some(ScriptWidget {
            rerun_on: "tick",
            has_value: false,
        })
    }

    fn server_ticks(held: &HeldProps<'_>) -> Option<ServerTicks> {
        if held.get("on_server") != Some(&Value::Bool(true)) {
            return None;
        }
        let active = held.get("active") != Some(&Value::Bool(false));
        let seconds = held
            .get("value")
            .and_then(Value::as_f64)
            .map(clamp_interval);
        Some(ServerTicks {
            event: "tick",
            every: seconds.filter(|_| active).map(Duration::from_secs_f64),
        })
    }
}

impl InputOf<Timer> for f64 {}
impl InputOf<Timer> for serde_json::Value {}
impl crate::events::DefaultInput for Timer {
    type Input = f64;
}
crate::events::update_output!(TimerUpdate => Timer);

impl Handle<Timer> {
    /// Fires on every tick.
    pub fn tick(&self) -> Trigger {
        self.trigger("tick")
    }
}

/// New properties for a [`Timer`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct TimerUpdate(pub(crate) Update);

impl TimerUpdate {
    /// Changes the interval in seconds.
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, seconds: f64) -> Self {
        self.0.set("value", clamp_interval(seconds));
        self
    }

    /// Starts or stops the timer.
    #[must_use = "a setter returns the changed update"]
    pub fn active(mut self, active: bool) -> Self {
        self.0.set("active", active);
        self
    }
}

/// How often a value function reruns: seconds, a [`Duration`], or a [`Timer`] handle.
#[derive(Clone, Copy, Debug)]
pub enum Every {
    /// A new timer with this interval in seconds.
    Seconds(f64),
    /// An existing timer.
    Timer(usize),
}

impl From<f64> for Every {
    fn from(seconds: f64) -> Self {
        Every::Seconds(seconds)
    }
}

impl From<u32> for Every {
    fn from(seconds: u32) -> Self {
        Every::Seconds(f64::from(seconds))
    }
}

impl From<Duration> for Every {
    fn from(interval: Duration) -> Self {
        Every::Seconds(interval.as_secs_f64())
    }
}

impl From<Handle<Timer>> for Every {
    fn from(timer: Handle<Timer>) -> Self {
        Every::Timer(timer.id)
    }
}
