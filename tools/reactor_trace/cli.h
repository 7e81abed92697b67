// reactor-trace: the command-line companion to the visualizer, one file per subcommand.
//
//   validate FILE...   schema and ordering checks, "file:line: reason" per problem
//   stats FILE         events by kind, iterations, connections, Deferreds, timers, threads
//   print FILE         a step-by-step text replay, with filters
//   diff A B           the first point where two traces differ, after normalization
//   diff --twin T A B  a lesson's trace against its Twisted twin's, every difference listed in T
//   export --chrome IN OUT   Chrome Trace Event Format, for Perfetto and chrome://tracing
//
// Every subcommand reads traces with the library's reader (reactor/trace/trace_reader.h) and,
// where it needs more than the lines, the visualizer's headless model (visualizer/model/), so the
// words and rules are the ones the rest of the project uses. validate, stats, print and
// export --chrome read a trace as a stream (TraceStream): their memory does not grow with the
// trace. Exit codes, for every subcommand:
// 0 fine, 1 the trace has problems (or, for diff, the traces differ), 2 a usage error or a file
// that cannot be read. Not here: the Chrome conversion itself (chrome_export.h).
// Tested in tests/tools/trace_cli_test.cpp.
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

#include "trace/trace_reader.h"

namespace lab::cli {

constexpr int kExitOk = 0;
constexpr int kExitProblems = 1;
constexpr int kExitUsage = 2;

// Thrown for a bad command line; main prints the message and the usage, and exits 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using Args = std::vector<std::string>;

// The value after flag args[i] (moving i on to it), or UsageError when there is none.
std::string flagValue(const Args& args, std::size_t& i);
// A whole non-negative number, or UsageError naming the flag.
std::int64_t parseCount(const std::string& flag, const std::string& text);
bool isFlag(const std::string& arg);

// True when a trace's only problem is that its file could not be opened (exit 2, not 1).
bool unreadable(const std::vector<TraceProblem>& problems);
// Opens a trace for a TraceStream; when it cannot (a directory included), writes
// "file:0: cannot open: why" to err.
bool openTrace(const std::string& path, std::ifstream& in, std::ostream& err);
// Writes each problem as "file:line: reason" and returns how many there were.
std::size_t reportProblems(const std::vector<TraceProblem>& problems, std::ostream& err);

// The subcommands. Each takes the arguments after its name.
int runValidate(const Args& args, std::ostream& out, std::ostream& err);
int runStats(const Args& args, std::ostream& out, std::ostream& err);
// print --follow calls waitForMore at the end of the file so far: true to read on, false to stop.
using WaitForMore = std::function<bool()>;
int runPrint(const Args& args, std::ostream& out, std::ostream& err, bool colour, const WaitForMore& waitForMore);
int runDiff(const Args& args, std::ostream& out, std::ostream& err);
// diff --twin TABLE OURS TWISTED (twin_diff.cpp).
int runTwinDiff(const std::string& tablePath, const std::string& oursPath, const std::string& twistedPath, bool verbose,
                std::ostream& out, std::ostream& err);
int runExport(const Args& args, std::ostream& out, std::ostream& err);

// The usage text, one line per subcommand.
const char* usage();

}  // namespace lab::cli
