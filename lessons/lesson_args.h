// The flags every lesson program takes, parsed the same way everywhere:
//   --trace FILE       write the run's trace (JSON Lines) to FILE
//   --backend NAME     select (default), poll or epoll
//   --help
// Anything else is an error: a message on stderr and exit code 2, never a silent default.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "backends/make_backend.h"

namespace lesson {

struct Args {
    std::string trace;  // empty: no trace
    std::string backend = "select";
};

inline void usage(std::ostream& out, std::string_view program) {
    out << "usage: " << program << " [--trace FILE] [--backend select|poll|epoll]\n";
}

inline Args parseArgs(int argc, char** argv) {
    Args args;
    std::string_view program = argc > 0 ? argv[0] : "lesson";
    auto fail = [&](const std::string& why) {
        std::cerr << program << ": " << why << "\n";
        usage(std::cerr, program);
        std::exit(2);
    };
    for (int i = 1; i < argc; ++i) {
        std::string_view flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            usage(std::cout, program);
            std::exit(0);
        }
        if (flag != "--trace" && flag != "--backend") fail("unknown argument '" + std::string(flag) + "'");
        if (i + 1 >= argc) fail(std::string(flag) + " needs a value");
        std::string value = argv[++i];
        if (flag == "--trace") args.trace = value;
        if (flag == "--backend") {
            auto names = lab::backendNames();
            if (std::find(names.begin(), names.end(), value) == names.end()) {
                fail("unknown backend '" + value + "' (known: select, poll, epoll)");
            }
            args.backend = value;
        }
    }
    return args;
}

}  // namespace lesson
