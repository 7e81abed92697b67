// ScriptedBackend: a Backend test double that reports whatever readiness the test queued, so the
// reactor's dispatch rules (hang-up, errors, order) can be checked without a kernel.
#pragma once

#include <deque>
#include <map>
#include <utility>

#include "backends/backend.h"

namespace lab::test {

class ScriptedBackend final : public Backend {
public:
    struct Shared {
        std::deque<std::vector<Readiness>> script;  // one entry per wait; empty script: nothing ready
        std::map<int, std::pair<bool, bool>> interest;
        std::vector<std::optional<Duration>> timeouts;  // every timeout the reactor asked for
    };
    explicit ScriptedBackend(Shared& shared) : shared_(shared) {}

    std::string_view name() const override { return "scripted"; }
    void setInterest(int fd, bool reading, bool writing) override {
        if (!reading && !writing) {
            shared_.interest.erase(fd);
        } else {
            shared_.interest[fd] = {reading, writing};
        }
    }
    void wait(std::optional<Duration> timeout, std::vector<Readiness>& ready) override {
        shared_.timeouts.push_back(timeout);
        ready.clear();
        if (shared_.script.empty()) return;
        ready = std::move(shared_.script.front());
        shared_.script.pop_front();
    }
    std::size_t watchedCount() const override { return shared_.interest.size(); }

private:
    Shared& shared_;
};

}  // namespace lab::test
