//! A load balancer for tests: a loopback port that hands each new connection to a node chosen
//! at random (seeded), skipping nodes that do not answer, as a TCP balancer with health checks
//! does. Phones enrolled through it reach a random server node at every sync (their HTTP
//! client opens a new connection per sync).

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A running balancer in front of some server ports.
#[derive(Debug)]
pub struct Balancer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    /// Connections handed to each node so far.
    pub handed: Arc<Vec<AtomicU64>>,
}

/// A small seeded generator (xorshift), shared by the accepting thread.
#[derive(Debug)]
struct Picker(u64);

impl Picker {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn pipe(mut from: TcpStream, mut to: TcpStream) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = to.shutdown(Shutdown::Write);
    let _ = from.shutdown(Shutdown::Read);
}

impl Balancer {
    /// Starts a balancer over the server ports `nodes`, choosing with `seed`.
    pub fn start(nodes: Vec<u16>, seed: u64) -> Balancer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind balancer");
        let port = listener.local_addr().expect("address").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = Arc::new(AtomicBool::new(false));
        let handed: Arc<Vec<AtomicU64>> =
            Arc::new(nodes.iter().map(|_| AtomicU64::new(0)).collect());
        let picker = Arc::new(Mutex::new(Picker(seed | 1)));
        let (stopping, counts) = (stop.clone(), handed.clone());
        std::thread::spawn(move || {
            while !stopping.load(Ordering::Relaxed) {
                let client = match listener.accept() {
                    Ok((c, _)) => c,
                    Err(_) => {
                        std::thread::sleep(Duration::from_millis(2));
                        continue;
                    }
                };
                let _ = client.set_nonblocking(false);
                let first = picker
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .next(nodes.len());
                let backend = (0..nodes.len()).find_map(|i| {
                    let n = (first + i) % nodes.len();
                    TcpStream::connect_timeout(
                        &([127, 0, 0, 1], nodes[n]).into(),
                        Duration::from_millis(500),
                    )
                    .ok()
                    .map(|s| (n, s))
                });
                let Some((n, server)) = backend else {
                    continue;
                };
                counts[n].fetch_add(1, Ordering::Relaxed);
                let (c2, s2) = match (client.try_clone(), server.try_clone()) {
                    (Ok(c), Ok(s)) => (c, s),
                    _ => continue,
                };
                std::thread::spawn(move || pipe(client, server));
                std::thread::spawn(move || pipe(s2, c2));
            }
        });
        Balancer { port, stop, handed }
    }

    /// The address phones are given.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
