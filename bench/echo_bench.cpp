// echo-bench: the benchmark behind lesson 04. Runs each echo server as a child process, drives it
// with echo-load at 1 to 5,000 connections (and 10,000 idle + 100 active), and records
// messages/s, latency, the server's memory, threads and CPU time; then measures what one wait of
// each reactor backend costs with 100 to 10,000 descriptors watched.
//
//   build/bin/echo-bench [--quick] [--json FILE] [--markdown FILE] [--servers LIST] [--seconds S]
//
// Servers: c-poll (bench/echo_poll_c.c, the hand-written baseline), reactor-select, reactor-poll,
// reactor-epoll (tools/echo_server.cpp), threaded (tools/threaded_echo_server.cpp), twisted
// (bench/twisted_echo.py, when /usr/bin/python3 can import twisted; otherwise its rows say "skipped"). Server and load run pinned to different
// cores when there are two. --quick: small counts and a fixed number of messages per connection,
// to check that every server echoes correctly, in well under a minute. Exits 1 when a row failed.
// Numbers, never a timed test: the results are docs/bench/echo-bench.{json,md}.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench_report.h"
#include "child_process.h"
#include "open_file_limit.h"
#include "proc_status.h"
#include "wait_cost.h"

namespace {

using namespace lab::bench;

// c-poll first: bench/echo_poll_c.c, the hand-written C poll() loop the others are measured against.
const std::vector<std::string> kServers = {"c-poll", "reactor-select", "reactor-poll", "reactor-epoll", "threaded", "twisted"};

struct Options {
    bool quick = false;
    std::string json, markdown;
    std::vector<std::string> servers = kServers;
    long seconds = 3;
};

struct Setup {
    std::string binDir;
    bool twisted = false;
    int serverCore = -1, loadCore = -1;
    long openFileLimit = 0;  // the soft RLIMIT_NOFILE after lifting it to the hard one; children inherit it
};

// Descriptors a process needs besides one per connection (standard streams, listening socket,
// the backend's own, a trace): echo-load asks for connections + 32 itself.
constexpr long kSpareFiles = 64;

std::string fileLimitNote(long needed, long limit) {
    return "needs about " + std::to_string(needed) + " open files; the limit here is " + std::to_string(limit) +
           " (ulimit -n; raise the hard limit to run it)";
}

// One workload: `active` connections send, `idle` more only stay open.
struct Workload {
    long active = 0, idle = 0;
};

[[noreturn]] void usage(const std::string& why) {
    std::cerr << "echo-bench: " << why << "\n"
              << "usage: echo-bench [--quick] [--json FILE] [--markdown FILE] [--servers LIST] [--seconds S]\n"
              << "  LIST: comma-separated, from c-poll,reactor-select,reactor-poll,reactor-epoll,threaded,twisted\n";
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag == "--quick") {
            options.quick = true;
            continue;
        }
        if (flag != "--json" && flag != "--markdown" && flag != "--servers" && flag != "--seconds") {
            usage("unknown argument '" + flag + "'");
        }
        if (i + 1 >= argc) usage(flag + " needs a value");
        std::string value = argv[++i];
        if (flag == "--json") options.json = value;
        else if (flag == "--markdown") options.markdown = value;
        else if (flag == "--seconds") {
            char* end = nullptr;
            options.seconds = std::strtol(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0' || options.seconds < 1 || options.seconds > 600) usage("--seconds needs a number 1..600");
        } else {
            options.servers.clear();
            std::stringstream list(value);
            std::string name;
            while (std::getline(list, name, ',')) {
                if (std::find(kServers.begin(), kServers.end(), name) == kServers.end()) usage("unknown server '" + name + "'");
                options.servers.push_back(name);
            }
            if (options.servers.empty()) usage("--servers needs at least one server");
        }
    }
    return options;
}

std::string binDirectory() {
    char path[4096];
    ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) return ".";
    std::string exe(path, static_cast<std::size_t>(n));
    return exe.substr(0, exe.rfind('/'));
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    double one = 0, five = 0, fifteen = 0;
    in >> one >> five >> fifteen;
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%.2f %.2f %.2f", one, five, fifteen);
    return buffer;
}

