//! Unit tests of the expression module.

mod oracle;
