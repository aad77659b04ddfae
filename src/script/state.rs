//! [`ScriptState`]: what the server keeps of a script session between reruns.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::components::{Behaviour, ClickCallback, ScriptWidget};
use crate::events::CancelToken;
use crate::files::FileSource;
use crate::protocol::ComponentError;
use crate::runtime::Props;

use super::ui::FragmentBody;

/// A widget as the last rerun placed it in the page.
#[derive(Clone)]
pub(crate) struct Placed {
    pub id: usize,
    pub identity: String,
    pub behaviour: Arc<dyn Behaviour>,
    /// Its props as compact JSON: an idle session holds every widget's, and a map of them
    /// takes several times the room (`scripts/bench-script.sh`); read back on an interaction.
    props: Box<str>,
    pub widget: Option<ScriptWidget>,
    /// Its click callback ([`OnClick::call`](crate::components::OnClick::call)).
    pub on_click: Option<ClickCallback>,
    /// A download button's file made only when clicked (boxed: most widgets have none, and an
    /// idle session holds every widget's `Placed`).
    pub deferred: Option<Box<DeferredFile>>,
    /// The id of the innermost fragment it is in: its interactions rerun only that fragment.
    pub fragment: Option<usize>,
}

/// A fragment (`Ui::fragment`) as the last rerun of the page, or of it, drew it.
#[derive(Clone)]
pub(crate) struct PlacedFragment {
    pub id: usize,
    pub identity: String,
    /// What it draws, run again alone when one of its widgets changes.
    pub body: FragmentBody,
    /// How often the page reruns it on its own.
    pub every: Option<Duration>,
    /// The ids of every node drawn in it, nested fragments' too.
    pub inside: Vec<usize>,
}

/// A deferred file as a rerun drew it: its source (the function, capturing what the rerun
/// read) and the generation of the page that drew it.
#[derive(Clone)]
pub(crate) struct DeferredFile {
    pub source: FileSource,
    /// [`ScriptState::generation`] when it was drawn: a file kept from an earlier click is given
    /// back only to a click on a page of the same generation.
    pub generation: u64,
}

impl Placed {
    pub fn new(
        id: usize,
        identity: String,
        behaviour: Arc<dyn Behaviour>,
        props: &Props,
        widget: Option<ScriptWidget>,
        on_click: Option<ClickCallback>,
        deferred: Option<DeferredFile>,
    ) -> Self {
        Placed {
            id,
            identity,
            behaviour,
            props: serde_json::to_string(props).unwrap_or_default().into(),
            widget,
            on_click,
            deferred: deferred.map(Box::new),
            fragment: None,
        }
    }

    /// Its props, as the rerun drew them.
    pub fn props(&self) -> Props {
        serde_json::from_str(&self.props).unwrap_or_default()
    }
}

/// One script session's widgets, their values and its reruns, kept in the session's typed state.
#[derive(Default)]
pub(crate) struct ScriptState {
    /// The widgets' values the page sent, by identity.
    pub values: HashMap<String, Value>,
    /// Each identity's id in the page: a widget keeps its id for as long as it is drawn again.
    ids: HashMap<String, usize>,
    next_id: usize,
    /// The last rerun's widgets, in order (not its text and layouts).
    pub placed: Vec<Placed>,
    /// The identities of the text and layouts the rerun being drawn drew.
    drawn_others: Vec<String>,
    /// Held by the rerun that runs: one at a time per session.
    pub rerun: Arc<tokio::sync::Mutex<()>>,
    /// Cancels the rerun in progress, when a newer interaction comes.
    pub current: CancelToken,
    /// The URL of each image file the script named as an icon, published once per session (at
    /// most [`MAX_PATH_ICONS`]).
    pub icons: HashMap<PathBuf, Value>,
    /// Counts the reruns that may have changed what a deferred function captures: every one
    /// but those a deferred button's own click started (its click reruns the script while its
    /// file is being made, and a second click must join that run).
    pub generation: u64,
    /// The fragments of the page, nested ones too.
    pub fragments: Vec<PlacedFragment>,
    /// The problems the page shows under its components.
    pub errors: Vec<ComponentError>,
    /// Per node id (sorted), a fingerprint of the type and props the page was last sent.
    pub fingerprints: Vec<(usize, u64)>,
    /// The number of the last drawing sent to the page (0: none yet).
    pub seq: u64,
    /// An interaction asked for a rerun of the whole page that has not drawn it yet: a
    /// fragment's interaction reruns the whole page instead, so no change is lost.
    pub page_stale: bool,
}

/// How many different image files one session's script may show as icons.
pub(crate) const MAX_PATH_ICONS: usize = 64;

impl ScriptState {
    /// The id of `identity` in the page: its own from an earlier rerun, or a new one (0 is the
    /// page's root).
    pub fn id_of(&mut self, identity: &str) -> usize {
        if let Some(&id) = self.ids.get(identity) {
            return id;
        }
        self.next_id += 1;
        self.ids.insert(identity.to_owned(), self.next_id);
        self.next_id
    }

    /// The id of `identity` when the page has it (none is made).
    pub fn known_id(&self, identity: &str) -> Option<usize> {
        self.ids.get(identity).copied()
    }

    /// Notes that the rerun being drawn drew `identity`, which is no widget (text, a layout):
    /// it keeps its id.
    pub fn keep_id(&mut self, identity: String) {
        self.drawn_others.push(identity);
    }

    /// Forgets the ids and values of identities the last rerun did not draw, so a page that
    /// draws ever new widgets does not grow the session without bound.
    pub fn keep_only_placed(&mut self) {
        let others = std::mem::take(&mut self.drawn_others);
        let live: std::collections::HashSet<&str> = self
            .placed
            .iter()
            .map(|p| p.identity.as_str())
            .chain(others.iter().map(String::as_str))
            .collect();
        self.ids
            .retain(|identity, _| live.contains(identity.as_str()));
        self.values
            .retain(|identity, _| live.contains(identity.as_str()));
    }

    /// Forgets the ids and values of the identities whose id `gone` says left the page (a
    /// fragment's rerun no longer draws them), and the text identities noted by the rerun.
    pub fn forget(&mut self, gone: impl Fn(usize) -> bool) {
        self.drawn_others.clear();
        let mut forgotten = HashSet::new();
        self.ids.retain(|identity, id| {
            let keep = !gone(*id);
            if !keep {
                forgotten.insert(identity.clone());
            }
            keep
        });
        self.values
            .retain(|identity, _| !forgotten.contains(identity));
    }

    /// The fragment with this id.
    pub fn fragment(&self, id: usize) -> Option<&PlacedFragment> {
        self.fragments.iter().find(|f| f.id == id)
    }

    /// The widget with this id in the last rerun's page.
    pub fn placed(&self, id: usize) -> Option<&Placed> {
        self.placed.iter().find(|p| p.id == id)
    }

    /// The widgets whose value the page sends with every rerun, in order.
    pub fn inputs(&self) -> Vec<usize> {
        self.placed
            .iter()
            .filter(|p| p.widget.is_some_and(|w| w.has_value))
            .map(|p| p.id)
            .collect()
    }
}
