//! Starting and stopping a simulated foundation, and the handle tests and the sandbox hold.
//!
//! Ownership and shutdown: [`CloudFoundrySimulator::start`] binds both listeners on
//! `127.0.0.1:0` in the caller's thread (so the URLs are known and bind errors are returned),
//! then serves them from a dedicated thread running its own single-threaded tokio runtime. The
//! handle owns that thread: dropping it (or calling [`CloudFoundrySimulator::shutdown`]) signals
//! the thread, which stops serving, drops the runtime and is joined. Because the runtime is its
//! own, the simulator works from plain `#[test]`s and from inside another runtime alike.

use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::oneshot;

use super::clock::SimClock;
use super::config::CloudFoundryConfig;
use super::connection::{CuttableListener, Peer};
use super::faults::{CloudFoundryFaults, FaultDice};
use super::guid::GuidSource;
use super::request_log::RecordedRequest;
use super::shared::{Shared, lock};
use super::world::Foundation;
use super::{overview, router, uaa};

/// A running Cloud Controller + UAA pair.
#[derive(Debug)]
pub struct CloudFoundrySimulator {
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

fn bind_loopback() -> io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

impl CloudFoundrySimulator {
    /// Seeds a foundation from `config` and starts serving it.
    pub fn start(config: &CloudFoundryConfig) -> io::Result<Self> {
        let api = bind_loopback()?;
        let uaa_listener = bind_loopback()?;
        let clock = SimClock::new(config.clock);
        let guids = GuidSource::default();
        let world = Foundation::from_config(config, &guids, clock.now())
            .map_err(|message| io::Error::new(io::ErrorKind::InvalidData, message))?;
        let shared = Arc::new(Shared {
            world: Mutex::new(world),
            clock,
            guids,
            timing: config.timing.clone(),
            docker_enabled: config.docker_enabled,
            rate_limit: config.rate_limit.clone(),
            rate_windows: Mutex::default(),
            dice: Mutex::new(FaultDice::new(config.fault_seed)),
            requests: Mutex::default(),
            served: AtomicU64::new(0),
            api_url: format!("http://{}", api.local_addr()?),
            uaa_url: format!("http://{}", uaa_listener.local_addr()?),
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (api, uaa_listener) = {
            let _context = runtime.enter();
            (
                tokio::net::TcpListener::from_std(api)?,
                tokio::net::TcpListener::from_std(uaa_listener)?,
            )
        };
        let api_app =
            router::cloud_controller(shared.clone()).into_make_service_with_connect_info::<Peer>();
        let uaa_app = uaa::router(shared.clone()).into_make_service_with_connect_info::<Peer>();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("cf-simulator".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    let api_server = axum::serve(CuttableListener(api), api_app);
                    let uaa_server = axum::serve(CuttableListener(uaa_listener), uaa_app);
                    // Serving only ends on error or when the handle asks; either way, stop both.
                    tokio::select! {
                        _ = api_server => {}
                        _ = uaa_server => {}
                        _ = stopped => {}
                    }
                });
                runtime.shutdown_timeout(Duration::from_millis(200));
            })?;
        Ok(Self {
            shared,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT` of the Cloud Controller (`GET /`, `/v3/...`).
    pub fn api_url(&self) -> &str {
        &self.shared.api_url
    }

    /// `http://127.0.0.1:PORT` of UAA (`POST /oauth/token`).
    pub fn uaa_url(&self) -> &str {
        &self.shared.uaa_url
    }

    /// Moves a manual clock forward (no effect on a real clock).
    pub fn advance(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    pub fn faults(&self) -> CloudFoundryFaults {
        lock(&self.shared.world).faults.clone()
    }

    /// Replaces every fault knob; takes effect from the next request.
    pub fn set_faults(&self, faults: CloudFoundryFaults) {
        lock(&self.shared.world).faults = faults;
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.requests).clone()
    }

    /// How many requests both listeners received, `/_simulator` included; it grows with every
    /// request, so an unchanged count means nobody called.
    pub fn requests_served(&self) -> u64 {
        self.shared.served.load(Ordering::Relaxed)
    }

    pub fn clear_requests(&self) {
        lock(&self.shared.requests).clear();
    }

    /// The whole foundation as JSON, brought up to the current time: apps, processes (with
    /// their instance runs), routes, packages, builds, droplets, tasks, services, jobs, tokens
    /// and faults. Pass it back as [`CloudFoundryConfig::restore`] to resume from it.
    pub fn snapshot(&self) -> Value {
        let (world, _) = self.shared.settled();
        serde_json::to_value(&*world).unwrap_or_default()
    }

    /// What runs where, brought up to the current time: each app with its org, space, state,
    /// image, processes (instance count and each instance's state) and routed URLs.
    pub fn overview(&self) -> Value {
        let (world, now) = self.shared.settled();
        overview::overview(&world, now, &self.shared)
    }

    /// Stops serving and waits for the serving thread to finish.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        if let Some(stop) = self.stop.take() {
            // The receiver is gone only if the server already stopped; nothing left to signal.
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            // A panic on the serving thread has already been reported by the panic hook.
            let _ = thread.join();
        }
    }
}

impl Drop for CloudFoundrySimulator {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

#[cfg(test)]
mod tests {
    use super::CloudFoundrySimulator;

    #[test]
    fn the_handle_can_be_shared_across_threads_and_tasks() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<CloudFoundrySimulator>();
    }
}
