//! [`Handler`]: a Rust function, sync or async, that runs when an event fires.
//!
//! A handler takes, first, any context arguments it wants ([`Progress`](super::Progress),
//! [`Session`](crate::runtime::Session), [`CancelToken`](super::CancelToken): they are not
//! inputs, as axum's extractors are not the body), then one argument per input component, each a
//! type that component gives ([`InputOf`]). It returns what its outputs take ([`IntoOutputs`]).
//! The number and the types of inputs and outputs are checked at compile time:
//!
//! ```compile_fail,E0277
//! use ferry_ui::prelude::*;
//! Blocks::new(|b| {
//!     let (a, c) = (b.add(Textbox::new("a")), b.add(Textbox::new("c")));
//!     // Two inputs, a handler of one argument: does not compile.
//!     b.on(a.submit(), (a, c), c, |a: String| a);
//! });
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::{Stream, StreamExt};
use serde_json::Value;

use super::{
    FromContext, FromInput, InputContext, InputOf, IntoOutputs, Output, RunContext, RunError,
};
use crate::components::Handle;

/// The future an erased handler returns: its outputs, or `None` for a streaming handler, whose
/// items went to the run's context one by one.
pub type HandlerFuture =
    Pin<Box<dyn Future<Output = Result<Option<Vec<Output>>, RunError>> + Send>>;

/// A handler with its types erased, as the runtime stores it.
#[doc(hidden)]
pub type ErasedHandler = Arc<dyn Fn(Vec<Value>, RunContext) -> HandlerFuture + Send + Sync>;

/// Marks a handler that is a plain function; it runs on a blocking thread.
pub struct SyncFn;

/// Marks a handler that returns a future; it runs as a task.
pub struct AsyncFn;

/// Marks a handler that returns a [`Stream`](futures_util::Stream) of outputs (Gradio's async
/// generators): each item updates the outputs as it comes; it runs as a task.
pub struct StreamFn;

/// Marks a handler that returns an [`Iterator`] of outputs (Gradio's generators): each item
/// updates the outputs as it comes; it runs on a blocking thread.
pub struct IterFn;

/// Inputs whose component types are not known where the handler is declared (a component's
/// value function, whose inputs are set by a later `.inputs(...)`): each argument only has to
/// implement [`FromInput`], and the count is checked when the page is built.
pub struct AnyInputs;

/// A function that can handle an event whose inputs are `I` and outputs `O`:
/// `Fn(X1, …, Xk, A1, …, An) -> R` with up to four context arguments `X` ([`FromContext`]) and
/// one argument `A` per input, returning [`IntoOutputs<O>`] (sync), a future of it (async), or
/// an iterator (sync) or a stream (async) of it, whose items update the outputs one after the
/// other (the last one stays).
///
/// ```
/// use std::time::Duration;
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let go = b.add(Button::new("Count"));
///     let out = b.add(Textbox::new("Count"));
///     // A sync iterator: runs on a blocking thread, one update per item.
///     b.on(go.click(), (), out, || {
///         (1..=3).map(|n| {
///             std::thread::sleep(Duration::from_millis(100));
///             n.to_string()
///         })
///     });
///     // An async stream.
///     b.on(go.click(), (), out, || {
///         futures_util::stream::iter(["a", "b", "c"])
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Count"));
/// ```
///
/// The marker `M` tells the shapes apart; it is inferred.
pub trait Handler<I, O, M>: Send + Sync + 'static {
    /// The number of inputs the function takes (context arguments not counted).
    fn arity() -> usize;

    /// Stores the function with its types erased.
    #[doc(hidden)]
    fn into_erased(self) -> ErasedHandler;
}

/// Reads input `index` from the values left, as type `A`.
pub(super) fn read<A: FromInput>(
    values: &mut std::vec::IntoIter<Value>,
    index: usize,
    ctx: &InputContext,
) -> Result<A, RunError> {
    A::from_input(values.next().unwrap_or(Value::Null), ctx)
        .map_err(|message| RunError::Input { index, message })
}

