// A stand-in for a hostile or broken vendor decoder, built as a plugin for the tests. The first byte
// of the "photo" says what it does (the other stand-in, FakeWltDecoder.cpp, decodes):
//   'A'  abort()s;  'S'  dereferences a null pointer;  'H'  hangs;
//   'O'  tries to open the file whose NUL-terminated path follows: pixel 0 is 1 when it could;
//   'F'  checks whether the descriptor whose number follows (4 bytes, little-endian) is open in its
//        process: pixel 0 is 1 when it is;
//   anything else: every pixel is that first byte.

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

extern "C" int onewindow_wlt_decode(const unsigned char* wlt, size_t wlt_size, unsigned char* rgb,
                                    size_t rgb_size) {
    if (wlt_size != 1024 || rgb_size != size_t{102} * 126 * 3)
        return -1;
    std::memset(rgb, 0, rgb_size);
    switch (wlt[0]) {
    case 'A':
        std::abort();
    case 'S': {
        volatile int* nowhere = nullptr;
        return *nowhere;
    }
    case 'H':
        for (;;)
            pause();
    case 'O': {
        char path[1024] = {};
        std::memcpy(path, wlt + 1, wlt_size - 1);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        rgb[0] = fd >= 0 ? 1 : 0;
        if (fd >= 0)
            close(fd);
        return 0;
    }
    case 'F': {
        int fd = wlt[1] | (wlt[2] << 8) | (wlt[3] << 16) | (wlt[4] << 24);
        rgb[0] = fcntl(fd, F_GETFD) >= 0 ? 1 : 0;
        return 0;
    }
    default:
        std::memset(rgb, wlt[0], rgb_size);
        return 0;
    }
}
