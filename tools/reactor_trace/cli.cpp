// The command-line helpers every subcommand shares; see cli.h.
#include "cli.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <ostream>

namespace lab::cli {

const char* usage() {
    return "usage: reactor-trace COMMAND ...\n"
           "  reactor-trace validate FILE...\n"
           "  reactor-trace stats FILE [--json]\n"
           "  reactor-trace print FILE [--kind K,...] [--from SEQ] [--to SEQ] [--iter N]\n"
           "                           [--connection N] [--deferred N] [--follow]\n"
           "  reactor-trace diff A B [--events-only]\n"
           "  reactor-trace diff --twin TABLE OURS TWISTED [--verbose]   (every difference listed in TABLE)\n"
           "  reactor-trace export --chrome IN OUT   (OUT - writes to stdout)\n"
           "exit status: 0 fine, 1 problems in a trace (diff: the traces differ), 2 usage or unreadable file\n";
}

bool isFlag(const std::string& arg) { return arg.size() > 1 && arg[0] == '-'; }

std::string flagValue(const Args& args, std::size_t& i) {
    if (i + 1 >= args.size()) throw UsageError(args[i] + " needs a value");
    return args[++i];
}

std::int64_t parseCount(const std::string& flag, const std::string& text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) {
        throw UsageError(flag + " needs a whole number, got '" + text + "'");
    }
    return value;
}

bool unreadable(const std::vector<TraceProblem>& problems) {
    return problems.size() == 1 && problems[0].line == 0 && problems[0].reason != kEmptyTraceReason;
}

bool openTrace(const std::string& path, std::ifstream& in, std::ostream& err) {
    // A directory opens as a stream that reads nothing, which would pass for a trace with no events.
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) errno = EISDIR;
    else in.open(path, std::ios::binary);
    if (in.is_open() && in) return true;
    err << TraceProblem{path, 0, std::string("cannot open: ") + std::strerror(errno)}.toString() << "\n";
    return false;
}

std::size_t reportProblems(const std::vector<TraceProblem>& problems, std::ostream& err) {
    for (const TraceProblem& problem : problems) err << problem.toString() << "\n";
    return problems.size();
}

}  // namespace lab::cli
