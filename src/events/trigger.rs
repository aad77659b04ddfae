//! The server's side of `trigger_mode` and `cancels`: per session and event, whether a trigger
//! may start a run while another is pending, and the token that cancels the event's runs.

use std::sync::Mutex;

use tokio::sync::oneshot;

use crate::runtime::Session;

use super::{CancelToken, TriggerMode};

/// Why a trigger was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// `once`: a run of this event is still pending for the session.
    Running,
    /// `always_last`: a newer trigger took this one's place while it waited.
    Superseded,
    /// Another event cancelled this one while it waited.
    Cancelled,
}

#[derive(Default)]
struct Gate {
    running: usize,
    /// `always_last`: the one trigger waiting for the running one to end, told `true` when its
    /// turn comes and `false` when it is cancelled.
    waiting: Option<oneshot::Sender<bool>>,
    /// Cancels every run of this event for the session that entered so far.
    cancel: CancelToken,
}

/// The gates of one session, one per event that has a pending run (none at rest: a session
/// that runs nothing pays for one empty pointer; the list is dropped when its last gate is).
#[derive(Default)]
pub(crate) struct TriggerGates {
    table: Mutex<GateTable>,
}

/// Each event with a pending run, and its gate; `None` when there is none.
type GateTable = Option<Box<Vec<(usize, Gate)>>>;

/// Holding it means the run may go on; dropping it lets the next trigger in.
pub(crate) struct GatePass {
    session: Session,
    event: usize,
    /// The token a cancelling event cancels this run with.
    pub cancel: CancelToken,
    /// False while waiting: the pass counts only once the running trigger handed its place over.
    armed: bool,
}

/// A trigger let in: at once, or once the pending run ends.
pub(crate) enum Admission {
    Now(GatePass),
    After(GatePass, oneshot::Receiver<bool>),
}

impl Admission {
    /// The pass, once the trigger may run.
    pub async fn admitted(self) -> Result<GatePass, Refused> {
        match self {
            Admission::Now(pass) => Ok(pass),
            Admission::After(mut pass, receiver) => {
                if !receiver.await.map_err(|_| Refused::Superseded)? {
                    return Err(Refused::Cancelled);
                }
                // The run that ended handed its place over (`running` stays counted for us).
                pass.armed = true;
                Ok(pass)
            }
        }
    }
}

impl TriggerGates {
    fn table(&self) -> std::sync::MutexGuard<'_, GateTable> {
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Lets a trigger of `event` in, as `mode` says: now, after the pending run
    /// (`always_last`: [`Admission::admitted`] waits), or not at all (`once`).
    pub fn enter(session: &Session, event: usize, mode: TriggerMode) -> Result<Admission, Refused> {
        let mut guard = session.data.gates.table();
        let table = guard.get_or_insert_with(Box::default);
        let at = match table.iter().position(|(e, _)| *e == event) {
            Some(at) => at,
            None => {
                table.push((event, Gate::default()));
                table.len() - 1
            }
        };
        let gate = &mut table[at].1;
        if gate.running == 0 || mode == TriggerMode::Multiple {
            gate.running += 1;
            return Ok(Admission::Now(pass(session, event, &gate.cancel)));
        }
        if mode == TriggerMode::Once {
            return Err(Refused::Running);
        }
        let (sender, receiver) = oneshot::channel();
        // The trigger that waited so far is superseded: its receiver sees the drop.
        gate.waiting = Some(sender);
        let mut pass = pass(session, event, &gate.cancel);
        pass.armed = false;
        Ok(Admission::After(pass, receiver))
    }

    /// Cancels every pending run of `event` for `session`: the one waiting its turn leaves, the
    /// running ones see their token. Triggers after this one are not affected.
    pub fn cancel(session: &Session, event: usize) {
        let mut table = session.data.gates.table();
        let gates = table.iter_mut().flat_map(|table| table.iter_mut());
        if let Some((_, gate)) = gates.into_iter().find(|(e, _)| *e == event) {
            std::mem::take(&mut gate.cancel).cancel();
            if let Some(waiting) = gate.waiting.take() {
                let _ = waiting.send(false);
            }
        }
    }

    /// How many events have a pending run (for tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.table().as_ref().map_or(0, |table| table.len())
    }
}

fn pass(session: &Session, event: usize, cancel: &CancelToken) -> GatePass {
    GatePass {
        session: session.clone(),
        event,
        cancel: cancel.clone(),
        armed: true,
    }
}

impl Drop for GatePass {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        let mut guard = self.session.data.gates.table();
        let Some(table) = guard.as_mut() else {
            return;
        };
        let Some(at) = table.iter().position(|(e, _)| *e == self.event) else {
            return;
        };
        let gate = &mut table[at].1;
        gate.running = gate.running.saturating_sub(1);
        if gate.running == 0 {
            // Hand the place to the waiting trigger, unless it has gone (its client left).
            if let Some(next) = gate.waiting.take() {
                if next.send(true).is_ok() {
                    gate.running = 1;
                    return;
                }
            }
            table.swap_remove(at);
            if table.is_empty() {
                *guard = None;
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::runtime::Sessions;

    fn session() -> Session {
        Sessions::default().create()
    }

    #[tokio::test]
    async fn once_refuses_while_pending_and_admits_after() {
        let gates = session();
        let pass = TriggerGates::enter(&gates, 1, TriggerMode::Once).unwrap();
        assert_eq!(
            TriggerGates::enter(&gates, 1, TriggerMode::Once).err(),
            Some(Refused::Running)
        );
        // Another event is not affected.
        let other = TriggerGates::enter(&gates, 2, TriggerMode::Once).unwrap();
        drop((pass, other));
        assert_eq!(gates.data.gates.len(), 0);
        assert!(TriggerGates::enter(&gates, 1, TriggerMode::Once).is_ok());
    }

    #[tokio::test]
    async fn always_last_keeps_only_the_last_waiting_trigger() {
        let gates = session();
        let pass = TriggerGates::enter(&gates, 1, TriggerMode::AlwaysLast).unwrap();
        let first = tokio::spawn({
            let gates = gates.clone();
            async move {
                TriggerGates::enter(&gates, 1, TriggerMode::AlwaysLast)
                    .unwrap()
                    .admitted()
                    .await
                    .map(drop)
            }
        });
        tokio::task::yield_now().await;
        let second = tokio::spawn({
            let gates = gates.clone();
            async move {
                TriggerGates::enter(&gates, 1, TriggerMode::AlwaysLast)
                    .unwrap()
                    .admitted()
                    .await
                    .map(drop)
            }
        });
        tokio::task::yield_now().await;
        assert_eq!(first.await.unwrap(), Err(Refused::Superseded));
        drop(pass);
        assert_eq!(second.await.unwrap(), Ok(()));
        assert_eq!(gates.data.gates.len(), 0);
    }

    #[tokio::test]
    async fn multiple_admits_every_trigger() {
        let gates = session();
        let a = TriggerGates::enter(&gates, 1, TriggerMode::Multiple).unwrap();
        let b = TriggerGates::enter(&gates, 1, TriggerMode::Multiple).unwrap();
        drop((a, b));
        assert_eq!(gates.data.gates.len(), 0);
    }
}
