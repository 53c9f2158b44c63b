//! The state both listeners share, and the one lock that guards the foundation.
//!
//! Ownership: [`Shared`] lives in an `Arc` held by the router of each listener and by the
//! [`super::CloudFoundrySimulator`] handle. The foundation sits behind a single `std` mutex
//! that is never held across an `.await`: a handler locks, settles every time-driven state
//! machine up to "now", reads or changes what it needs, renders its response and unlocks.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;

use super::clock::{Millis, SimClock};
use super::config::{RateLimitConfig, Timing};
use super::error::ApiError;
use super::faults::FaultDice;
use super::guid::GuidSource;
use super::rate_limit::Window;
use super::request_log::RecordedRequest;
use super::world::Foundation;

/// Shared by every handler of both listeners.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) world: Mutex<Foundation>,
    pub(crate) clock: SimClock,
    pub(crate) guids: GuidSource,
    pub(crate) timing: Timing,
    pub(crate) docker_enabled: bool,
    pub(crate) rate_limit: Option<RateLimitConfig>,
    pub(crate) rate_windows: Mutex<HashMap<String, Window>>,
    pub(crate) dice: Mutex<FaultDice>,
    pub(crate) requests: Mutex<Vec<RecordedRequest>>,
    /// Every request either listener received, `/_simulator` included: how the sandbox tells
    /// it is idle (the log above forgets and skips control calls).
    pub(crate) served: AtomicU64,
    /// `http://127.0.0.1:PORT` of the Cloud Controller, the base of every `href`.
    pub(crate) api_url: String,
    /// `http://127.0.0.1:PORT` of UAA, advertised as `links.login` and `links.uaa`.
    pub(crate) uaa_url: String,
}

/// What handlers extract from the router state.
pub(crate) type Ctx = Arc<Shared>;

/// Locks a mutex, carrying on after a panic elsewhere: every critical section leaves the data
/// consistent before anything that could panic, and a simulator that stops answering would be
/// worse than one that shows the last consistent state.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    /// Locks the foundation after bringing every state machine up to the current time.
    pub(crate) fn settled(&self) -> (MutexGuard<'_, Foundation>, Millis) {
        let now = self.clock.now();
        let mut world = lock(&self.world);
        world.settle(now, self);
        (world, now)
    }

    /// An absolute URL on the Cloud Controller.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.api_url)
    }
}

/// The query string as ordered pairs; a malformed query becomes a CC 400 body.
pub(crate) struct Params(pub(crate) Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map(|Query(pairs)| Self(pairs))
            .map_err(|rejection| {
                ApiError::bad_query(format!("The query parameter is invalid: {rejection}"))
            })
    }
}
