//! [`Component`]: what a component is and does, for Ferry's own components and for yours.

use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use serde_json::Value;

use crate::events::{InputContext, OutValue, RunError};
use crate::files::roots::ServeRoots;
use crate::files::upload::{UploadLimits, UploadRules};
use crate::files::value::{publish, Audience};
use crate::files::{FileSource, FileStore};
use crate::gradio::{GradioApi, GradioContext, GradioInput};
use crate::runtime::Props;

use super::Node;

/// A component type that can be added to a page: everything it does is said here, in its own
/// file, so nothing else in Ferry needs to know it.
///
/// Ferry's components implement it; so can yours. A component is a builder type with a wire type
/// name (the same in Rust, in the page's JavaScript and in the DOM's `data-testid`), the props it
/// starts with, how a handler's value becomes its props, how its value becomes a handler's input,
/// and which of its events the server lets a session fire. Say which values it shows with
/// [`OutputFor`](crate::events::OutputFor) and which inputs it gives with
/// [`InputOf`](crate::events::InputOf); draw it in the page with [`script`](Self::script).
/// `examples/custom_component.rs` shows a whole one.
///
/// ```
/// use ferry_ui::prelude::*;
/// use ferry_ui::components::{Component, Node};
/// use ferry_ui::events::{InputOf, OutputFor, Output, OutValue, RunError};
///
/// /// Stars from 0 to 5.
/// struct Rating(u8);
///
/// impl Component for Rating {
///     const TYPE: &'static str = "rating";
///
///     fn into_node(self) -> Node {
///         Node::of::<Self>().prop("value", self.0)
///     }
///
///     fn script() -> Option<&'static str> {
///         Some("ferry.register('rating', { render(el, props) { el.textContent = '★'.repeat(props.value); } });")
///     }
/// }
///
/// impl OutputFor<Rating> for u8 {
///     fn into_output(self) -> Result<Output, RunError> {
///         Ok(Output::Value(OutValue::Json(self.min(5).into())))
///     }
/// }
///
/// impl InputOf<Rating> for i64 {}
///
/// let app = Blocks::new(|b| {
///     let stars = b.add(Rating(3));
///     let more = b.add(Button::new("More"));
///     b.on(more.click(), stars, stars, |n: i64| (n + 1).clamp(0, 5) as u8);
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("\"rating\""));
/// ```
pub trait Component: Sized + Send + 'static {
    /// The wire type name, the same in Rust, in the page's JavaScript and in `data-testid`.
    const TYPE: &'static str;

    /// Declares the component: its props (and, for Ferry's own, its files and value functions).
    fn into_node(self) -> Node;

    /// Turns a handler's new value for this component into props. The default puts text and
    /// JSON in the `value` prop, `null` for an empty value, and refuses files.
    fn value_props(
        value: OutValue,
        cx: OutputContext,
    ) -> impl Future<Output = Result<Props, RunError>> + Send {
        let _ = cx;
        async move {
            let value = match value {
                OutValue::Text(text) => Value::String(text),
                OutValue::Json(json) => json,
                OutValue::Null => Value::Null,
                other => return Err(cannot_show(Self::TYPE, &other)),
            };
            Ok(Props::from_iter([("value".to_owned(), value)]))
        }
    }

    /// Turns this component's value into what a handler's [`FromInput`](crate::events::FromInput)
    /// reads: `page` is what the page sent, `held` the props the server holds for the session.
    /// The default takes the page's value as it is.
    fn input_value(page: Value, held: &HeldProps<'_>, cx: &InputContext) -> Result<Value, String> {
        let _ = (held, cx);
        Ok(page)
    }

    /// The props [`value_props`](Self::value_props) reads through [`OutputContext::prop`]:
    /// those the server holds for the component when a value arrives (with the ones an update
    /// sets beside the value over them). Defaults to none; a dataframe reads `download_name`,
    /// the name its CSV is published under.
    fn output_props() -> &'static [&'static str] {
        &[]
    }

    /// Whether a session may fire `event` of this component, given the props the server holds
    /// for it. By default every event but `change` is refused while the component is not
    /// visible (`visible` false or `"hidden"`) or not interactive.
    fn check_event(event: &str, held: &HeldProps<'_>) -> Result<(), String> {
        if event == "change" {
            return Ok(());
        }
        held.usable(Self::TYPE)
    }

    /// What the page may see of `update`, props the server is about to send for this component
    /// of a session, given every prop the server now holds for it (`update` included). The
    /// default shows it as it is; a download button withholds its file while it is hidden or
    /// disabled, and sends it when it becomes usable.
    fn shown_props(update: Props, held: &HeldProps<'_>) -> Props {
        let _ = held;
        update
    }

    /// What the component is in a script app ([`crate::script()`]): which of its events reruns
    /// the script, and whether its value is sent with every rerun. `None` (the default): it
    /// only shows something.
    fn script_widget() -> Option<ScriptWidget> {
        None
    }

    /// Vets props a handler returned as they are ([`Raw`](crate::Raw), Gradio's
    /// `postprocess=False`), before the server holds and sends them. The default keeps them;
    /// Markdown sanitises raw `html` as it sanitises what it renders, so no raw value can put
    /// script in the page.
    fn raw_props(props: Props) -> Props {
        props
    }

    /// Whether the server, rather than the page, fires one of this component's events at an
    /// interval, given the props it holds for a session: the event and, while it runs, how
    /// often. Fixed at declaration: a component that gives `None` for its declared props never
    /// ticks on the server. Defaults to `None`.
    fn server_ticks(held: &HeldProps<'_>) -> Option<ServerTicks> {
        let _ = held;
        None
    }

    /// The rules of an upload to this component; `None` (the default) refuses uploads.
    fn upload_rules(held: &HeldProps<'_>) -> Option<UploadRules> {
        let _ = held;
        None
    }

    /// Fills in props that depend on the app's settings, once, when the page is built.
    fn prepare(props: &mut Props, settings: &PageSettings) {
        let _ = (props, settings);
    }

    /// The component as HTML in the page's shell, drawn before the page's script has loaded
    /// (which then draws it again and takes over); `children` is the HTML of a layout's
    /// children. `None` (the default) draws nothing until the script runs.
    fn first_paint(props: &Props, children: &str) -> Option<String> {
        let _ = (props, children);
        None
    }

    /// For a component written outside Ferry: the JavaScript that draws it, which calls
    /// `ferry.register(TYPE, { render(element, props, ctx) { … } })` (see `docs/protocol.md`).
    /// Ferry serves it after its own bundle. Defaults to none.
    fn script() -> Option<&'static str> {
        None
    }

    /// How the component appears in Gradio's API (`config`, `gradio_api/info`). Defaults to
    /// Gradio type [`TYPE`](Self::TYPE) with any JSON as its value.
    fn gradio_api() -> GradioApi {
        GradioApi::new(Self::TYPE, Self::TYPE)
    }

    /// How this instance appears in Gradio's API, from the props it was declared with (a
    /// dropdown's choices and whether it is a multiselect). Defaults to
    /// [`gradio_api`](Self::gradio_api).
    fn gradio_api_of(props: &Props) -> GradioApi {
        let _ = props;
        Self::gradio_api()
    }

    /// The component's value as Gradio's API gives it to a client, from the props the server
    /// holds for the session. Defaults to the `value` prop.
    fn gradio_value(held: &HeldProps<'_>, cx: &GradioContext) -> Value {
        let _ = cx;
        held.get("value").cloned().unwrap_or(Value::Null)
    }

    /// Turns a value an API client sent into what the page would send, or a value the server
    /// now holds (a file). Defaults to [`GradioInput::Page`] of the value as it is.
    fn gradio_input(
        value: Value,
        held: &HeldProps<'_>,
        cx: &GradioContext,
    ) -> Result<GradioInput, String> {
        let _ = (held, cx);
        Ok(GradioInput::Page(value))
    }
}

