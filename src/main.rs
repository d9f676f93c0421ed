/// mimalloc instead of the system allocator: glibc's per-thread arenas kept
/// a third more memory than the heap held in a 10,000-file build (820 MB
/// resident for a 603 MB heap peak, heaptrack).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: the 16th of its options in v2 and
/// v3 alike (`mimalloc.h`); the sys crate names no constant for it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    guifan::cli::main(|memory| {
        let delay = match memory {
            // `check` never gives memory back (a first check of 10,000 files
            // took 0.86 s instead of 0.95, median of 8 runs each in turn).
            guifan::cli::Memory::Keep => -1,
            // Freed memory goes back to the system after 10 ms, not after
            // the second that this build of mimalloc waits by default: a
            // build's phases (search index, question bank, pages) each free
            // hundreds of megabytes, which the next phase otherwise held
            // beside its own (10,000 files: 459 MB peak instead of 505; 0 ms
            // gave 452 MB but cost a 1,000-file build a tenth more time in
            // page faults).
            guifan::cli::Memory::GiveBack => 10,
        };
        // SAFETY: sets an option, with a valid option and value; mimalloc's
        // options may be set at any time from any thread.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, delay) };
    })
}
