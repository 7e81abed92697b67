// The flags every serving program shares (echo-server, web/http-server): --port, --backend and
// --trace, parsed one way, with the same messages. A program's own flags (http-server's
// deadlines) go through `extra`. A bad flag calls `usage`, which prints and exits 2.
#pragma once

#include <cstdlib>
#include <functional>
#include <string>

namespace lab::tools {

struct ServerFlags {
    int port = -1;  // required: 0 picks a free port
    std::string backend;
    std::string trace;  // empty: no trace
};

using Usage = void (*)(const std::string& why);  // must not return
// A program's own flag: returns false when `flag` is not one of its own.
using ExtraFlag = std::function<bool(const std::string& flag, const std::string& value)>;

// A whole number in [low, high], or usage("FLAG needs ...").
inline long flagNumber(const std::string& flag, const std::string& value, long low, long high, const std::string& what, Usage usage) {
    char* end = nullptr;
    long n = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || n < low || n > high)
        usage(flag + " needs " + what + " " + std::to_string(low) + ".." + std::to_string(high) + ", not '" + value + "'");
    return n;
}

inline ServerFlags parseServerFlags(int argc, char** argv, std::string defaultBackend, Usage usage, const ExtraFlag& extra = {}) {
    ServerFlags flags;
    flags.backend = std::move(defaultBackend);
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (!flag.starts_with("--")) usage("unknown argument '" + flag + "'");
        if (i + 1 >= argc) usage(flag + " needs a value");
        std::string value = argv[++i];
        if (flag == "--port") {
            flags.port = static_cast<int>(flagNumber(flag, value, 0, 65535, "a number", usage));
        } else if (flag == "--backend") {
            if (value != "select" && value != "poll" && value != "epoll")
                usage("unknown backend '" + value + "' (known: select, poll, epoll)");
            flags.backend = value;
        } else if (flag == "--trace") {
            if (value.empty()) usage("--trace needs a file name");
            flags.trace = value;
        } else if (!extra || !extra(flag, value)) {
            usage("unknown argument '" + flag + "'");
        }
    }
    if (flags.port < 0) usage("--port is required (0 picks a free one)");
    return flags;
}

}  // namespace lab::tools