/// An event the server fires for a session at an interval (a [`Timer`](super::Timer) that
/// ticks on the server): its results reach the page on the session's stream.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServerTicks {
    /// The event fired, such as `"tick"`.
    pub event: &'static str,
    /// How often, or `None` while stopped.
    pub every: Option<std::time::Duration>,
}

/// The app's settings a component may need when the page is built.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PageSettings {
    /// The upload limits.
    pub upload_limits: UploadLimits,
}

/// The props the server holds for one component of one session: the session's own over the
/// page's.
pub struct HeldProps<'a> {
    pub(crate) layers: [Option<&'a Props>; 3],
}

impl HeldProps<'_> {
    /// A prop's current value.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.layers
            .iter()
            .flatten()
            .find_map(|props| props.get(name))
    }

    /// Whether a user can act on the component: `Err` says why not ("this download button is
    /// not visible", "… is disabled") when `visible` is false or `"hidden"` or `interactive`
    /// is false. `wire_type` names the component in the message.
    pub fn usable(&self, wire_type: &str) -> Result<(), String> {
        let name = wire_type.replace('_', " ");
        if matches!(
            self.get("visible"),
            Some(Value::Bool(false) | Value::String(_))
        ) {
            return Err(format!("this {name} is not visible"));
        }
        if self.get("interactive") == Some(&Value::Bool(false)) {
            return Err(format!("this {name} is disabled"));
        }
        Ok(())
    }
}

