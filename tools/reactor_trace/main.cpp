// reactor-trace: validate, summarize, replay, compare and export traces from the command line.
// This file only picks the subcommand; each lives in its own file (cli.h lists them).
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "cli.h"

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
        if (command == "print") return runPrint(args, std::cout, std::cerr, ::isatty(1) && !std::getenv("NO_COLOR"));
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
