//! Runs one execution: the [`scheduler`] walks the stage graph as Orca does, starting stages
//! when their requisites are done, running each stage's [`task`]s, and computing statuses
//! with the rules of [`completion`]. It knows nothing of clouds or terminals: stage types come
//! from a [`stage_definition::StageRegistry`], and everything that happens goes out as
//! [`event`]s.

pub(crate) mod child;
pub(crate) mod clock;
pub(crate) mod completion;
pub(crate) mod event;
pub(crate) mod expressions;
pub(crate) mod record;
pub(crate) mod scheduler;
pub(crate) mod stage_definition;
pub(crate) mod status;
pub(crate) mod synthetic;
pub(crate) mod task;
pub(crate) mod trigger;

#[cfg(test)]
mod before_stage_tests;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
