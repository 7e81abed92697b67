// App; see app.h. Reading order: frame(), then drawPanels(); the keys are in app_keys.cpp.
#include "app.h"

#include <GLFW/glfw3.h>  // key codes only: ImGui 1.86 indexes io.KeysDown by GLFW key
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "model/labels.h"
#include "model/panel_layout.h"
#include "panels/compare_panel.h"
#include "panels/connections_panel.h"
#include "panels/deferreds_panel.h"
#include "panels/handlers_panel.h"
#include "panels/http_requests_panel.h"
#include "panels/inspector_panel.h"
#include "panels/loop_panel.h"
#include "panels/queues_panel.h"
#include "panels/style.h"
#include "panels/threads_panel.h"
#include "panels/timers_panel.h"

namespace lab::viz {

namespace {

void placeWindow(const PanelRect& r, bool force) {
    ImGuiCond condition = force ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), condition);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), condition);
}

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoCollapse;

// A trace bigger than this shows its first events while the rest indexes: below it the whole
// index takes well under a second (figures: build/bin/viz-bench-seek).
constexpr std::uintmax_t kShowFirstFrom = 16u << 20;
constexpr std::size_t kFirstEvents = 50000;

bool bigTrace(const std::string& path) {
    std::error_code error;
    std::uintmax_t size = std::filesystem::file_size(path, error);
    return !error && size > kShowFirstFrom;
}

}  // namespace

App::App(AppOptions options) : options_(std::move(options)) {
    predict_.on = options_.predict;
    if (!options_.screenshot) loadRecent();
    loadLearnerLayout();
    if (!options_.trace.empty()) open(options_.trace);
    pendingCompare_ = !options_.compare.empty() && !bench_;
}

App::~App() {
    if (loader_ && loader_->thread.joinable()) loader_->thread.join();
}

void App::open(const std::string& path, bool asCompare) {
    if (loader_) return;  // one load at a time
    if (BenchResult::looksLikeBench(path)) return openBench(path);
    loader_ = std::make_unique<Loader>();
    loader_->path = path;
    loader_->compare = asCompare;
    Loader* loader = loader_.get();
    bool follow = options_.follow && !asCompare;
    loader_->thread = std::thread([loader, follow] {
        auto trace = std::make_unique<OpenTrace>();
        if (follow) {
            // What the file holds so far, read as a followed file is read on (trace_follower.h).
            trace->model = TraceModel::following(loader->path);
            trace->keyframes = Keyframes(trace->model);
            trace->follower = std::make_unique<TraceFollower>(loader->path);
            trace->follower->catchUp(trace->model, trace->keyframes, SIZE_MAX);
        } else {
            if (!loader->compare && bigTrace(loader->path)) {
                auto first = std::make_unique<OpenTrace>();
                first->model = TraceModel::load(loader->path, nullptr, kFirstEvents);
                first->keyframes = Keyframes(first->model);
                first->lanes = ThreadLanes::build(first->model);
                loader->first = std::move(first);
                loader->firstReady = true;
            }
            KeyframedTrace loaded = loadWithKeyframes(loader->path, &loader->progress);
            trace->model = std::move(loaded.model);
            trace->keyframes = std::move(loaded.keyframes);
        }
        trace->lanes = ThreadLanes::build(trace->model);
        loader->progress.stage = 3;
        loader->result = std::move(trace);
        loader->done = true;
    });
}

void App::openBench(const std::string& path) {
    // A benchmark result is a few kilobytes: read at once, no loader thread.
    bench_ = std::make_unique<BenchResult>(BenchResult::load(path));
    main_.reset();
    compare_.reset();
    if (!bench_->problems().empty()) showProblems_ = true;
    if (!options_.screenshot && !bench_->rows().empty()) rememberRecent(path);
    layoutDirty_ = true;
}

void App::drawBench() {
    float top = ImGui::GetFrameHeight();
    placeWindow(PanelRect{0, top, ImGui::GetIO().DisplaySize.x, ImGui::GetIO().DisplaySize.y - top}, layoutDirty_);
    if (ImGui::Begin("Benchmark###Benchmark", nullptr, kPanelFlags)) drawBenchPanel(*bench_, benchView_);
    ImGui::End();
}

