// libgooglepinyin (Debian 0.1.2-8) frees a new[] array with plain delete in
// SpellingTrie::build_ym_info, on every open: a library bug, harmless with glibc's allocator, that
// AddressSanitizer (the asan preset) would report and abort on. Our code is still checked for leaks,
// overflows and use-after-free; tests/lsan.supp names the library's own leaks.
// NOLINTNEXTLINE(bugprone-reserved-identifier,readability-identifier-naming): ASan's hook
extern "C" const char* __asan_default_options() {
    return "alloc_dealloc_mismatch=0";
}