/// Reads an async handler's inputs, on a blocking thread (reading one may read a file) unless
/// there are none; evaluates to the tuple of them, or returns the input error.
macro_rules! read_off_thread {
    ($values:ident, $cx:ident, $n:expr; $($a:ident),*) => {{
        let inputs = $cx.inputs.clone();
        let read_inputs = move || -> Result<($($a,)*), RunError> {
            let mut values = $values.into_iter();
            let mut index = 0;
            $(let $a: $a = read(&mut values, index, &inputs)?; index += 1;)*
            Ok(($($a,)*))
        };
        if $n == 0 {
            read_inputs()?
        } else {
            tokio::task::spawn_blocking(read_inputs)
                .await
                .map_err(RunError::from_join)??
        }
    }};
}

/// The sync, async, iterator and stream implementations of [`Handler`] for one inputs type, one
/// list of context arguments and one list of inputs; the inputs' bounds come last.
macro_rules! handler_impl {
    ($inputs:ty; [$($c:ident),*]; [$($x:ident),*]; [$($a:ident),*]; $n:expr; $($bound:tt)*) => {
        #[allow(non_snake_case, unused_variables, unused_mut, unused_assignments)]
        impl<F, R, O, $($c,)* $($x,)* $($a,)*> Handler<$inputs, O, (SyncFn, R, ($($x,)*), ($($a,)*))> for F
        where
            F: Fn($($x,)* $($a),*) -> R + Send + Sync + 'static,
            R: IntoOutputs<O> + Send + 'static,
            $($x: FromContext,)*
            $($a: FromInput,)*
            $($bound)*
        {
            fn arity() -> usize {
                $n
            }

            fn into_erased(self) -> ErasedHandler {
                let f = Arc::new(self);
                Arc::new(move |values, cx: RunContext| {
                    let f = Arc::clone(&f);
                    Box::pin(async move {
                        // Inputs are read on the blocking thread too: reading one may read a file.
                        // The context (and with it the run's concurrency slot) lives until the
                        // function returns, even when the run was given up on.
                        tokio::task::spawn_blocking(move || {
                            let mut values = values.into_iter();
                            let mut index = 0;
                            $(let $x = <$x as FromContext>::from_context(&cx);)*
                            $(let $a: $a = read(&mut values, index, &cx.inputs)?; index += 1;)*
                            let outputs = f($($x,)* $($a),*).into_outputs();
                            drop(cx);
                            outputs.map(Some)
                        })
                        .await
                        .map_err(RunError::from_join)?
                    })
                })
            }
        }

        #[allow(non_snake_case, unused_variables, unused_mut, unused_assignments)]
        impl<F, Fut, O, $($c,)* $($x,)* $($a,)*> Handler<$inputs, O, (AsyncFn, Fut, ($($x,)*), ($($a,)*))> for F
        where
            F: Fn($($x,)* $($a),*) -> Fut + Send + Sync + 'static,
            Fut: Future + Send + 'static,
            Fut::Output: IntoOutputs<O> + Send + 'static,
            $($x: FromContext,)*
            $($a: FromInput,)*
            $($bound)*
        {
            fn arity() -> usize {
                $n
            }

            fn into_erased(self) -> ErasedHandler {
                let f = Arc::new(self);
                Arc::new(move |values, cx: RunContext| {
                    let f = Arc::clone(&f);
                    Box::pin(async move {
                        let ($($a,)*) = read_off_thread!(values, cx, $n; $($a),*);
                        $(let $x = <$x as FromContext>::from_context(&cx);)*
                        let outputs = f($($x,)* $($a),*).await.into_outputs();
                        drop(cx);
                        outputs.map(Some)
                    })
                })
            }
        }

        #[allow(non_snake_case, unused_variables, unused_mut, unused_assignments)]
        impl<F, It, O, $($c,)* $($x,)* $($a,)*> Handler<$inputs, O, (IterFn, It, ($($x,)*), ($($a,)*))> for F
        where
            F: Fn($($x,)* $($a),*) -> It + Send + Sync + 'static,
            It: Iterator + 'static,
            It::Item: IntoOutputs<O>,
            $($x: FromContext,)*
            $($a: FromInput,)*
            $($bound)*
        {
            fn arity() -> usize {
                $n
            }

            fn into_erased(self) -> ErasedHandler {
                let f = Arc::new(self);
                Arc::new(move |values, cx: RunContext| {
                    let f = Arc::clone(&f);
                    Box::pin(async move {
                        tokio::task::spawn_blocking(move || {
                            let mut values = values.into_iter();
                            let mut index = 0;
                            $(let $x = <$x as FromContext>::from_context(&cx);)*
                            $(let $a: $a = read(&mut values, index, &cx.inputs)?; index += 1;)*
                            for item in f($($x,)* $($a),*) {
                                if cx.cancel.is_cancelled() || cx.items.blocking_send(item.into_outputs()?).is_err() {
                                    break;
                                }
                            }
                            drop(cx);
                            Ok(None)
                        })
                        .await
                        .map_err(RunError::from_join)?
                    })
                })
            }
        }

        #[allow(non_snake_case, unused_variables, unused_mut, unused_assignments)]
        impl<F, S, O, $($c,)* $($x,)* $($a,)*> Handler<$inputs, O, (StreamFn, S, ($($x,)*), ($($a,)*))> for F
        where
            F: Fn($($x,)* $($a),*) -> S + Send + Sync + 'static,
            S: Stream + Send + 'static,
            S::Item: IntoOutputs<O> + Send,
            $($x: FromContext,)*
            $($a: FromInput,)*
            $($bound)*
        {
            fn arity() -> usize {
                $n
            }

            fn into_erased(self) -> ErasedHandler {
                let f = Arc::new(self);
                Arc::new(move |values, cx: RunContext| {
                    let f = Arc::clone(&f);
                    Box::pin(async move {
                        let ($($a,)*) = read_off_thread!(values, cx, $n; $($a),*);
                        $(let $x = <$x as FromContext>::from_context(&cx);)*
                        let mut items = std::pin::pin!(f($($x,)* $($a),*));
                        while let Some(item) = items.next().await {
                            let outputs = item.into_outputs()?;
                            if cx.items.send(outputs).await.is_err() {
                                break;
                            }
                        }
                        drop(cx);
                        Ok(None)
                    })
                })
            }
        }
    };
}

