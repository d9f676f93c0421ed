//! Memory freed by one phase of a build given back to the system before
//! the next phase takes its own.
//!
//! mimalloc (the binary's global allocator) keeps what a thread frees for
//! that thread to use again, and returns it to the system only later; a
//! large build's phases (the search index, the question bank, the pages)
//! each free hundreds of megabytes on both cores, so the next phase's
//! memory came on top (10,000 files: 502 MB peak, 459 with this after the
//! index and after the bank). Returning memory at every free instead
//! (`purge_delay` 0) gave the same peak but cost a 1,000-file build a
//! tenth more time in page faults.

/// Return the memory that every thread of rayon's pool and this one have
/// freed. Does nothing to speak of when mimalloc is not the global
/// allocator (the library's tests): its own heaps are then empty.
pub fn give_back() {
    // SAFETY: `mi_collect` may be called at any time, from any thread; it
    // only returns memory that is free.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}
