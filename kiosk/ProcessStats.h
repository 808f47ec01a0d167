#pragma once
// Figures the benchmark prints: time since the process was created, and peak resident memory.

namespace kiosk::app {

double milliseconds_since_process_start(); // 10 ms resolution (kernel clock ticks)
long peak_rss_kb();                        // VmHWM from /proc/self/status

} // namespace kiosk::app
