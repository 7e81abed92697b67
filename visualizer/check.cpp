// runCheck; see check.h.
#include "check.h"

#include <cstdio>

#include "model/bench_result.h"
#include "model/labels.h"
#include "model/trace_model.h"

namespace lab::viz {

namespace {

bool isWarning(const TraceProblem& problem) { return problem.reason.rfind("truncated last line", 0) == 0; }

int checkBench(const std::string& path) {
    BenchResult result = BenchResult::load(path);
    std::size_t skipped = 0, failed = 0;
    for (const BenchRow& row : result.rows()) {
        skipped += row.status == BenchStatus::skipped ? 1 : 0;
        failed += row.status == BenchStatus::failed ? 1 : 0;
    }
    std::printf("%s: benchmark result, %zu rows (%zu skipped, %zu failed), %zu wait-cost points\n", path.c_str(),
                result.rows().size(), skipped, failed, result.waitCost().size());
    for (const BenchProblem& problem : result.problems()) std::printf("problem: %s\n", result.describe(problem).c_str());
    if (result.problems().empty()) {
        std::printf("OK\n");
        return 0;
    }
    std::printf("%zu problem(s)\n", result.problems().size());
    return 1;
}

}  // namespace

int runCheck(const std::string& path) {
    if (BenchResult::looksLikeBench(path)) return checkBench(path);
    TraceModel model = TraceModel::load(path);
    std::printf("%s: %zu events, %zu iterations, duration %s\n", path.c_str(), model.size(), model.iterations().size(),
                formatDuration(model.lastTime() - model.firstTime()).c_str());
    if (model.hasHeader()) {
        std::printf("program %s, backend %s, %s clock\n", model.program().c_str(), model.backend().c_str(),
                    model.clock().c_str());
        if (!model.source().empty()) std::printf("traced from %s\n", model.source().c_str());
    }
    if (model.empty() && model.hasHeader()) std::printf("note: the trace has a header and no events\n");
    if (!model.kindNames().empty()) std::printf("kinds:\n");
    for (std::size_t k = 0; k < model.kindNames().size(); ++k) {
        const std::string& kind = model.kindNames()[k];
        const KindInfo* info = findKind(kind);
        std::printf("  %-22s %8zu  %s\n", kind.c_str(), model.eventsOfKind(static_cast<KindId>(k)).size(),
                    info ? std::string(info->label).c_str() : "(unknown kind: shown generically)");
    }
    std::size_t problems = 0;
    for (const TraceProblem& problem : model.problems()) {
        bool warning = isWarning(problem);
        if (!warning) ++problems;
        std::printf("%s: %s (line skipped)\n", warning ? "warning" : "problem", problem.toString().c_str());
    }
    if (problems == 0) {
        std::printf("OK\n");
        return 0;
    }
    std::printf("%zu problem(s)\n", problems);
    return 1;
}

}  // namespace lab::viz
