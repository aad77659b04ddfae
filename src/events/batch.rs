//! [`BatchHandler`]: a function that handles many events at once (Gradio's `batch=True`). It
//! takes a `Vec` of input sets, gathered from the events of every session waiting in the
//! event's queue, and returns a `Vec` with one set of outputs per input set, in the same order;
//! each session gets its own item.
//!
//! Where Gradio passes one list per input, Ferry passes one item per event, each the tuple of
//! that event's inputs: `Vec<(String, f64)>` rather than `(Vec<String>, Vec<f64>)`, so an item's
//! values cannot be split from each other.
//!
//! ```
//! use ferry_ui::prelude::*;
//!
//! let app = Blocks::new(|b| {
//!     let name = b.add(Textbox::new("Name"));
//!     let greeting = b.add(Textbox::new("Greeting"));
//!     b.on_batch(name.submit(), name, greeting, |names: Vec<String>| {
//!         names.into_iter().map(|n| format!("Hello, {n}")).collect::<Vec<_>>()
//!     })
//!     .max_batch_size(16);
//! });
//! # let page = ferry_ui::testing::render(&app);
//! # assert!(page.contains("Greeting"));
//! ```
//!
//! The item and output types are checked at compile time like a handler's:
//!
//! ```compile_fail,E0277
//! use ferry_ui::prelude::*;
//! Blocks::new(|b| {
//!     let (a, c) = (b.add(Textbox::new("a")), b.add(Textbox::new("c")));
//!     // Two inputs, items of one value: does not compile.
//!     b.on_batch(a.submit(), (a, c), c, |items: Vec<String>| items);
//! });
//! ```

use std::any::Any;
use std::fmt::Display;
use std::future::Future;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use serde_json::Value;

use super::handler::read;
use super::{AsyncFn, InputContext, InputOf, IntoOutputs, Output, RunError, SyncFn};
use crate::components::Handle;

/// One event's part of a batch: its inputs' values as the page sent them, and what reading
/// them needs.
#[doc(hidden)]
pub struct BatchItem {
    pub(crate) values: Vec<Value>,
    pub(crate) inputs: InputContext,
}

/// Each item's outputs, or why that item has none.
#[doc(hidden)]
pub type BatchResults = Vec<Result<Vec<Output>, RunError>>;

/// A batched handler with its types erased. `held` is kept until the function has returned (a
/// sync one may outlive the run that gave up on it).
#[doc(hidden)]
pub type ErasedBatchHandler = Arc<
    dyn Fn(Vec<BatchItem>, Box<dyn Any + Send>) -> BoxFuture<'static, BatchResults> + Send + Sync,
>;

/// The inputs of one event of a batch, read from the values of the input list `I`: `()` for
/// none, the type a component gives for one input, a tuple of those for several.
pub trait BatchInputs<I>: Sized + Send + 'static {
    /// The number of inputs.
    fn arity() -> usize;

    /// Reads one event's values.
    fn read(values: Vec<Value>, ctx: &InputContext) -> Result<Self, RunError>;
}

impl BatchInputs<()> for () {
    fn arity() -> usize {
        0
    }

    fn read(_: Vec<Value>, _: &InputContext) -> Result<Self, RunError> {
        Ok(())
    }
}

impl<C: 'static, A: InputOf<C>> BatchInputs<Handle<C>> for A {
    fn arity() -> usize {
        1
    }

    fn read(values: Vec<Value>, ctx: &InputContext) -> Result<Self, RunError> {
        read(&mut values.into_iter(), 0, ctx)
    }
}

macro_rules! batch_inputs {
    ($n:expr; $($a:ident $c:ident),+) => {
        impl<$($c: 'static, $a: InputOf<$c>,)+> BatchInputs<($(Handle<$c>,)+)> for ($($a,)+) {
            fn arity() -> usize {
                $n
            }

            #[allow(non_snake_case, unused_assignments)]
            fn read(values: Vec<Value>, ctx: &InputContext) -> Result<Self, RunError> {
                let mut values = values.into_iter();
                let mut index = 0;
                $(let $a: $a = read(&mut values, index, ctx)?; index += 1;)+
                Ok(($($a,)+))
            }
        }
    };
}

batch_inputs!(1; A1 C1);
batch_inputs!(2; A1 C1, A2 C2);
batch_inputs!(3; A1 C1, A2 C2, A3 C3);
batch_inputs!(4; A1 C1, A2 C2, A3 C3, A4 C4);
batch_inputs!(5; A1 C1, A2 C2, A3 C3, A4 C4, A5 C5);
batch_inputs!(6; A1 C1, A2 C2, A3 C3, A4 C4, A5 C5, A6 C6);

/// What a batched handler returns for the output list `O`: a `Vec` with one item per input set,
/// each what a handler of those outputs returns, or a `Result` of that `Vec` whose error every
/// event of the batch shows.
pub trait IntoBatch<O> {
    /// Each item's outputs, or the error of the whole batch.
    fn into_batch(self) -> Result<BatchResults, RunError>;
}

impl<O, T: IntoOutputs<O>> IntoBatch<O> for Vec<T> {
    fn into_batch(self) -> Result<BatchResults, RunError> {
        Ok(self.into_iter().map(IntoOutputs::into_outputs).collect())
    }
}

impl<O, T: IntoOutputs<O>, E: Display + 'static> IntoBatch<O> for Result<Vec<T>, E> {
    fn into_batch(self) -> Result<BatchResults, RunError> {
        self.map_err(RunError::from_handler_error)?.into_batch()
    }
}

