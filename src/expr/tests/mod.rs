//! Unit tests of the expression module.
