// reactor-trace: validate, summarize, replay, compare and export traces from the command line.
// This file only picks the subcommand; each lives in its own file (cli.h lists them).
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "cli.h"

namespace {

volatile std::sig_atomic_t interrupted = 0;

// print --follow at the end of the file so far: look again in a tenth of a second (fast enough to
// look live, rare enough to cost nothing), until Ctrl-C, which then ends the print cleanly with
// its count line. The handler is installed only once following has begun.
bool waitForMore() {
    static bool installed = false;
    if (!installed) {
        std::signal(SIGINT, [](int) { interrupted = 1; });
        installed = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return interrupted == 0;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace lab::cli;
    if (argc < 2) {
        std::cerr << usage();
        return kExitUsage;
    }
    std::string command = argv[1];
    Args args(argv + 2, argv + argc);
    try {
        if (command == "validate") return runValidate(args, std::cout, std::cerr);
        if (command == "stats") return runStats(args, std::cout, std::cerr);
        // Colour only for a person at a terminal: piped output stays plain text (NO_COLOR too).
        if (command == "print") return runPrint(args, std::cout, std::cerr, ::isatty(1) && !std::getenv("NO_COLOR"), waitForMore);
        if (command == "diff") return runDiff(args, std::cout, std::cerr);
        if (command == "export") return runExport(args, std::cout, std::cerr);
        if (command == "help" || command == "--help" || command == "-h") {
            std::cout << usage();
            return kExitOk;
        }
        throw UsageError("unknown command '" + command + "'");
    } catch (const UsageError& error) {
        std::cerr << "reactor-trace: " << error.what() << "\n" << usage();
        return kExitUsage;
    }
}
