//! Chained events (`.then`, `.success`, `.failure`) on the server: the page runs a chained
//! event when the one before it ends, and the server lets it run only when the session's last
//! run of that event ended as the chain requires (a `.success` never runs after an error, even
//! when a client asks).

use axum::http::StatusCode;

use crate::events::{Dependency, RunError};
use crate::runtime::{ApiError, Props, Session};

use super::page::Page;

/// How the session's last run of each followed event ended: `true` when it succeeded.
#[derive(Default)]
struct Outcomes(Vec<(usize, bool)>);

impl Page {
    /// Whether some chained event follows event `index`.
    fn is_followed(&self, index: usize) -> bool {
        self.dependencies
            .iter()
            .any(|d| d.after.is_some_and(|(before, _)| before == index))
    }

    /// Notes how the run of event `index` ended, for the events that follow it. A cancelled
    /// run or a client's mistake leaves nothing to follow.
    pub(super) fn record_outcome(
        &self,
        session: &Session,
        index: usize,
        result: &Result<Vec<(usize, Props)>, RunError>,
    ) {
        if !self.is_followed(index) {
            return;
        }
        let outcome = match result {
            Ok(_) => Some(true),
            Err(RunError::Cancelled | RunError::Input { .. }) => None,
            Err(_) => Some(false),
        };
        session.with_state(|outcomes: &mut Outcomes| {
            outcomes.0.retain(|(event, _)| *event != index);
            if let Some(succeeded) = outcome {
                outcomes.0.push((index, succeeded));
            }
        });
    }

    /// Whether `trigger` may start the chained `dependency` for `session`: it must name the
    /// event it follows and the chain's kind, and that event's last run must have ended so.
    pub(super) fn check_chain(
        session: &Session,
        dependency: &Dependency,
        trigger: &(usize, String),
    ) -> Result<(), ApiError> {
        let Some((before, when)) = dependency.after else {
            return Ok(());
        };
        if *trigger != (before, when.name().to_owned()) {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("this event follows event {before} ({})", when.name()),
            ));
        }
        let last = session.with_state(|outcomes: &mut Outcomes| {
            outcomes
                .0
                .iter()
                .find(|(event, _)| *event == before)
                .map(|&(_, succeeded)| succeeded)
        });
        match last {
            Some(succeeded) if when.follows(succeeded) => Ok(()),
            Some(_) => Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("event {before} did not end as `{}` requires", when.name()),
            )),
            None => Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("event {before} has not run in this session"),
            )),
        }
    }
}
