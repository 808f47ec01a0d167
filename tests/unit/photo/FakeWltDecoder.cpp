// A stand-in for a vendor's WLT decoder shim, built as a plugin for the tests: it "decodes" by
// spreading the input bytes over the image (so different photos give different pictures), and
// refuses a photo whose first byte is 0xFF, as a real decoder refuses a damaged one.

#include <cstddef>
#include <cstring>

extern "C" int onewindow_wlt_decode(const unsigned char* wlt, size_t wlt_size, unsigned char* rgb,
                                    size_t rgb_size) {
    if (wlt_size != 1024 || rgb_size != 102 * 126 * 3)
        return -1;
    if (wlt[0] == 0xFF)
        return 7;
    for (size_t i = 0; i < rgb_size; ++i)
        rgb[i] = wlt[i % wlt_size];
    return 0;
}
