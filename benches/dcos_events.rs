//! How soon a waiting DC/OS stage sees a change: a provider waits on a server group of a
//! simulated cluster, through Marathon's event stream, while the group is scaled over HTTP. The
//! time measured runs from the scale request to the waiter waking up (the aim: under 100 ms);
//! readying each change (letting the previous one settle, starting the waiter) is not timed.

fn main() {
    let latency = gennaker::ChangeLatency::new();
    let mut samples: Vec<std::time::Duration> =
        (0..30).map(|_| latency.finish(latency.prepare())).collect();
    samples.sort();
    println!(
        "change seen by a waiting stage: median {:?}, worst {:?} of {} changes",
        samples[samples.len() / 2],
        samples[samples.len() - 1],
        samples.len()
    );
    divan::main();
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn change_seen_by_a_waiting_stage(bencher: divan::Bencher) {
    let latency = gennaker::ChangeLatency::new();
    bencher
        .with_inputs(|| latency.prepare())
        .bench_local_values(|pending| latency.finish(pending));
}
