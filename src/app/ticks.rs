//! Events the server fires for a session (a [`Timer`](crate::Timer) that ticks on the server):
//! one task per such component per session, started when the session's page opens its stream
//! and ended with the session. Results and errors go to the page on the stream.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;

use crate::components::{HeldProps, ServerTicks};
use crate::events::TriggerGates;
use crate::protocol::{StreamMessage, ToastLevel};
use crate::runtime::{Runtime, Session};

use super::page::{answer_of, Page, Ticket};

/// How often a stopped server timer looks whether a handler started it again.
const STOPPED_POLL: Duration = Duration::from_millis(250);

/// Marks, in a session's state, that its server ticks have started.
#[derive(Default)]
struct TicksStarted(bool);

impl Page {
    /// Starts the server ticks of `session`, once, when the page has any.
    pub(super) fn start_ticks(self: Arc<Self>, runtime: Arc<Runtime>, session: Session) {
        let tickers: Vec<usize> = (0..self.nodes.len())
            .filter(|&id| self.declared_ticks(id).is_some())
            .collect();
        if tickers.is_empty()
            || session
                .with_state(|started: &mut TicksStarted| std::mem::replace(&mut started.0, true))
        {
            return;
        }
        for id in tickers {
            tokio::spawn(Arc::clone(&self).tick(Arc::clone(&runtime), session.clone(), id));
        }
    }

    fn declared_ticks(&self, id: usize) -> Option<ServerTicks> {
        let held = HeldProps {
            layers: [None, None, Some(&self.nodes[id].props)],
        };
        self.nodes[id].behaviour.server_ticks(&held)
    }

    /// What component `id` of `session` says of its ticks now.
    fn ticks_now(&self, session: &Session, id: usize) -> Option<ServerTicks> {
        let startup = self.startup.snapshot();
        self.held(session, startup.get(&id), id, |held| {
            self.nodes[id].behaviour.server_ticks(held)
        })
    }

    /// Fires component `id`'s event for `session` at its interval until the session ends.
    async fn tick(self: Arc<Self>, runtime: Arc<Runtime>, session: Session, id: usize) {
        let mut next = Instant::now();
        loop {
            let every = self.ticks_now(&session, id).and_then(|t| t.every);
            match every {
                Some(every) => {
                    next = (next + every).max(Instant::now());
                    tokio::time::sleep_until(next).await;
                }
                None => {
                    tokio::time::sleep(STOPPED_POLL).await;
                    next = Instant::now();
                }
            }
            if session.data.stream_closed() {
                return;
            }
            // Stopped while this task slept: no tick.
            if let Some(ServerTicks {
                event,
                every: Some(_),
            }) = self.ticks_now(&session, id)
            {
                self.fire(&runtime, &session, id, event);
            }
        }
    }

    /// Runs every event triggered by `event` of component `id`, each as its own task; a
    /// dependency still running from the tick before skips this one (as a page's second click
    /// of a `once` event is ignored).
    fn fire(self: &Arc<Self>, runtime: &Arc<Runtime>, session: &Session, id: usize, event: &str) {
        for (index, dependency) in self.dependencies.iter().enumerate() {
            if !dependency
                .triggers
                .iter()
                .any(|(c, e)| *c == id && *e == event)
            {
                continue;
            }
            let startup = self.startup.snapshot();
            let held: Vec<Value> = dependency
                .inputs
                .iter()
                .map(|&input| {
                    self.held(session, startup.get(&input), input, |held| {
                        held.get("value").cloned().unwrap_or(Value::Null)
                    })
                })
                .collect();
            let data = match self.input_values(runtime, session, dependency, held) {
                Ok(data) => data,
                Err(error) => {
                    tracing::warn!(dependency = index, ?error, "a server tick has bad inputs");
                    continue;
                }
            };
            let Ok(admission) = TriggerGates::enter(session, index, dependency.trigger_mode) else {
                continue;
            };
            let (page, runtime, session) = (Arc::clone(self), Arc::clone(runtime), session.clone());
            tokio::spawn(async move {
                let Ok(pass) = admission.admitted().await else {
                    return;
                };
                let run = runtime.next_run_id();
                let ticket = Ticket {
                    run,
                    cancel: pass.cancel.clone(),
                    counted: None,
                };
                let result = page.execute(&runtime, &session, index, data, ticket).await;
                drop(pass);
                let Ok(answer) = answer_of(result, index, page.show_error) else {
                    return;
                };
                let stream = session.data.stream();
                if !answer.updates.is_empty() {
                    stream.push(&StreamMessage::Updates {
                        updates: answer.updates,
                    });
                }
                if let Some(error) = answer.error {
                    stream.push(&StreamMessage::Toast {
                        level: ToastLevel::Error,
                        title: error.title,
                        message: error.message,
                        duration: error.duration,
                    });
                }
            });
        }
    }
}
