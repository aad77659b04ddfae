//! [`Handler`]: a Rust function, sync or async, that runs when an event fires.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde_json::Value;

use super::{FromInput, InputContext, IntoOutputs, Output, RunError};

/// A handler with its types erased, as the runtime stores it.
pub(crate) type ErasedHandler = Arc<
    dyn Fn(
            Vec<Value>,
            InputContext,
        ) -> Pin<Box<dyn Future<Output = Result<Vec<Output>, RunError>> + Send>>
        + Send
        + Sync,
>;

/// Marks a handler that is a plain function; it runs on a blocking thread.
pub struct SyncFn;

/// Marks a handler that returns a future; it runs as a task.
pub struct AsyncFn;

/// A function that can handle an event: `Fn(A1, …, An) -> R` with up to eight arguments that
/// implement [`FromInput`], returning [`IntoOutputs`] (sync) or a future of it (async).
///
/// The marker `M` tells sync from async functions; it is inferred.
pub trait Handler<M>: Send + Sync + 'static {
    /// The number of inputs the function takes.
    fn arity() -> usize;

    /// Stores the function with its types erased.
    #[doc(hidden)]
    fn into_erased(self) -> ErasedHandler;
}

fn read<A: FromInput>(
    values: &mut std::vec::IntoIter<Value>,
    index: usize,
    ctx: &InputContext,
) -> Result<A, RunError> {
    A::from_input(values.next().unwrap_or(Value::Null), ctx)
        .map_err(|message| RunError::Input { index, message })
}

macro_rules! handlers {
    ($n:expr; $($a:ident),*) => {
        #[allow(non_snake_case, unused_variables, unused_mut, unused_assignments)]
        impl<F, R, $($a,)*> Handler<(SyncFn, R, ($($a,)*))> for F
        where
            F: Fn($($a),*) -> R + Send + Sync + 'static,
            R: IntoOutputs + Send + 'static,
            $($a: FromInput,)*
        {
            fn arity() -> usize {
                $n
            }

            fn into_erased(self) -> ErasedHandler {
                let f = Arc::new(self);
                Arc::new(move |values, ctx| {
                    let f = Arc::clone(&f);
                    Box::pin(async move {
                        // Inputs are read on the blocking thread too: reading one may read a file.
                        tokio::task::spawn_blocking(move || {
                            let mut values = values.into_iter();
                            let mut index = 0;
                            $(let $a: $a = read(&mut values, index, &ctx)?; index += 1;)*
                            f($($a),*).into_outputs()
                        })
                        .await
                        .map_err(RunError::from_join)?
                    })
                })
            }
        }

        #[allow(non_snake_case, unused_variables, unused_mut, unused_assignments)]
        impl<F, Fut, $($a,)*> Handler<(AsyncFn, Fut, ($($a,)*))> for F
        where
            F: Fn($($a),*) -> Fut + Send + Sync + 'static,
            Fut: Future + Send + 'static,
            Fut::Output: IntoOutputs + Send + 'static,
            $($a: FromInput,)*
        {
            fn arity() -> usize {
                $n
            }

            fn into_erased(self) -> ErasedHandler {
                let f = Arc::new(self);
                Arc::new(move |values, ctx| {
                    let f = Arc::clone(&f);
                    Box::pin(async move {
                        // Inputs are read on a blocking thread: reading one may read a file.
                        let read_inputs = move || -> Result<($($a,)*), RunError> {
                            let mut values = values.into_iter();
                            let mut index = 0;
                            $(let $a: $a = read(&mut values, index, &ctx)?; index += 1;)*
                            Ok(($($a,)*))
                        };
                        let ($($a,)*) = if $n == 0 {
                            read_inputs()?
                        } else {
                            tokio::task::spawn_blocking(read_inputs).await.map_err(RunError::from_join)??
                        };
                        let future = f($($a),*);
                        tokio::spawn(async move { future.await.into_outputs() })
                            .await
                            .map_err(RunError::from_join)?
                    })
                })
            }
        }
    };
}

handlers!(0;);
handlers!(1; A1);
handlers!(2; A1, A2);
handlers!(3; A1, A2, A3);
handlers!(4; A1, A2, A3, A4);
handlers!(5; A1, A2, A3, A4, A5);
handlers!(6; A1, A2, A3, A4, A5, A6);
handlers!(7; A1, A2, A3, A4, A5, A6, A7);
handlers!(8; A1, A2, A3, A4, A5, A6, A7, A8);
