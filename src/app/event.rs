//! [`Event`]: an event whose handler's argument types come from its inputs, so a closure needs
//! no type annotations: `b.event(go.click(), name, out).run(|name| format!("Hi {name}"))`.

use std::future::Future;

use crate::components::{Handle, IntoComponents, Trigger};
use crate::events::{DefaultInput, EventListener, IntoOutputs};

use super::Blocks;

/// An event being wired, made by [`Blocks::event`]; [`run`](Event::run) (sync) or
/// [`run_async`](Event::run_async) gives it its handler, whose arguments are each input
/// component's [`DefaultInput`] (`String` for a `Textbox`), inferred without annotations.
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let (name, greeting) = (b.add(Textbox::new("Name")), b.add(Textbox::new("Greeting")));
///     let go = b.add(Button::new("Greet"));
///     // `name` is a `String`: the Textbox input says so.
///     b.event(go.click(), name, greeting).run(|name| format!("Hello, {}!", name.trim()));
///     b.event(name.submit(), (name, name), greeting)
///         .run_async(|a, b| async move { format!("{a} & {b}") });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Greet"));
/// ```
#[must_use = "an event does nothing until `run` gives it a handler"]
pub struct Event<'a, I, O> {
    blocks: &'a mut Blocks,
    trigger: Trigger,
    inputs: I,
    outputs: O,
}

impl Blocks {
    /// Starts wiring `trigger` to a handler that takes `inputs` and updates `outputs`; the
    /// handler's argument types are inferred from the inputs. For context arguments
    /// (`Progress`, `Session`, …) or input types other than a component's default, use
    /// [`on`](Self::on).
    pub fn event<I: IntoComponents, O: IntoComponents>(
        &mut self,
        trigger: Trigger,
        inputs: I,
        outputs: O,
    ) -> Event<'_, I, O> {
        Event {
            blocks: self,
            trigger,
            inputs,
            outputs,
        }
    }
}

macro_rules! event_runs {
    ($inputs:ty; $($c:ident),*) => {
        #[allow(non_snake_case)]
        impl<'a, O: IntoComponents, $($c: DefaultInput,)*> Event<'a, $inputs, O> {
            /// Gives the event a sync handler (run on a blocking thread) and returns its
            /// listener, whose options can still be set.
            #[track_caller]
            pub fn run<R, F>(self, handler: F) -> EventListener<'a>
            where
                F: Fn($($c::Input),*) -> R + Send + Sync + 'static,
                R: IntoOutputs<O> + Send + 'static,
            {
                self.blocks.on(self.trigger, self.inputs, self.outputs, handler)
            }

            /// Gives the event an async handler and returns its listener.
            #[track_caller]
            pub fn run_async<Fut, F>(self, handler: F) -> EventListener<'a>
            where
                F: Fn($($c::Input),*) -> Fut + Send + Sync + 'static,
                Fut: Future + Send + 'static,
                Fut::Output: IntoOutputs<O> + Send + 'static,
            {
                self.blocks.on(self.trigger, self.inputs, self.outputs, handler)
            }
        }
    };
}

event_runs!((););
event_runs!(Handle<C1>; C1);
event_runs!((Handle<C1>,); C1);
event_runs!((Handle<C1>, Handle<C2>); C1, C2);
event_runs!((Handle<C1>, Handle<C2>, Handle<C3>); C1, C2, C3);
event_runs!((Handle<C1>, Handle<C2>, Handle<C3>, Handle<C4>); C1, C2, C3, C4);
