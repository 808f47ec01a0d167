// A library that loads but does not export onewindow_wlt_decode (a vendor library used directly,
// without its shim): the kiosk must say so, not crash.

extern "C" int Wlt2Bmp(const char*, const char*) {
    return 1;
}