void App::finishLoading() {
    if (!loader_) return;
    if (loader_->firstReady && !loader_->firstShown) {
        loader_->firstShown = true;
        show(std::move(loader_->first), false, false);
        return;
    }
    if (!loader_->done) return;
    loader_->thread.join();
    std::unique_ptr<OpenTrace> trace = std::move(loader_->result);
    bool compare = loader_->compare;
    bool replacesFirst = loader_->firstShown;
    loader_.reset();
    show(std::move(trace), compare, replacesFirst);
    layoutDirty_ = layoutDirty_ || !learnerLayout_;  // a learner's own layout stays as they left it
    if (pendingCompare_) {
        pendingCompare_ = false;
        open(options_.compare, true);
    }
}

void App::show(std::unique_ptr<OpenTrace> trace, bool compare, bool replacesFirst) {
    trace->cursor = std::make_unique<ReplayCursor>(trace->model, trace->keyframes);
    if (!trace->model.problems().empty()) showProblems_ = true;
    if (!options_.screenshot && trace->model.hasHeader() && !loader_) rememberRecent(trace->model.path());
    if (compare) {
        compare_ = std::move(trace);
        showCompare_ = true;
        return;
    }
    if (replacesFirst && main_) {
        // The learner may have stepped, played or set breakpoints in the first events: the whole
        // trace goes on from there.
        const ReplayCursor& was = *main_->cursor;
        ReplayCursor& cursor = *trace->cursor;
        cursor.setSpeed(was.speed());
        for (const std::string& kind : was.breakpoints()) cursor.setBreakpoint(kind, true);
        cursor.seek(was.position());
        if (was.playing()) cursor.play();
        main_ = std::move(trace);
    } else {
        bench_.reset();
        main_ = std::move(trace);
        main_->cursor->setSpeed(controlsSpeed(controls_.speedIndex));
        eventLog_ = EventLogState{};
        options_.search.copy(eventLog_.search, sizeof eventLog_.search - 1);
        timeline_ = TimelineState{};
        follow_ = FollowView{};
    }
    if (main_->follower) {
        follow_.on = true;
        follow_.path = std::filesystem::path(main_->follower->path()).filename().string();
        follow_.fileSeen = main_->follower->fileSeen();
        main_->cursor->toEnd();
    }
    if (options_.hasStep && !loader_) {
        main_->cursor->seek(options_.step);
        options_.hasStep = false;
    }
}

// reactor-viz --follow: the file is read ten times a second (the writer flushes each iteration
// at its wait); the view moves to the newest event only while it was on it and not held.
void App::followTrace(float dt) {
    sinceLook_ += dt;
    if (sinceLook_ < 0.1f) return;
    sinceLook_ = 0;
    bool live = main_->cursor->atEnd() && !follow_.held;
    std::size_t problems = main_->model.problems().size();
    std::size_t arrived = main_->follower->catchUp(main_->model, main_->keyframes);
    follow_.fileSeen = main_->follower->fileSeen();
    if (main_->model.problems().size() != problems) showProblems_ = true;
    if (arrived == 0) return;
    if (main_->model.hasIds("thread")) main_->lanes = ThreadLanes::build(main_->model);
    if (live) main_->cursor->toEnd();
}

void App::frame(float dt) {
    finishLoading();
    if (main_ && main_->follower) followTrace(dt);
    ImGuiIO& io = ImGui::GetIO();
    if (io.DisplaySize.x != lastWidth_ || io.DisplaySize.y != lastHeight_) {
        lastWidth_ = io.DisplaySize.x;
        lastHeight_ = io.DisplaySize.y;
        layoutDirty_ = layoutDirty_ || !learnerLayout_;
    }
    handleKeys();
    drawMenu();
    if (bench_) {
        drawBench();
    } else if (main_) {
        main_->cursor->tick(dt);
        guardPredict();
        drawPanels();
    } else if (!loader_) {
        drawWelcome();
    }
    if (loader_) drawLoading();
    if (showProblems_) drawProblems();
    if (showHelp_) drawHelp();
    if (auto chosen = browser_.draw()) open(*chosen, browserForCompare_);
    layoutDirty_ = false;
}

