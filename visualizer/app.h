// App: owns the open trace (model, keyframes, cursor), the compare trace, and every panel's
// state; decides which panels draw and where; turns keys into cursor moves. The one place that
// moves the cursor on behalf of the panels (their clicks arrive as PanelRequests). A benchmark
// result opens instead in the Benchmark view (panels/bench_panel.h).
// main.cpp runs the frame loop around it; screenshot.h captures a frame.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "file_browser.h"
#include "model/bench_result.h"
#include "model/keyframes.h"
#include "model/panel_layout.h"
#include "model/predict_session.h"
#include "model/replay_cursor.h"
#include "model/thread_lanes.h"
#include "model/trace_follower.h"
#include "model/trace_model.h"
#include "panels/bench_panel.h"
#include "panels/compare_panel.h"
#include "panels/controls_panel.h"
#include "panels/event_log_panel.h"
#include "panels/predict_panel.h"
#include "panels/timeline_panel.h"

namespace lab::viz {

struct AppOptions {
    std::string trace;
    std::string compare;
    std::size_t step = 0;      // the position to show once loaded (--step N)
    bool hasStep = false;
    std::string search;        // the Event log's search text to start with (--search TEXT)
    bool screenshot = false;   // no recent-file writes, no saved layout
    bool predict = false;      // start in predict mode (--predict)
    bool follow = false;       // the trace is still being written: read on as it grows (--follow)
};

// Predict mode (app_predict.cpp): on or off, the questions of the open trace and the position
// the last frame ended at (a move forward from there stops before an unanswered question).
struct PredictState {
    bool on = false;
    const TraceModel* model = nullptr;  // the trace `session` was made for
    PredictSession session;
    std::size_t last = 0;
};

// A trace and everything replaying it needs, at a stable address (the cursor points into it).
struct OpenTrace {
    TraceModel model;
    Keyframes keyframes;
    ThreadLanes lanes;  // empty unless the trace records threads' lives
    std::unique_ptr<ReplayCursor> cursor;
    std::unique_ptr<TraceFollower> follower;  // set when the trace is followed as it is written
};

class App {
public:
    explicit App(AppOptions options);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Draw one frame's windows (between ImGui::NewFrame and ImGui::Render). `dt` in seconds.
    void frame(float dt);
    // Starts loading in the background; the progress bar shows until it is done. A benchmark
    // result (BenchResult::looksLikeBench) is read at once and shown in the Benchmark view.
    void open(const std::string& path, bool asCompare = false);
    bool loading() const { return loader_ != nullptr; }
    // A big trace's first events are on screen while the rest indexes.
    bool showingFirst() const { return loader_ && loader_->firstShown; }
    bool playing() const { return main_ && main_->cursor->playing(); }
    bool quitRequested() const { return quit_; }
    // Loaded (or failed) and positioned: what a screenshot waits for.
    bool settled() const { return !loader_ && !pendingCompare_; }
    // ~/.config/reactor-lab/NAME ($XDG_CONFIG_HOME first), or "" with no home: where the viewer keeps
    // what it remembers between runs (recent traces, the learner's layout, imgui.ini).
    static std::string configFile(const char* name);

private:
    struct Loader {
        std::string path;
        bool compare = false;
        LoadProgress progress;
        std::atomic<bool> done{false};
        std::unique_ptr<OpenTrace> result;
        // A big trace's first events, indexed before the rest so that they can be stepped through
        // while the whole file indexes (issue 16 item 2); the frame loop shows them once ready.
        std::unique_ptr<OpenTrace> first;
        std::atomic<bool> firstReady{false};
        bool firstShown = false;
        std::thread thread;
    };

    void finishLoading();
    // Puts a loaded trace on screen; `replacesFirst`: it is the whole of the trace whose first
    // events are showing, so the position, play state and breakpoints carry over.
    void show(std::unique_ptr<OpenTrace> trace, bool compare, bool replacesFirst);
    void followTrace(float dt);
    void openBench(const std::string& path);
    void drawBench();
    void handleKeys();
    void handlePredictKeys();
    void guardPredict();
    void answerPredict(const PredictRequest& request);
    void drawMenu();
    void drawPanels();
    template <typename Draw>
    void drawPanel(const PanelLayout& layout, PanelId panel, const char* title, Draw draw);
    void drawLoading();
    void drawWelcome();
    void drawProblems();
    void drawHelp();
    // The layout a replay opens with (app_layout.cpp).
    const std::vector<PanelId>& chapterFront();
    void loadLearnerLayout();
    void noticeLearnerLayout(const PanelRect& placed);
    void resetLayout();
    void rememberRecent(const std::string& path);
    void loadRecent();

    AppOptions options_;
    std::unique_ptr<OpenTrace> main_;
    std::unique_ptr<OpenTrace> compare_;
    std::unique_ptr<Loader> loader_;
    std::unique_ptr<BenchResult> bench_;  // when set, the window shows the Benchmark view
    BenchViewState benchView_;
    CompareState compareState_;
    bool pendingCompare_ = false;   // a --compare trace waits for the main one to finish
    std::vector<std::string> recent_;
    ControlsState controls_;
    FollowView follow_;
    float sinceLook_ = 0;  // seconds since the followed file was last read
    EventLogState eventLog_;
    TimelineState timeline_;
    PredictState predict_;
    FileBrowser browser_;
    bool browserForCompare_ = false;
    bool showHelp_ = false;
    bool showProblems_ = false;
    bool showCompare_ = true;
    bool layoutDirty_ = true;
    bool learnerLayout_ = false;              // the learner moved a panel: keep their layout
    const TraceModel* chapterFor_ = nullptr;  // the trace chapterFront_ was read for
    std::vector<PanelId> chapterFront_;
    float lastWidth_ = 0, lastHeight_ = 0;
    bool quit_ = false;
};

}  // namespace lab::viz
