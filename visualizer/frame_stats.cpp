// FrameStats; see frame_stats.h.
#include "frame_stats.h"

#include <algorithm>
#include <cstdio>

namespace lab::viz {

namespace {

// This thread's CPU time, so the loader thread and other programs do not count.
double threadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

}  // namespace

void FrameStats::begin() { started_ = threadCpuMs(); }

void FrameStats::end(bool loading) {
    if (loading) return;
    last_ = threadCpuMs() - started_;
    ++frames_;
    total_ += last_;
    worst_ = std::max(worst_, last_);
}

void FrameStats::print() const {
    if (frames_ == 0) {
        std::printf("reactor-viz: frame stats: no frame drawn with a trace loaded\n");
        return;
    }
    std::printf("reactor-viz: frame stats: %d frames, UI CPU mean %.2f ms, max %.2f ms, last %.2f ms\n", frames_,
                total_ / frames_, worst_, last_);
    if (hasReadyTime()) std::printf("reactor-viz: the whole trace was on screen %.0f ms after opening it\n", readySeconds_ * 1e3);
}

}  // namespace lab::viz