/// The implementations for one inputs shape, with zero to four context arguments.
macro_rules! handler_impls {
    ($inputs:ty; [$($c:ident),*]; [$($a:ident),*]; $n:expr; $($bound:tt)*) => {
        handler_impl!($inputs; [$($c),*]; []; [$($a),*]; $n; $($bound)*);
        handler_impl!($inputs; [$($c),*]; [X1]; [$($a),*]; $n; $($bound)*);
        handler_impl!($inputs; [$($c),*]; [X1, X2]; [$($a),*]; $n; $($bound)*);
        handler_impl!($inputs; [$($c),*]; [X1, X2, X3]; [$($a),*]; $n; $($bound)*);
        handler_impl!($inputs; [$($c),*]; [X1, X2, X3, X4]; [$($a),*]; $n; $($bound)*);
    };
}

/// Typed inputs: a tuple of handles whose component types fix what each argument may be.
macro_rules! typed_inputs {
    ($n:expr; $($a:ident $c:ident),+) => {
        handler_impls!(($(Handle<$c>,)+); [$($c),+]; [$($a),+]; $n; $($a: InputOf<$c>,)+);
        handler_impls!(AnyInputs; []; [$($a),+]; $n;);
    };
}

handler_impls!((); []; []; 0;);
handler_impls!(AnyInputs; []; []; 0;);
handler_impls!(Handle<C1>; [C1]; [A1]; 1; A1: InputOf<C1>,);
typed_inputs!(1; A1 C1);
typed_inputs!(2; A1 C1, A2 C2);
typed_inputs!(3; A1 C1, A2 C2, A3 C3);
typed_inputs!(4; A1 C1, A2 C2, A3 C3, A4 C4);
typed_inputs!(5; A1 C1, A2 C2, A3 C3, A4 C4, A5 C5);
typed_inputs!(6; A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6);
typed_inputs!(7; A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6, A7 C7);
typed_inputs!(8; A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6, A7 C7, A8 C8);