/// A function that handles a batch of events whose inputs are `I` and outputs `O`:
/// `Fn(Vec<T>) -> R` where `T` is one event's inputs ([`BatchInputs<I>`]) and `R` a `Vec` of
/// outputs ([`IntoBatch<O>`]), or a future of it. A sync function runs on a blocking thread, an
/// async one as a task. The marker `M` tells the shapes apart; it is inferred.
pub trait BatchHandler<I, O, M>: Send + Sync + 'static {
    /// Stores the function with its types erased.
    #[doc(hidden)]
    fn into_erased_batch(self) -> ErasedBatchHandler;
}

/// Reads every item's inputs; returns the items that read, and each item's place among them (or
/// its error).
fn read_items<I, T: BatchInputs<I>>(
    items: Vec<BatchItem>,
) -> (Vec<T>, Vec<Result<usize, RunError>>) {
    let mut read = Vec::with_capacity(items.len());
    let places = items
        .into_iter()
        .map(|item| {
            T::read(item.values, &item.inputs).map(|inputs| {
                read.push(inputs);
                read.len() - 1
            })
        })
        .collect();
    (read, places)
}

/// Gives each item its outputs: the function's `results`, one per item that read, or the
/// function's error, or the item's own input error.
fn scatter(
    places: Vec<Result<usize, RunError>>,
    results: Result<BatchResults, RunError>,
    called_with: usize,
) -> BatchResults {
    let results = results.and_then(|results| {
        if results.len() == called_with {
            Ok(results)
        } else {
            Err(RunError::Handler(format!(
                "the batched handler returned {} item(s) for {called_with} input set(s)",
                results.len()
            )))
        }
    });
    let mut results: Vec<Option<Result<Vec<Output>, RunError>>> = match results {
        Ok(results) => results.into_iter().map(Some).collect(),
        Err(error) => {
            return places
                .into_iter()
                .map(|place| place.and(Err(error.clone())))
                .collect()
        }
    };
    places
        .into_iter()
        .map(|place| {
            let at = place?;
            results[at]
                .take()
                .unwrap_or_else(|| Err(RunError::Handler("a batch item was given twice".into())))
        })
        .collect()
}

impl<F, I, O, T, R> BatchHandler<I, O, (SyncFn, T, R)> for F
where
    F: Fn(Vec<T>) -> R + Send + Sync + 'static,
    T: BatchInputs<I>,
    R: IntoBatch<O> + 'static,
    I: 'static,
{
    fn into_erased_batch(self) -> ErasedBatchHandler {
        let f = Arc::new(self);
        Arc::new(move |items, held| {
            let f = Arc::clone(&f);
            Box::pin(async move {
                let count = items.len();
                let joined = tokio::task::spawn_blocking(move || {
                    let (read, places) = read_items::<I, T>(items);
                    let called_with = read.len();
                    let results = if called_with == 0 {
                        Ok(Vec::new())
                    } else {
                        f(read).into_batch()
                    };
                    drop(held);
                    scatter(places, results, called_with)
                })
                .await;
                joined.unwrap_or_else(|error| failed_all(count, RunError::from_join(error)))
            })
        })
    }
}

impl<F, I, O, T, Fut> BatchHandler<I, O, (AsyncFn, T, Fut)> for F
where
    F: Fn(Vec<T>) -> Fut + Send + Sync + 'static,
    T: BatchInputs<I>,
    Fut: Future + Send + 'static,
    Fut::Output: IntoBatch<O>,
    I: 'static,
{
    fn into_erased_batch(self) -> ErasedBatchHandler {
        let f = Arc::new(self);
        Arc::new(move |items, held| {
            let f = Arc::clone(&f);
            Box::pin(async move {
                let count = items.len();
                // Reading an input may read a file: off the async threads.
                let read = tokio::task::spawn_blocking(move || read_items::<I, T>(items)).await;
                let (read, places) = match read {
                    Ok(read) => read,
                    Err(error) => return failed_all(count, RunError::from_join(error)),
                };
                let called_with = read.len();
                let results = if called_with == 0 {
                    Ok(Vec::new())
                } else {
                    f(read).await.into_batch()
                };
                drop(held);
                scatter(places, results, called_with)
            })
        })
    }
}

fn failed_all(count: usize, error: RunError) -> BatchResults {
    (0..count).map(|_| Err(error.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_item_gets_its_own_result_and_input_errors_stay_their_own() {
        let places = vec![
            Ok(0),
            Err(RunError::Input {
                index: 0,
                message: "bad".into(),
            }),
            Ok(1),
        ];
        let results = Ok(vec![
            Ok(vec![Output::NoChange]),
            Err(RunError::Handler("x".into())),
        ]);
        let scattered = scatter(places, results, 2);
        assert!(matches!(scattered[0], Ok(ref outputs) if outputs.len() == 1));
        assert!(matches!(scattered[1], Err(RunError::Input { .. })));
        assert!(matches!(scattered[2], Err(RunError::Handler(ref m)) if m == "x"));
    }

    #[test]
    fn a_result_of_the_wrong_length_is_an_error_for_every_item() {
        let scattered = scatter(vec![Ok(0), Ok(1)], Ok(vec![Ok(Vec::new())]), 2);
        for result in scattered {
            let message = result.err().map(|e| e.message()).unwrap_or_default();
            assert_eq!(
                message,
                "the batched handler returned 1 item(s) for 2 input set(s)"
            );
        }
    }
}
