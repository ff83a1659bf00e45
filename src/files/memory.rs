//! Large buffers made ready before they are filled.

/// Below this size a buffer's pages are left to fault in as it fills.
const PREPARE_FROM: usize = 4 << 20;

/// An empty `String` with room for `capacity` bytes. A large one has its
/// pages mapped in one call before it fills: on this project's virtual
/// machines, faulting 100 MB in page by page took 0.26 s, one call 0.05 s.
pub fn string_with_capacity(capacity: usize) -> String {
    let s = String::with_capacity(capacity);
    if capacity >= PREPARE_FROM {
        populate(s.as_ptr(), capacity);
    }
    s
}

#[cfg(target_os = "linux")]
fn populate(start: *const u8, len: usize) {
    const PAGE: usize = 4096;
    let first = (start as usize).next_multiple_of(PAGE);
    let end = (start as usize + len) / PAGE * PAGE;
    if end > first {
        // SAFETY: advice on whole pages inside this allocation, which hold
        // no initialized byte yet; where the kernel does not know it (before
        // Linux 5.14) it fails and the pages fault in as they fill.
        unsafe { libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_POPULATE_WRITE) };
    }
}

#[cfg(not(target_os = "linux"))]
fn populate(_: *const u8, _: usize) {}

#[cfg(test)]
mod tests {
    #[test]
    fn a_prepared_string_is_an_empty_string() {
        let mut s = super::string_with_capacity(8 << 20);
        assert!(s.is_empty() && s.capacity() >= 8 << 20);
        s.push_str("نص");
        assert_eq!(s, "نص");
    }
}
