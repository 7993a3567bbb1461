//! Giving freed memory back to the operating system between the large stages of a run.
//!
//! glibc's allocator keeps memory freed by one thread's arena for that arena: after the
//! near-verbatim fingerprints of a 100k-article corpus (~700 MB in ~100k small vectors) are
//! dropped, they stayed resident while the next stage allocated its own ~400 MB elsewhere,
//! which decided the run's peak memory. `malloc_trim(0)` returns the free pages of every
//! arena (glibc ≥ 2.8). Other platforms and allocators return memory on their own terms, so
//! this is a no-op there.

/// Return freed heap pages to the operating system (Linux with glibc; elsewhere nothing).
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim takes a plain integer, touches only the allocator's own free
        // lists and is thread-safe (it takes each arena's lock).
        unsafe {
            malloc_trim(0);
        }
    }
}