std::vector<std::string> serverCommand(const Setup& setup, const std::string& server) {
    if (server == "c-poll") return {setup.binDir + "/echo-poll-c", "--port", "0"};
    if (server == "threaded") return {setup.binDir + "/threaded-echo-server", "--port", "0"};
    if (server == "twisted") return {"/usr/bin/python3", ECHO_BENCH_TWISTED_SCRIPT, "0"};
    return {setup.binDir + "/echo-server", "--port", "0", "--backend", server.substr(std::string("reactor-").size())};
}

std::string lastLine(const std::string& text) {
    std::string trimmed = text.substr(0, text.find_last_not_of("\n ") + 1);
    std::size_t start = trimmed.rfind('\n');
    return start == std::string::npos ? trimmed : trimmed.substr(start + 1);
}

// Runs one server under one workload and measures it.
ResultRow runRow(const Options& options, const Setup& setup, const std::string& server, Workload work) {
    ResultRow row;
    row.server = server;
    row.connections = work.active + work.idle;
    row.active = work.active;
    if (server == "reactor-select" && row.connections > 1000) {
        row.status = "skipped";
        row.note = "select cannot watch fd >= 1024 (FD_SETSIZE)";
        return row;
    }
    if (row.connections + kSpareFiles > setup.openFileLimit) {
        row.status = "skipped";
        row.note = fileLimitNote(row.connections + kSpareFiles, setup.openFileLimit);
        return row;
    }
    if (server == "twisted" && !setup.twisted) {
        row.status = "skipped";
        row.note = "Twisted not installed: /usr/bin/python3 cannot import twisted (apt-get install python3-twisted)";
        return row;
    }
    std::string serverLog = "/tmp/echo-bench-server-" + std::to_string(::getpid()) + ".log";
    ChildProcess serverProcess(serverCommand(setup, server), setup.serverCore, false, serverLog);
    auto fail = [&](const std::string& why) {
        row.status = "failed";
        row.note = why;
        std::ifstream log(serverLog);
        std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
        if (!lastLine(text).empty()) row.note += " (server: " + lastLine(text) + ")";
        return row;
    };
    auto portLine = serverProcess.readLine(30000);
    int port = 0;
    if (!portLine || std::sscanf(portLine->c_str(), "port %d", &port) != 1) return fail("the server printed no port line");
    row.idleRssKb = readProcStatus(serverProcess.pid()).rssKb;

    std::vector<std::string> load = {setup.binDir + "/echo-load", "--port", std::to_string(port), "--connections",
                                     std::to_string(work.active), "--size", "64", "--backend", "epoll"};
    if (options.quick) load.insert(load.end(), {"--messages", "200"});
    else load.insert(load.end(), {"--seconds", std::to_string(options.seconds)});
    if (work.idle > 0) load.insert(load.end(), {"--idle", std::to_string(work.idle)});
    ChildProcess loadProcess(load, setup.loadCore, true);
    // Sample the server while the load runs: the thread count at its peak is only visible then.
    while (loadProcess.pump(100)) row.threads = std::max(row.threads, readProcStatus(serverProcess.pid()).threads);
    int loadStatus = loadProcess.wait();
    ProcStatus peak = readProcStatus(serverProcess.pid());
    row.threads = std::max(row.threads, peak.threads);
    row.peakRssKb = peak.hwmKb;
    row.cpuS = readCpuSeconds(serverProcess.pid());
    int serverStatus = serverProcess.stop(SIGTERM, 20000);

    const std::string& out = loadProcess.output();
    std::size_t at = out.find("messages ");
    unsigned long long messages = 0, errors = 0;
    double mbPerS = 0;
    if (at == std::string::npos ||
        std::sscanf(out.c_str() + at, "messages %llu messages/s %lf MB/s %lf p50_us %lf p99_us %lf errors %llu", &messages,
                    &row.messagesPerS, &mbPerS, &row.p50Us, &row.p99Us, &errors) != 6) {
        return fail("echo-load: " + lastLine(out));
    }
    if (loadStatus != 0) return fail("echo-load exited " + std::to_string(loadStatus) + ": " + lastLine(out));
    if (serverStatus != 0) return fail("the server did not stop cleanly on SIGTERM (status " + std::to_string(serverStatus) + ")");
    row.note = "VmPeak " + std::to_string(peak.vmPeakKb / 1024) + " MiB";
    ::unlink(serverLog.c_str());
    return row;
}

