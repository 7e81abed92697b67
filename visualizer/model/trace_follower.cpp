// TraceFollower; see trace_follower.h.
#include "model/trace_follower.h"

#include <filesystem>
#include <system_error>

namespace lab::viz {

TraceFollower::TraceFollower(std::string path) : path_(std::move(path)), stream_(in_, path_, true) {}

std::size_t TraceFollower::catchUp(TraceModel& model, Keyframes& keyframes, std::size_t maxEvents) {
    if (!in_.is_open()) {
        in_.open(path_, std::ios::binary);
        if (!in_.is_open()) return 0;  // not written yet: look again next time
    }
    std::error_code error;
    auto size = std::filesystem::file_size(path_, error);
    in_.clear();
    auto at = in_.tellg();
    if (!error && at >= 0 && size < static_cast<std::uintmax_t>(at) && !shrinkReported_) {
        shrinkReported_ = true;
        model.addProblem(TraceProblem{path_, 0, "the file got shorter while followed (its program started writing it again); "
                                                 "what was read is kept: open the file again to see the new run"});
    }
    std::size_t arrived = model.catchUp(stream_, maxEvents);
    if (arrived > 0) keyframes.extend(model);
    return arrived;
}

}  // namespace lab::viz