// Which panels draw, and where (model/panel_layout.h decides where; each panel's file draws it).
void App::drawPanels() {
    ImGuiIO& io = ImGui::GetIO();
    const TraceModel& model = main_->model;
    LayoutInput input;
    input.width = io.DisplaySize.x;
    input.height = io.DisplaySize.y;
    input.top = ImGui::GetFrameHeight();
    input.hasDeferreds = model.hasIds("deferred");
    input.hasConnections = model.hasIds("connection");
    input.hasHttpRequests = model.kindId(kind::httpRequest) >= 0 || model.kindId(kind::httpResponse) >= 0;
    input.hasThreadLanes = !main_->lanes.empty();
    input.hasEventLoop = hasEventLoop(model);
    input.front = chapterFront();
    PanelLayout layout = layoutPanels(input);

    PanelRequests requests;
    const ReplayCursor& cursor = *main_->cursor;
    PanelContext context{model, cursor, cursor.state(), cursor.previous(), requests};
    std::string controls = "Controls: " + model.program() + "  (" + model.backend() + ", " + model.clock() + " clock)  " +
                           std::filesystem::path(model.path()).filename().string() + "###Controls";
    drawPanel(layout, PanelId::controls, controls.c_str(), [&] { drawControlsPanel(controls_, *main_->cursor, &follow_); });
    drawPanel(layout, PanelId::threads, "Threads", [&] { drawThreadsPanel(context, main_->lanes); });
    drawPanel(layout, PanelId::loop, "Loop", [&] { drawLoopPanel(context); });
    drawPanel(layout, PanelId::queues, "Queues", [&] { drawQueuesPanel(context); });
    drawPanel(layout, PanelId::timers, "Timers", [&] { drawTimersPanel(context); });
    drawPanel(layout, PanelId::handlers, "Handlers", [&] { drawHandlersPanel(context); });
    drawPanel(layout, PanelId::connections, "Connections", [&] { drawConnectionsPanel(context); });
    drawPanel(layout, PanelId::httpRequests, "HTTP requests", [&] { drawHttpRequestsPanel(context); });
    drawPanel(layout, PanelId::deferreds, "Deferreds", [&] { drawDeferredsPanel(context); });
    drawPanel(layout, PanelId::inspector, "Inspector", [&] { drawInspectorPanel(context); });
    PredictRequest predictRequest;
    if (predict_.on) {
        drawPanel(layout, PanelId::eventLog, "Predict", [&] { drawPredictPanel(context, predict_.session, predictRequest); });
    } else {
        drawPanel(layout, PanelId::eventLog, "Event log", [&] { drawEventLogPanel(context, eventLog_); });
    }
    drawPanel(layout, PanelId::timeline, "Timeline", [&] { drawTimelinePanel(context, timeline_); });
    if (compare_ && showCompare_) {
        // Step the other trace with this one: the same elapsed time (compare_align.h).
        compareState_.last = alignTraces(model, cursor.position(), compare_->model, compareState_.wanted);
        compare_->cursor->seek(compareState_.last.position);
        placeWindow(layout.rect(PanelId::compare), layoutDirty_);
        ImGui::SetNextWindowBgAlpha(1.0f);  // it lies over the other panels: they must not show through
        if (ImGui::Begin("Compare", &showCompare_)) {
            drawComparePanel(context, main_->lanes, *compare_->cursor, compare_->lanes, compareState_);
        }
        ImGui::End();
    }
    if (requests.seek) main_->cursor->seek(*requests.seek);
    answerPredict(predictRequest);
}

// One panel window where the layout puts it (only the first time, or after a layout reset).
template <typename Draw>
void App::drawPanel(const PanelLayout& layout, PanelId panel, const char* title, Draw draw) {
    if (!layout.shows(panel)) return;
    placeWindow(layout.rect(panel), layoutDirty_);
    if (ImGui::Begin(title, nullptr, kPanelFlags)) {
        noticeLearnerLayout(layout.rect(panel));
        draw();
    }
    ImGui::End();
}

void App::drawMenu() {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open...", "Ctrl+O")) {
            browserForCompare_ = false;
            browser_.open("Open a trace", "");
        }
        if (ImGui::MenuItem("Open to compare...", nullptr, false, main_ != nullptr)) {
            browserForCompare_ = true;
            browser_.open("Open a trace to compare", "");
        }
        if (ImGui::BeginMenu("Recent", !recent_.empty())) {
            for (const std::string& path : recent_) {
                if (ImGui::MenuItem(path.c_str())) open(path);
            }
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) quit_ = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Reset layout")) resetLayout();
        ImGui::MenuItem("Compare", nullptr, &showCompare_, compare_ != nullptr);
        ImGui::MenuItem("Load problems", nullptr, &showProblems_);
        if (ImGui::MenuItem("Predict mode", "P", predict_.on, main_ != nullptr)) predict_.on = !predict_.on;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        ImGui::MenuItem("Keys and panels", "F1", &showHelp_);
        ImGui::EndMenu();
    }
    if (bench_) {
        ImGui::SameLine(ImGui::GetWindowWidth() * 0.45f);
        ImGui::TextColored(style::kDimText, "benchmark result  |  %zu rows", bench_->rows().size());
        if (!bench_->problems().empty()) {
            ImGui::SameLine();
            ImGui::TextColored(style::kBadText, "  %zu problem(s)", bench_->problems().size());
        }
    } else if (main_) {
        ImGui::SameLine(ImGui::GetWindowWidth() * 0.45f);
        ImGui::TextColored(style::kDimText, "%s  |  %zu events, %zu iterations", main_->model.program().c_str(),
                           main_->model.size(), main_->model.iterations().size());
        if (!main_->model.problems().empty()) {
            ImGui::SameLine();
            ImGui::TextColored(style::kBadText, "  %zu line(s) skipped", main_->model.problems().size());
        }
    }
    ImGui::EndMainMenuBar();
}

