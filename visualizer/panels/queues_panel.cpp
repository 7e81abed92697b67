// The Queues panel; see queues_panel.h.
#include "panels/queues_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "model/labels.h"
#include "panels/style.h"

namespace lab::viz {

namespace {

bool contains(const std::vector<int>& fds, int fd) { return std::find(fds.begin(), fds.end(), fd) != fds.end(); }

void readyChips(const LoopState& state, const LoopState& previous) {
    const WaitState& wait = state.wait;
    bool any = false;
    auto handlerOf = [&](int fd) {
        auto r = state.readers.find(fd);
        if (r != state.readers.end()) return r->second;
        auto w = state.writers.find(fd);
        return w != state.writers.end() ? w->second : std::string("?");
    };
    for (int fd : wait.readable) {
        bool changed = !contains(previous.wait.readable, fd);
        std::string tip = "fd " + std::to_string(fd) + " (" + handlerOf(fd) + ") has data to read: its doRead() runs in the dispatch phase";
        style::chip("fd " + std::to_string(fd) + " read", style::groupColor(KindGroup::handler), changed, tip.c_str());
        any = true;
    }
    for (int fd : wait.writable) {
        bool changed = !contains(previous.wait.writable, fd);
        std::string tip = "fd " + std::to_string(fd) + " (" + handlerOf(fd) + ") can be written: its doWrite() runs in the dispatch phase";
        style::chip("fd " + std::to_string(fd) + " write", style::groupColor(KindGroup::connection), changed, tip.c_str());
        any = true;
    }
    for (int fd : wait.disconnected) {
        bool changed = !contains(previous.wait.disconnected, fd);
        style::chip("fd " + std::to_string(fd) + " hung up", style::groupColor(KindGroup::error), changed,
                    "the peer closed or the descriptor failed: the handler loses its connection");
        any = true;
    }
    if (any) {
        ImGui::NewLine();
    } else if (wait.waiting) {
        style::dimText("(waiting: the list fills when the wait returns)");
    } else {
        style::dimText(wait.seen ? "(nothing was ready: the wait timed out)" : "(no wait yet)");
    }
}

}  // namespace

void drawQueuesPanel(const PanelContext& context) {
    const LoopState& state = context.state;
    const LoopState& previous = context.previous;

    style::heading("Ready list (what the last wait returned)");
    readyChips(state, previous);

    std::string dueHeading = "Due timers (run at the next \"" + std::string(labelOf(kind::timersRun)) + "\")";
    style::heading(dueHeading.c_str());
    auto due = state.dueTimers();
    if (due.empty()) {
        style::dimText("(none due yet)");
    } else {
        for (const TimerState* timer : due) {
            bool changed = previous.timers.count(timer->id) == 0 || previous.timers.at(timer->id).due > previous.now;
            std::string tip = "scheduled at " + timer->at + ", due at " + formatDuration(timer->due);
            style::chip("timer " + std::to_string(timer->id), style::groupColor(KindGroup::timer), changed, tip.c_str());
        }
        ImGui::NewLine();
    }

    style::heading("Called this iteration (in order)");
    if (state.dispatched.empty()) {
        style::dimText("(no handler called yet this iteration)");
    } else {
        for (std::size_t i = 0; i < state.dispatched.size(); ++i) {
            const HandlerCall& call = state.dispatched[i];
            bool changed = i >= previous.dispatched.size() || !(previous.dispatched[i] == call);
            std::string text = call.handler + ".do" + (call.event == "write" ? "Write" : "Read") + "()  fd " + std::to_string(call.fd);
            ImGui::TextColored(changed ? style::kChangedText : ImVec4(0.85f, 0.87f, 0.9f, 1.0f), "%zu. %s", i + 1, text.c_str());
        }
    }

    // What just left: timers that fired or were cancelled at this step.
    if (state.finishedTimers.size() > 0 && !(state.finishedTimers == previous.finishedTimers)) {
        const TimerState& gone = state.finishedTimers.back();
        ImGui::Spacing();
        ImGui::TextColored(style::kChangedText, "Just left the timer queue: timer %lld (%s)", static_cast<long long>(gone.id),
                           gone.status == TimerState::Status::fired ? "fired" : "cancelled");
    }
    if (!state.errors.empty()) {
        style::heading("Errors logged (the loop went on)");
        for (const LoggedError& error : state.errors) {
            ImGui::TextColored(style::kBadText, "%s: %s", error.source.c_str(), error.error.c_str());
        }
    }
}

}  // namespace lab::viz