/// What a component needs to turn a handler's value into props: the session, a way to publish
/// files for it, and the props the component asked for ([`Component::output_props`]).
#[derive(Clone)]
pub struct OutputContext {
    pub(crate) session: String,
    pub(crate) component: usize,
    pub(crate) store: Arc<FileStore>,
    pub(crate) roots: Arc<ServeRoots>,
    /// A value declared with the page (a Blocks page's start-up value): its files are
    /// published for every session, as declared files are.
    pub(crate) app_wide: bool,
    /// The props of [`Component::output_props`], as the server holds them.
    pub(crate) props: Props,
    /// The page's deferred runs, where a handler may give a download button a deferred file
    /// (`None` where no handler's output is being shown: a page's start-up values, a script).
    pub(crate) deferred: Option<Arc<crate::files::deferred::runs::DeferredRuns>>,
}

impl OutputContext {
    /// A prop the component listed in [`Component::output_props`], as the server holds it for
    /// the component (an update's own over the held one); `None` when it has none or did not
    /// list it.
    pub fn prop(&self, name: &str) -> Option<&Value> {
        self.props.get(name).filter(|value| !value.is_null())
    }

    /// The props `names` of `layers` (the first that has each wins), for an [`OutputContext`].
    pub(crate) fn props_of(names: &[&str], layers: &[Option<&Props>]) -> Props {
        names
            .iter()
            .filter_map(|&name| {
                let value = layers.iter().flatten().find_map(|props| props.get(name))?;
                Some((name.to_owned(), value.clone()))
            })
            .collect()
    }

    /// Publishes a file for this component of this session (for every session, when the value
    /// was declared with a Blocks page) and returns the page's FileValue: a capability URL, or
    /// an external URL as it is. The previous file of the component stays downloadable for a
    /// few minutes.
    ///
    /// The value was chosen at run time, so a path is published only when it lies under the
    /// app's roots (see [`roots`](crate::files::roots)). A file that cannot be served is an
    /// error whose message names the file, never its folder, and is shown as written.
    pub async fn publish(&self, source: &FileSource) -> Result<Value, RunError> {
        let audience = if self.app_wide {
            Audience::App
        } else {
            Audience::Component {
                session: &self.session,
                component: self.component,
                roots: &self.roots,
            }
        };
        publish(&self.store, source, audience)
            .await
            .map_err(|e| RunError::Shown(crate::Error::new(e.to_string())))
    }
}

/// The error for a value a component cannot show.
pub fn cannot_show(wire_type: &str, value: &OutValue) -> RunError {
    RunError::Output(format!("a {wire_type} cannot show {}", value.kind()))
}

