//! Unit tests of the expression module: the oracle's recorded cases, a documentation
//! conformance table, one test per helper, syntax checks, properties and the grammar doc.

mod conformance;
mod grammar;
mod helpers;
pub(crate) mod oracle;
mod properties;
mod support;
mod syntax;
