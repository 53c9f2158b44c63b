//! `deploy` and `createServerGroup`: every strategy, parallel clusters, rollback, images.
