//! The pipeline document: loading with located errors ([`load`]), the stage model ([`model`]),
//! validation ([`validate()`]), the stage graph ([`graph`]) and the execution plan ([`plan`]).
//!
//! Nothing here runs a stage, prints, or reads the environment.

pub(crate) mod catalog;
pub(crate) mod conditions;
pub(crate) mod diagnostic;
pub(crate) mod expressions;
pub(crate) mod graph;
pub(crate) mod json_path;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod plan;
mod plan_cloud;
pub(crate) mod schema;
pub(crate) mod source_map;
pub(crate) mod stage_types;
pub(crate) mod validate;

pub(crate) use diagnostic::{Diagnostic, Severity};
pub(crate) use load::{SelectError, Selector};
pub(crate) use validate::validate;
