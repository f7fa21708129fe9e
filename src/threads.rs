//! Threads: how many cores the engine may use for one large document (native builds only;
//! WebAssembly runs no second thread).

/// The cores this process may use (asked once).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn cores() -> usize {
    use std::sync::OnceLock;
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Whether this process may run work on a second core (never in WebAssembly, which runs no
/// second thread here).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn second_core() -> bool {
    cores() > 1
}

/// Whether this process may run work on a second core (never in WebAssembly, which runs no
/// second thread here).
#[cfg(target_arch = "wasm32")]
pub(crate) fn second_core() -> bool {
    false
}