void runWaitCosts(const Options& options, const Setup& setup, Report& report) {
    double seconds = options.quick ? 0.05 : 0.5;
    for (const std::string backend : {"select", "poll", "epoll"}) {
        bool wanted = false;
        for (const auto& s : options.servers) wanted = wanted || s == "reactor-" + backend;
        if (!wanted) continue;
        for (int watched : {100, 1000, 10000}) {
            std::string skipped;
            // select() cannot take fd 1024 or above, and 10,000 descriptors need them.
            if (backend == "select" && watched > 1000) skipped = "select cannot watch fd >= 1024 (FD_SETSIZE)";
            else if (watched + kSpareFiles > setup.openFileLimit) skipped = fileLimitNote(watched + kSpareFiles, setup.openFileLimit);
            if (!skipped.empty()) {
                std::cerr << "echo-bench: wait cost " << backend << " watching " << watched << ": skipped: " << skipped << "\n";
                report.waitCostSkipped.push_back(WaitCostSkipped{backend, watched, skipped});
                continue;
            }
            double ns = measureWaitCost(backend, watched, seconds);
            std::cerr << "echo-bench: wait cost " << backend << " watching " << watched << ": " << static_cast<long>(ns) << " ns\n";
            report.waitCost.push_back(WaitCostRow{backend, watched, ns});
        }
    }
}

bool writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    out.close();
    if (!out) std::cerr << "echo-bench: cannot write " << path << "\n";
    return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
    Options options = parse(argc, argv);
    try {
        // The children inherit the lifted limit; 10,000 idle connections need 10,100 descriptors
        // in the server and as many in the load generator. A point the limit cannot hold is
        // skipped with the reason, and the rest of the run goes on.
        ::signal(SIGPIPE, SIG_IGN);
        Setup setup;
        setup.openFileLimit = static_cast<long>(std::min<rlim_t>(lab::tools::liftOpenFileLimit(), 1L << 30));
        setup.binDir = binDirectory();
        setup.twisted = std::system("/usr/bin/python3 -c 'import twisted' > /dev/null 2>&1") == 0;
        Report report;
        report.machine.cores = usableCores();
        report.machine.pinned = report.machine.cores >= 2;
        if (report.machine.pinned) {
            setup.serverCore = 0;
            setup.loadCore = 1;
            report.machine.note = "server pinned to core 0, echo-load to core 1.";
        } else {
            report.machine.note = "one core: server and load generator share it, so the numbers are noisy.";
            std::cerr << "echo-bench: only one core: server and load generator share it; numbers are noisy\n";
        }
        report.machine.note += " Load average at start: " + loadAverage() + ".";
        if (!setup.twisted) std::cerr << "echo-bench: Twisted is not installed: its rows are skipped\n";

        std::vector<Workload> workloads;
        if (options.quick) workloads = {{1, 0}, {10, 0}, {100, 0}};
        else workloads = {{1, 0}, {10, 0}, {100, 0}, {1000, 0}, {5000, 0}, {100, 10000}};
        std::size_t total = workloads.size() * options.servers.size(), done = 0;
        bool failed = false;
        for (const auto& work : workloads) {
            for (const auto& server : options.servers) {
                ++done;
                std::cerr << "echo-bench: [" << done << "/" << total << "] " << server << ", " << work.active + work.idle
                          << " connections (" << work.active << " active) ... " << std::flush;
                ResultRow row = runRow(options, setup, server, work);
                if (row.status == "ok") std::cerr << static_cast<long>(row.messagesPerS) << " messages/s\n";
                else std::cerr << row.status << ": " << row.note << "\n";
                failed = failed || row.status == "failed";
                report.results.push_back(row);
            }
        }
        report.machine.note += " Load average at end: " + loadAverage() + ".";
        if (report.machine.pinned) lab::bench::pinToCore(0);
        runWaitCosts(options, setup, report);

        bool written = true;
        if (!options.json.empty()) written = writeFile(options.json, toJson(report)) && written;
        if (!options.markdown.empty()) written = writeFile(options.markdown, toMarkdown(report)) && written;
        if (options.json.empty() && options.markdown.empty()) std::cout << toMarkdown(report);
        if (failed) std::cerr << "echo-bench: at least one server failed (see the status column)\n";
        return failed || !written ? 1 : 0;
    } catch (const std::exception& e) {
        std::cerr << "echo-bench: " << e.what() << "\n";
        return 1;
    }
}
