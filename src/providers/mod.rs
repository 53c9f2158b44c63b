//! Clients for the outside world. Uses nothing else of the crate.

pub(crate) mod url_fetch;
