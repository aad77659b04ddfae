//! Handles to components on a page, and the triggers and input/output lists built from them.

use std::marker::PhantomData;

/// A typed reference to a component added to a page: `Copy`, cheap, used to wire events.
pub struct Handle<C> {
    pub(crate) id: usize,
    _component: PhantomData<fn() -> C>,
}

impl<C> Handle<C> {
    pub(crate) fn new(id: usize) -> Self {
        Handle {
            id,
            _component: PhantomData,
        }
    }

    /// The component's id on the page.
    pub fn id(&self) -> usize {
        self.id
    }

    /// The same handle with its type forgotten, to mix component types in one list.
    pub fn any(&self) -> AnyHandle {
        AnyHandle(self.id)
    }

    /// The component's event named `event`: what the component's own methods (`click()`,
    /// `change()`) return, and how a component written outside Ferry offers its events.
    pub fn trigger(&self, event: &'static str) -> Trigger {
        Trigger {
            component: self.id,
            event,
        }
    }
}

impl<C> Clone for Handle<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Handle<C> {}

impl<C> std::fmt::Debug for Handle<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Handle({})", self.id)
    }
}

/// A handle of any component type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnyHandle(pub(crate) usize);

impl<C> From<Handle<C>> for AnyHandle {
    fn from(h: Handle<C>) -> Self {
        AnyHandle(h.id)
    }
}

/// An event of a component that can run a handler: `button.click()`, `textbox.change()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trigger {
    pub(crate) component: usize,
    pub(crate) event: &'static str,
}

/// A list of components: the inputs or outputs of an event.
///
/// Implemented for `()` (none), one handle, tuples of handles (`(u, d)`), and arrays, slices and
/// vectors of [`AnyHandle`].
pub trait IntoComponents {
    /// The component ids, in order.
    fn into_ids(self) -> Vec<usize>;
}

impl IntoComponents for () {
    fn into_ids(self) -> Vec<usize> {
        Vec::new()
    }
}

impl<C> IntoComponents for Handle<C> {
    fn into_ids(self) -> Vec<usize> {
        vec![self.id]
    }
}

impl IntoComponents for AnyHandle {
    fn into_ids(self) -> Vec<usize> {
        vec![self.0]
    }
}

impl<const N: usize> IntoComponents for [AnyHandle; N] {
    fn into_ids(self) -> Vec<usize> {
        self.iter().map(|h| h.0).collect()
    }
}

impl IntoComponents for &[AnyHandle] {
    fn into_ids(self) -> Vec<usize> {
        self.iter().map(|h| h.0).collect()
    }
}

impl IntoComponents for Vec<AnyHandle> {
    fn into_ids(self) -> Vec<usize> {
        self.iter().map(|h| h.0).collect()
    }
}

macro_rules! tuple_components {
    ($($h:ident),+) => {
        impl<$($h),+> IntoComponents for ($(Handle<$h>,)+) {
            #[allow(non_snake_case)]
            fn into_ids(self) -> Vec<usize> {
                let ($($h,)+) = self;
                vec![$($h.id),+]
            }
        }
    };
}

tuple_components!(A);
tuple_components!(A, B);
tuple_components!(A, B, C);
tuple_components!(A, B, C, D);
tuple_components!(A, B, C, D, E);
tuple_components!(A, B, C, D, E, F);
tuple_components!(A, B, C, D, E, F, G);
tuple_components!(A, B, C, D, E, F, G, H);