void App::drawLoading() {
    ImGuiIO& io = ImGui::GetIO();
    static const char* stages[] = {"Opening the file", "Indexing events", "Building keyframes", "Done"};
    int stage = std::clamp(loader_->progress.stage.load(), 0, 3);
    if (loader_->firstShown) {
        // The first events are on screen: a small window at the bottom, out of their way.
        ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 8.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
        ImGui::SetNextWindowSize(ImVec2(620, 0));
        ImGui::SetNextWindowBgAlpha(0.92f);
        ImGui::Begin("Indexing", nullptr,
                     ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing);
        ImGui::Text("%s (step %d of 3): %zu events so far", stages[stage], std::min(stage + 1, 3), loader_->progress.events.load());
        ImGui::ProgressBar(loader_->progress.fraction.load(), ImVec2(-1, 0));
        ImGui::TextColored(style::kDimText, "The first %zu events can be stepped through now; the rest follows when indexed.",
                           main_ ? main_->model.size() : 0);
        ImGui::End();
        return;
    }
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(520, 0));
    ImGui::Begin("Loading", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    ImGui::Text("%s", loader_->path.c_str());
    ImGui::Text("%s (step %d of 3)", stages[stage], std::min(stage + 1, 3));
    ImGui::ProgressBar(loader_->progress.fraction.load(), ImVec2(-1, 0));
    ImGui::End();
}

void App::drawWelcome() {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(560, 0));
    ImGui::Begin("reactor-viz", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    ImGui::TextWrapped("Open a trace to replay it: File > Open (Ctrl+O), drop a .jsonl file on this window, or run "
                       "./scripts/run to record a lesson's trace and open it.");
    if (ImGui::Button("Open...")) {
        browserForCompare_ = false;
        browser_.open("Open a trace", "");
    }
    if (!recent_.empty()) {
        style::heading("Recent");
        for (const std::string& path : recent_) {
            if (ImGui::Selectable(path.c_str())) open(path);
        }
    }
    ImGui::End();
}

void App::drawProblems() {
    const TraceModel* model = main_ ? &main_->model : nullptr;
    ImGui::SetNextWindowSize(ImVec2(720, 260), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.3f), ImGuiCond_FirstUseEver,
                            ImVec2(0.5f, 0.5f));
    if (ImGui::Begin("Load problems", &showProblems_)) {
        if (bench_ && !bench_->problems().empty()) {
            ImGui::TextWrapped("The benchmark result opened with %zu row(s); these problems were found:", bench_->rows().size());
            for (const BenchProblem& problem : bench_->problems()) ImGui::BulletText("%s", bench_->describe(problem).c_str());
        } else if (!model || model->problems().empty()) {
            ImGui::TextUnformatted("Every line of the trace was read.");
        } else {
            ImGui::TextWrapped("The trace opened with %zu event(s); these lines were skipped:", model->size());
            for (const TraceProblem& problem : model->problems()) {
                ImGui::BulletText("%s", problem.toString().c_str());
            }
        }
    }
    ImGui::End();
}

void App::rememberRecent(const std::string& path) {
    std::error_code error;
    std::string absolute = std::filesystem::absolute(path, error).string();
    recent_.erase(std::remove(recent_.begin(), recent_.end(), absolute), recent_.end());
    recent_.insert(recent_.begin(), absolute);
    if (recent_.size() > 10) recent_.resize(10);
    std::string file = configFile("recent-traces.txt");
    if (file.empty()) return;
    std::filesystem::create_directories(std::filesystem::path(file).parent_path(), error);
    std::ofstream out(file);
    for (const std::string& entry : recent_) out << entry << "\n";
}

void App::loadRecent() {
    std::ifstream in(configFile("recent-traces.txt"));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) recent_.push_back(line);
    }
}

}  // namespace lab::viz
