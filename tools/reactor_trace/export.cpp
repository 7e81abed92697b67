// reactor-trace export --chrome IN OUT: write IN as Chrome Trace Event Format to OUT ("-" for
// stdout), for Perfetto (ui.perfetto.dev, "Open trace file") and chrome://tracing.
// The conversion is chrome_export.h. A trace with bad lines is still exported, from the lines
// that were good; its problems go to stderr and the exit status is 1. A file that cannot be read
// or written is exit 2.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>

#include "chrome_export.h"
#include "cli.h"

namespace lab::cli {

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
    viz::TraceModel model = viz::TraceModel::load(files[0]);
    if (unreadable(model.problems())) {
        reportProblems(model.problems(), err);
        return kExitUsage;
    }
    std::size_t problems = reportProblems(model.problems(), err);
    std::string text = toChromeTrace(model).dump() + "\n";
    if (files[1] == "-") {
        out << text;
        out.flush();
    } else {
        std::ofstream file(files[1], std::ios::binary | std::ios::trunc);
        if (file) file << text;
        if (file) file.close();
        if (!file) {
            err << "reactor-trace: cannot write " << files[1] << ": " << std::strerror(errno) << "\n";
            return kExitUsage;
        }
    }
    return problems == 0 ? kExitOk : kExitProblems;
}

}  // namespace lab::cli
