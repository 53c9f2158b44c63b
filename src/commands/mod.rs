//! One file per subcommand. Each turns its arguments into calls to the library modules and hands
//! the results to `ui`; the real work lives below.

pub(crate) mod completions;
pub(crate) mod man;
pub(crate) mod sandbox;

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
