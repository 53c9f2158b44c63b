//! Everything that reaches the terminal goes through here: results on stdout, diagnostics and
//! progress on stderr. Other modules hand over data; they never print.

pub(crate) mod diagnostic;
pub(crate) mod execution_log;
pub(crate) mod live;
pub(crate) mod live_render;
pub(crate) mod live_state;
pub(crate) mod printer;
pub(crate) mod prompt;
pub(crate) mod table;

pub(crate) use printer::Printer;
