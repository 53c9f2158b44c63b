//! Local imitations of the cloud APIs gennaker deploys to.

pub(crate) mod cloudfoundry;
