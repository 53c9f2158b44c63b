//! One file per subcommand. Each turns its arguments into calls to the library modules and hands
//! the results to `ui`; the real work lives below.

pub(crate) mod accounts;
pub(crate) mod children;
pub(crate) mod clusters;
pub(crate) mod completions;
pub(crate) mod config;
pub(crate) mod executions;
pub(crate) mod expr;
pub(crate) mod judge;
pub(crate) mod load;
pub(crate) mod man;
pub(crate) mod plan;
pub(crate) mod run;
pub(crate) mod sandbox;
pub(crate) mod server_group;
pub(crate) mod validate;

use crate::settings::GlobalSettings;
use crate::ui::Printer;

/// What every command receives besides its own arguments.
#[derive(Debug)]
pub(crate) struct Context {
    /// The resolved global settings.
    pub(crate) settings: GlobalSettings,
    /// Where output goes.
    pub(crate) printer: Printer,
}
