// reactor-trace export --chrome IN OUT: write IN as Chrome Trace Event Format to OUT ("-" for
// stdout), for Perfetto (ui.perfetto.dev, "Open trace file") and chrome://tracing.
// The conversion is chrome_export.h; it streams, reading IN twice (chrome_plan.h first), so a
// trace of any size exports in the memory of what is open at a time. A trace with bad lines is
// still exported, from the lines that were good; its problems go to stderr as "file:line: reason"
// before anything is written, and the exit status is 1. A file that cannot be read or written is
// exit 2, and so is an export that fails part way (a full disk, IN changing between its two
// reads): OUT is then removed, so what is left is a whole JSON file or nothing.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "chrome_export.h"
#include "cli.h"

namespace lab::cli {

namespace {

// OUT naming IN's file would truncate it before the second read.
bool sameFile(const std::string& a, const std::string& b) {
    std::error_code error;
    return std::filesystem::equivalent(a, b, error) && !error;
}

}  // namespace

int runExport(const Args& args, std::ostream& out, std::ostream& err) {
    bool chrome = false;
    std::vector<std::string> files;
    for (const std::string& arg : args) {
        if (arg == "--chrome") chrome = true;
        else if (isFlag(arg)) throw UsageError("export does not know '" + arg + "'");
        else files.push_back(arg);
    }
    if (!chrome) throw UsageError("export needs a format: --chrome");
    if (files.size() != 2) throw UsageError("export --chrome needs IN and OUT");
    const std::string& inPath = files[0];
    const std::string& outPath = files[1];
    if (outPath != "-" && sameFile(inPath, outPath)) throw UsageError("export --chrome: OUT is IN, which it would overwrite");
    std::ifstream in;
    if (!openTrace(inPath, in, err)) return kExitUsage;
    ChromePlan plan = planChromeExport(in, inPath, err);
    std::ifstream again;
    if (!openTrace(inPath, again, err)) return kExitUsage;
    int status = plan.problems == 0 ? kExitOk : kExitProblems;
    if (outPath == "-") {
        try {
            writeChromeTrace(again, inPath, plan, out);
        } catch (const ChromeExportError& error) {
            err << "reactor-trace: cannot export " << inPath << ": " << error.what() << "; what went to stdout is not whole\n";
            return kExitUsage;
        }
        return status;
    }
    std::ofstream file(outPath, std::ios::binary | std::ios::trunc);
    if (!file) {
        err << "reactor-trace: cannot write " << outPath << ": " << std::strerror(errno) << "\n";
        return kExitUsage;
    }
    try {
        writeChromeTrace(again, inPath, plan, file);
        file.close();
        if (!file) throw ChromeExportError(std::string("the output could not be written (") + std::strerror(errno) + ")");
    } catch (const ChromeExportError& error) {
        file.close();
        // Only a file of ours: OUT may be a device (/dev/null) or a pipe, never to be removed.
        std::error_code ignored;
        bool removed = std::filesystem::is_regular_file(outPath, ignored) && std::filesystem::remove(outPath, ignored);
        err << "reactor-trace: cannot export " << inPath << " to " << outPath << ": " << error.what()
            << (removed ? "; " + outPath + " removed" : std::string("; what was written is not whole")) << "\n";
        return kExitUsage;
    }
    return status;
}

}  // namespace lab::cli
