//! The components a page is made of, one file each.
//!
//! Everything a component does is in its own file: its wire type and props, how a handler's
//! value becomes its props, how its value becomes a handler's input, which events a session may
//! fire, its upload rules (the [`Component`] trait). Nothing outside this module names a
//! component's wire type.
//!
//! Every component is a builder (`DownloadButton::new("Export").variant(Variant::Primary)`) that
//! [`Blocks::add`](crate::Blocks::add) turns into a [`Handle`], and has an `update()` type that a
//! handler returns to change its properties.

mod button;
mod button_options;
mod callout;
mod checkbox;
mod common;
mod component;
mod dataframe;
mod download_button;
mod dropdown;
mod file_value;
mod first_paint;
mod handle;
mod icon;
mod image;
mod layout;
mod markdown;
mod node;
mod number;
mod numeric;
mod progress_bar;
pub mod shortcut;
mod slider;
mod textbox;
mod timer;
mod upload_button;

pub use crate::files::upload::FileCount;
pub use button::{Button, ButtonUpdate};
pub use button_options::OnClick;
pub(crate) use button_options::{button_option_setters, label_html, ButtonOptions, ClickCallback};
pub use callout::{Callout, CalloutKind, CalloutUpdate};
pub use checkbox::{Checkbox, CheckboxUpdate};
pub(crate) use common::Common;
pub(crate) use common::{button_setters, button_update_setters, common_setters, update_setters};
pub use common::{IntoClasses, IntoKey, Size, Variant, Visibility};
pub(crate) use component::Behaviour;
pub use component::{
    cannot_show, Component, HeldProps, OutputContext, PageSettings, ScriptWidget, ServerTicks,
};
pub use dataframe::{
    Cell, Cells, Dataframe, DataframeUpdate, Table, TableError, MAX_CLIENT_CELLS,
    MAX_CLIENT_COLUMNS,
};
pub use download_button::{DownloadButton, DownloadButtonUpdate};
pub use dropdown::{Choice, Dropdown, DropdownUpdate};
pub(crate) use first_paint::{
    button_component as first_paint_button_component, outer as first_paint_outer, prop_text,
};
pub use handle::{AnyHandle, Handle, IntoComponents, Trigger};
pub(crate) use icon::ButtonIcon;
pub use icon::{Icon, IconError, IconPosition};
pub use image::{Image, ImageUpdate, Width};
pub use layout::{Accordion, Column, Group, Row};
pub use markdown::{Markdown, MarkdownUpdate};
pub use node::Node;
pub(crate) use node::ValueSpec;
pub use number::{Number, NumberUpdate};
pub use progress_bar::{ProgressBar, ProgressBarUpdate};
pub use slider::{Slider, SliderUpdate};
pub use textbox::{Textbox, TextboxUpdate};
pub use timer::{Every, Timer, TimerUpdate};
pub use upload_button::{UploadButton, UploadButtonUpdate};

/// The scripts of Ferry's own components that are drawn by a script of their own, which a Blocks
/// page loads only when it has one: a script app cannot know before it runs which it will show,
/// so its pages load them all (a few kilobytes).
pub(crate) fn extra_scripts() -> Vec<String> {
    [
        <Dataframe as Component>::script(),
        <Image as Component>::script(),
        <Callout as Component>::script(),
        <ProgressBar as Component>::script(),
    ]
    .into_iter()
    .flatten()
    .map(str::to_owned)
    .collect()
}
