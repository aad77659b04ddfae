//! [`Event`]: an event whose handler's argument types come from its inputs, so a closure needs
//! no type annotations: `b.event(go.click(), name, out).run(|name| format!("Hi {name}"))`.
//! Context arguments are named once with [`with`](Event::with), and come first.

use std::future::Future;
use std::marker::PhantomData;

use crate::components::{Handle, IntoComponents, Trigger};
use crate::events::{DefaultInput, EventListener, FromContext, IntoOutputs};

use super::Blocks;

/// An event being wired, made by [`Blocks::event`]; [`run`](Event::run) (sync) or
/// [`run_async`](Event::run_async) gives it its handler, whose arguments are each input
/// component's [`DefaultInput`] (`String` for a `Textbox`), inferred without annotations.
/// [`with`](Event::with) adds a context argument ([`Progress`](crate::events::Progress),
/// [`Session`](crate::runtime::Session), [`CancelToken`](crate::events::CancelToken)) before
/// the inputs, up to three.
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
///     // Context arguments first, then the inputs; none needs an annotation.
///     b.event(go.click(), name, greeting)
///         .with::<Progress>()
///         .with::<Session>()
///         .run(|progress, session, name| {
///             progress.set(1.0, "done");
///             format!("{name} in session {}", &session.id()[..4])
///         });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Greet"));
/// ```
#[must_use = "an event does nothing until `run` gives it a handler"]
pub struct Event<'a, I, O, X = ()> {
    blocks: &'a mut Blocks,
    trigger: Trigger,
    inputs: I,
    outputs: O,
    context: PhantomData<fn() -> X>,
}

impl Blocks {
    /// Starts wiring `trigger` to a handler that takes `inputs` and updates `outputs`; the
    /// handler's argument types are inferred from the inputs (and from [`Event::with`] for
    /// context arguments). For input types other than a component's default, use
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
            context: PhantomData,
        }
    }
}

impl<'a, I, O, X> Event<'a, I, O, X> {
    fn retyped<Y>(self) -> Event<'a, I, O, Y> {
        Event {
            blocks: self.blocks,
            trigger: self.trigger,
            inputs: self.inputs,
            outputs: self.outputs,
            context: PhantomData,
        }
    }
}

/// `with` for each number of context arguments named so far.
macro_rules! event_with {
    ($($x:ident),*) => {
        impl<'a, I, O, $($x,)*> Event<'a, I, O, ($($x,)*)> {
            /// Adds a context argument of type `T`, which the handler takes after the ones
            /// named before it and before its inputs.
            pub fn with<T: FromContext>(self) -> Event<'a, I, O, ($($x,)* T,)> {
                self.retyped()
            }
        }
    };
}

event_with!();
event_with!(X1);
event_with!(X1, X2);

macro_rules! event_runs {
    ($inputs:ty; [$($x:ident),*]; $($c:ident),*) => {
        #[allow(non_snake_case)]
        impl<'a, O: IntoComponents, $($x: FromContext,)* $($c: DefaultInput,)*>
            Event<'a, $inputs, O, ($($x,)*)>
        {
            /// Gives the event a sync handler (run on a blocking thread) and returns its
            /// listener, whose options can still be set.
            #[track_caller]
            pub fn run<R, F>(self, handler: F) -> EventListener<'a>
            where
                F: Fn($($x,)* $($c::Input),*) -> R + Send + Sync + 'static,
                R: IntoOutputs<O> + Send + 'static,
            {
                self.blocks.on(self.trigger, self.inputs, self.outputs, handler)
            }

            /// Gives the event an async handler and returns its listener.
            #[track_caller]
            pub fn run_async<Fut, F>(self, handler: F) -> EventListener<'a>
            where
                F: Fn($($x,)* $($c::Input),*) -> Fut + Send + Sync + 'static,
                Fut: Future + Send + 'static,
                Fut::Output: IntoOutputs<O> + Send + 'static,
            {
                self.blocks.on(self.trigger, self.inputs, self.outputs, handler)
            }
        }
    };
}

/// `run` and `run_async` for each number of inputs, with these context arguments.
macro_rules! event_runs_with {
    ($($x:ident),*) => {
        event_runs!((); [$($x),*]; );
        event_runs!(Handle<C1>; [$($x),*]; C1);
        event_runs!((Handle<C1>,); [$($x),*]; C1);
        event_runs!((Handle<C1>, Handle<C2>); [$($x),*]; C1, C2);
        event_runs!((Handle<C1>, Handle<C2>, Handle<C3>); [$($x),*]; C1, C2, C3);
        event_runs!((Handle<C1>, Handle<C2>, Handle<C3>, Handle<C4>); [$($x),*]; C1, C2, C3, C4);
    };
}

event_runs_with!();
event_runs_with!(X1);
event_runs_with!(X1, X2);
event_runs_with!(X1, X2, X3);