/// What a component is in a script app: see [`Component::script_widget`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScriptWidget {
    /// The event of the component that reruns the script (`"click"`, `"submit"`).
    pub rerun_on: &'static str,
    /// Whether the page sends the component's `value` with every rerun, for the script to read.
    pub has_value: bool,
}

/// A component's behaviour with its type erased, as a page node holds it.
pub(crate) trait Behaviour: Send + Sync {
    fn wire_type(&self) -> &'static str;
    fn value_props(
        &self,
        value: OutValue,
        cx: OutputContext,
    ) -> BoxFuture<'static, Result<Props, RunError>>;
    fn input_value(
        &self,
        page: Value,
        held: &HeldProps<'_>,
        cx: &InputContext,
    ) -> Result<Value, String>;
    fn output_props(&self) -> &'static [&'static str];
    fn check_event(&self, event: &str, held: &HeldProps<'_>) -> Result<(), String>;
    fn shown_props(&self, update: Props, held: &HeldProps<'_>) -> Props;
    fn raw_props(&self, props: Props) -> Props;
    fn server_ticks(&self, held: &HeldProps<'_>) -> Option<ServerTicks>;
    fn upload_rules(&self, held: &HeldProps<'_>) -> Option<UploadRules>;
    fn prepare(&self, props: &mut Props, settings: &PageSettings);
    fn first_paint(&self, props: &Props, children: &str) -> Option<String>;
    fn script(&self) -> Option<&'static str>;
    fn gradio_api(&self, props: &Props) -> GradioApi;
    fn gradio_value(&self, held: &HeldProps<'_>, cx: &GradioContext) -> Value;
    fn gradio_input(
        &self,
        value: Value,
        held: &HeldProps<'_>,
        cx: &GradioContext,
    ) -> Result<GradioInput, String>;
}

struct Of<C>(PhantomData<fn() -> C>);

impl<C: Component> Behaviour for Of<C> {
    fn wire_type(&self) -> &'static str {
        C::TYPE
    }

    fn value_props(
        &self,
        value: OutValue,
        cx: OutputContext,
    ) -> BoxFuture<'static, Result<Props, RunError>> {
        Box::pin(C::value_props(value, cx))
    }

    fn input_value(
        &self,
        page: Value,
        held: &HeldProps<'_>,
        cx: &InputContext,
    ) -> Result<Value, String> {
        C::input_value(page, held, cx)
    }

    fn output_props(&self) -> &'static [&'static str] {
        C::output_props()
    }

    fn check_event(&self, event: &str, held: &HeldProps<'_>) -> Result<(), String> {
        C::check_event(event, held)
    }

    fn shown_props(&self, update: Props, held: &HeldProps<'_>) -> Props {
        C::shown_props(update, held)
    }

    fn raw_props(&self, props: Props) -> Props {
        C::raw_props(props)
    }

    fn server_ticks(&self, held: &HeldProps<'_>) -> Option<ServerTicks> {
        C::server_ticks(held)
    }

    fn upload_rules(&self, held: &HeldProps<'_>) -> Option<UploadRules> {
        C::upload_rules(held)
    }

    fn prepare(&self, props: &mut Props, settings: &PageSettings) {
        C::prepare(props, settings);
    }

    fn first_paint(&self, props: &Props, children: &str) -> Option<String> {
        C::first_paint(props, children)
    }

    fn script(&self) -> Option<&'static str> {
        C::script()
    }

    fn gradio_api(&self, props: &Props) -> GradioApi {
        C::gradio_api_of(props)
    }

    fn gradio_value(&self, held: &HeldProps<'_>, cx: &GradioContext) -> Value {
        C::gradio_value(held, cx)
    }

    fn gradio_input(
        &self,
        value: Value,
        held: &HeldProps<'_>,
        cx: &GradioContext,
    ) -> Result<GradioInput, String> {
        C::gradio_input(value, held, cx)
    }
}

/// The erased behaviour of component type `C`.
pub(crate) fn behaviour_of<C: Component>() -> Arc<dyn Behaviour> {
    Arc::new(Of::<C>(PhantomData))
}
