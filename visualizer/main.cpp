// reactor-viz: replay a reactor-lab trace step by step.
//   reactor-viz [TRACE.jsonl | BENCH.json] [--compare OTHER.jsonl]
//               [--screenshot OUT.png [--step N] [--size WxH] [--while-indexing]] [--search TEXT] [--predict] [--frame-stats]
//   reactor-viz --follow TRACE.jsonl   (a trace still being written: new events shown as they come)
//   reactor-viz --check TRACE.jsonl | BENCH.json   (load, validate, print a summary; no window: check.h)
// This file is only the frame loop, in the shape of Dear ImGui's example_glfw_opengl3/main.cpp;
// everything the window shows is decided in app.cpp.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "app.h"
#include "check.h"
#include "frame_stats.h"
#include "screenshot.h"

namespace {

struct Options {
    lab::viz::AppOptions app;
    std::string screenshot;
    bool frameStats = false;  // print the average and worst CPU time of the frames drawn
    bool whileIndexing = false;  // the screenshot shows a big trace's first events, its index not done
    int width = 1600;
    int height = 1000;
};

int usage(const char* why) {
    if (why) std::fprintf(stderr, "reactor-viz: %s\n", why);
    std::fprintf(stderr,
                 "usage: reactor-viz [TRACE.jsonl | BENCH.json] [--compare OTHER.jsonl] [--screenshot OUT.png [--step N] [--size WxH]]\n"
                 "                   [--while-indexing] [--search TEXT] [--predict] [--frame-stats] [--follow]\n"
                 "       reactor-viz --check TRACE.jsonl | BENCH.json\n");
    return 2;
}

lab::viz::App* g_app = nullptr;  // for the drop callback, which GLFW calls without a user pointer of ours

void onDrop(GLFWwindow*, int count, const char** paths) {
    if (g_app && count > 0) g_app->open(paths[0]);
}

void onGlfwError(int code, const char* description) { std::fprintf(stderr, "reactor-viz: GLFW error %d: %s\n", code, description); }

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        if (arg == "--help" || arg == "-h") return usage(nullptr), 0;
        if (arg == "--check") {
            if (argc != 3 || i != 1) return usage("--check takes one trace and no other option");
            return lab::viz::runCheck(argv[2]);
        }
        if (arg == "--follow") {
            options.app.follow = true;
            continue;
        }
        if (arg == "--predict") {
            options.app.predict = true;
            continue;
        }
        if (arg == "--frame-stats") {
            options.frameStats = true;
            continue;
        }
        if (arg == "--while-indexing") {
            options.whileIndexing = true;
            continue;
        }
        if (arg == "--compare" || arg == "--screenshot" || arg == "--step" || arg == "--size" || arg == "--search") {
            const char* v = value();
            if (!v) return usage((arg + " needs a value").c_str());
            if (arg == "--compare") options.app.compare = v;
            if (arg == "--screenshot") options.screenshot = v;
            if (arg == "--search") options.app.search = v;
            if (arg == "--step") {
                std::string_view text = v;
                auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), options.app.step);
                if (error != std::errc() || end != text.data() + text.size()) {
                    return usage("--step takes an event number, e.g. --step 20");
                }
                options.app.hasStep = true;
            }
            if (arg == "--size") {
                char rest = 0;
                if (std::sscanf(v, "%dx%d%c", &options.width, &options.height, &rest) != 2 || options.width < 200 ||
                    options.height < 150 || options.width > 8192 || options.height > 8192) {
                    return usage("--size takes WxH between 200x150 and 8192x8192, e.g. 1600x1000");
                }
            }
        } else if (!arg.empty() && arg[0] == '-') {
            return usage(("unknown option " + arg).c_str());
        } else if (options.app.trace.empty()) {
            options.app.trace = arg;
        } else {
            return usage("one trace at a time (use --compare for a second one)");
        }
    }
    if (options.app.follow && options.app.trace.empty()) return usage("--follow needs the trace to follow");
    if (options.app.follow && lab::viz::BenchResult::looksLikeBench(options.app.trace)) {
        return usage("--follow follows a trace, not a benchmark result");
    }
    bool screenshot = !options.screenshot.empty();
    options.app.screenshot = screenshot;
    if (options.whileIndexing && !screenshot) return usage("--while-indexing goes with --screenshot");

    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit()) {
        std::fprintf(stderr, "reactor-viz: cannot open a window (no display?). Run it under xvfb-run, or use "
                             "scripts/run, which writes a snapshot when there is no display.\n");
        return 1;
    }
    const char* glslVersion = "#version 130";
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(options.width, options.height, "reactor-viz", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "reactor-viz: cannot create an OpenGL 3 window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(screenshot ? 0 : 1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // ImGui would keep the window arrangement in ./imgui.ini, wherever reactor-viz was started; it
    // belongs beside the layout mark (app_layout.cpp). A snapshot shows the default layout.
    static std::string iniFile;
    iniFile = screenshot ? "" : lab::viz::App::configFile("imgui.ini");
    if (!iniFile.empty()) {
        std::error_code error;
        std::filesystem::path folder = std::filesystem::path(iniFile).parent_path();
        std::filesystem::create_directories(folder, error);
        if (error)
            std::fprintf(stderr, "reactor-viz: cannot create %s (%s): the window layout will not be kept\n",
                         folder.c_str(), error.message().c_str());
    }
    io.IniFilename = iniFile.empty() ? nullptr : iniFile.c_str();
    ImGui::StyleColorsDark();
    ImGui::GetStyle().WindowRounding = 4.0f;
    ImGui::GetStyle().FrameRounding = 3.0f;
    const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (std::filesystem::exists(font)) io.Fonts->AddFontFromFileTTF(font, 15.0f);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init(glslVersion);

    double opened = glfwGetTime();
    lab::viz::App app(options.app);
    g_app = &app;
    glfwSetDropCallback(window, onDrop);

    lab::viz::FrameStats stats;
    int exitCode = 0;
    int settledFrames = 0;
    double last = glfwGetTime();
    while (!glfwWindowShouldClose(window) && !app.quitRequested()) {
        // Sleep while nothing moves; poll while playing (and for a snapshot). While a trace loads,
        // wake 60 times a second, or at once for a key or the mouse: the progress bar needs no
        // more, and a loop drawing flat out (no vsync, software GL) takes a core from the loader.
        if (app.loading()) {
            glfwWaitEventsTimeout(1.0 / 60);
        } else if (screenshot || app.playing()) {
            glfwPollEvents();
        } else {
            glfwWaitEventsTimeout(0.25);
        }
        double now = glfwGetTime();
        float dt = static_cast<float>(now - last);
        last = now;

        stats.begin();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app.frame(dt);
        ImGui::Render();
        stats.end(app.loading() && !app.showingFirst());  // frames that draw a trace, its first events included
        int width, height;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(0.10f, 0.11f, 0.13f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        // A few frames after loading settles, so windows have their sizes and the log has scrolled
        // (more with --frame-stats, so the numbers are not only the first frames').
        bool ready = options.whileIndexing ? app.showingFirst() : app.settled();
        if (options.frameStats && !options.app.trace.empty() && app.settled() && !stats.hasReadyTime()) {
            stats.ready(glfwGetTime() - opened);
        }
        if (screenshot && ready && ++settledFrames == (options.frameStats ? 120 : 4)) {
            std::string error = lab::viz::writeScreenshot(options.screenshot, width, height);
            if (!error.empty()) {
                std::fprintf(stderr, "reactor-viz: %s\n", error.c_str());
                exitCode = 1;
            } else {
                std::printf("reactor-viz: wrote %s (%dx%d)\n", options.screenshot.c_str(), width, height);
            }
            break;
        }
        glfwSwapBuffers(window);
    }

    if (options.frameStats) stats.print();
    g_app = nullptr;
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exitCode;
}
