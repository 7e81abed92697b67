// TraceFollower: a trace file that a running program is still writing, read on as it grows, for
// `reactor-viz --follow` (the program writes with REACTOR_LAB_TRACE_LIVE=1, so each iteration
// reaches the file when the loop waits: reactor/trace/json_lines_sink.h).
// Each catchUp() hands the whole lines the file has gained to the model (TraceModel::catchUp,
// indexed as a load indexes) and the keyframes (Keyframes::extend); a half-written last line is
// waited for, not reported. A file that does not exist yet is waited for too (the viewer may start
// before the server has opened its trace). A file that shrinks was started again by its writer:
// that is said once as a problem, and the model keeps what it had.
// No ImGui here; tested in tests/visualizer/trace_follow_test.cpp.
#pragma once

#include <cstddef>
#include <fstream>
#include <string>

#include "model/keyframes.h"
#include "model/trace_model.h"
#include "trace/trace_reader.h"

namespace lab::viz {

class TraceFollower {
public:
    explicit TraceFollower(std::string path);
    TraceFollower(const TraceFollower&) = delete;
    TraceFollower& operator=(const TraceFollower&) = delete;

    // Reads on, at most `maxEvents` events (so one frame never stalls on a burst); returns how
    // many arrived. Call it again soon when it returns maxEvents: there may be more.
    std::size_t catchUp(TraceModel& model, Keyframes& keyframes, std::size_t maxEvents = kDefaultBatch);
    bool fileSeen() const { return in_.is_open(); }
    const std::string& path() const { return path_; }

    static constexpr std::size_t kDefaultBatch = 200000;

private:
    std::string path_;
    std::ifstream in_;
    TraceStream stream_;
    bool shrinkReported_ = false;
};

}  // namespace lab::viz
