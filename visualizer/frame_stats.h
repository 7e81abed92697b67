// FrameStats: the CPU time of the UI side of each frame (App::frame and ImGui's layout, from
// NewFrame to Render; not the GPU or the software rasterizer), for `reactor-viz --frame-stats`.
// The budget is 16 ms a frame (60 Hz) with a million-event trace open; frames drawn while a
// trace is still loading with nothing of it on screen are not counted; frames that show a big
// trace's first events while the rest indexes are (the loader thread shares the CPU then).
#pragma once

#include <ctime>

namespace lab::viz {

class FrameStats {
public:
    void begin();
    void end(bool loading);
    // When the whole trace was first on screen, in seconds since it was opened: how long a
    // learner waits before a seek can go anywhere (issue 16).
    void ready(double seconds) { readySeconds_ = seconds; }
    bool hasReadyTime() const { return readySeconds_ >= 0; }
    void print() const;  // "frames N: CPU mean X ms, max Y ms (last Z ms)" on stdout

private:
    double started_ = 0;
    int frames_ = 0;
    double total_ = 0, worst_ = 0, last_ = 0;
    double readySeconds_ = -1;
};

}  // namespace lab::viz
