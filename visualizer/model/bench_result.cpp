// Reading and checking a benchmark result; see bench_result.h.
#include "model/bench_result.h"

#include <fstream>
#include <sstream>

namespace lab::viz {

namespace {

constexpr std::string_view kSchema = "reactor-lab-bench";
constexpr std::int64_t kVersion = 1;

std::string kindOf(const TraceJson& value) {
    if (value.is_null()) return "null";
    if (value.is_boolean()) return "a boolean";
    if (value.is_number()) return "a number";
    if (value.is_string()) return "text";
    if (value.is_array()) return "a list";
    return "an object";
}

// "line L, column C" of a byte offset, for JSON syntax errors.
std::string lineAndColumn(const std::string& text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

std::string_view statusName(BenchStatus status) {
    switch (status) {
        case BenchStatus::ok: return "ok";
        case BenchStatus::skipped: return "skipped";
        case BenchStatus::failed: return "failed";
    }
    return "?";
}

BenchResult BenchResult::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        BenchResult result;
        result.path_ = path;
        result.problems_.push_back({"", "cannot open the file"});
        return result;
    }
    std::stringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

bool BenchResult::looksLikeBench(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    std::string firstLine = head.substr(0, head.find('\n'));
    TraceJson header = TraceJson::parse(firstLine, nullptr, false);
    if (header.is_object() && header.contains("schema") && header["schema"] == "reactor-lab-trace") return false;
    bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    return json || head.find("\"reactor-lab-bench\"") != std::string::npos;
}

std::string BenchResult::describe(const BenchProblem& problem) const {
    return path_ + ": " + (problem.where.empty() ? "" : problem.where + ": ") + problem.reason;
}

BenchResult BenchResult::parse(const std::string& text, const std::string& name) {
    BenchResult result;
    result.path_ = name;
    auto fail = [&](std::string where, std::string reason) {
        result.problems_.push_back({std::move(where), std::move(reason)});
        return result;
    };
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return fail("", "the file is empty");
    TraceJson root;
    try {
        root = TraceJson::parse(text);
    } catch (const TraceJson::parse_error& error) {
        std::size_t at = error.byte > 0 ? error.byte - 1 : 0;
        bool ended = text.find_first_not_of(" \t\r\n", at) == std::string::npos;
        return fail(lineAndColumn(text, at), ended ? "not valid JSON: the file ends before the JSON does (cut short?)" : "not valid JSON");
    }
    if (!root.is_object()) return fail("", "a benchmark result is one JSON object, this is " + kindOf(root));
    auto schema = root.find("schema");
    if (schema == root.end() || !schema->is_string()) {
        return fail("schema", "missing: a benchmark result says \"schema\":\"reactor-lab-bench\"");
    }
    if (*schema != kSchema) {
        return fail("schema", "is " + schema->dump() + ", expected \"reactor-lab-bench\" (a trace is opened as a .jsonl file)");
    }
    auto version = root.find("version");
    if (version == root.end() || !version->is_number_integer() || *version != kVersion) {
        std::string got = version == root.end() ? "missing" : version->dump();
        return fail("version", got + " is not supported (this visualizer reads version 1)");
    }
    if (auto machine = root.find("machine"); machine != root.end()) {
        if (!machine->is_object()) {
            result.problems_.push_back({"machine", "must be an object, got " + kindOf(*machine)});
        } else {
            if (machine->contains("cores") && (*machine)["cores"].is_number_integer()) result.machine_.cores = (*machine)["cores"];
            if (machine->contains("pinned") && (*machine)["pinned"].is_boolean()) result.machine_.pinned = (*machine)["pinned"];
            if (machine->contains("note") && (*machine)["note"].is_string()) result.machine_.note = (*machine)["note"];
        }
    }
    auto results = root.find("results");
    if (results == root.end() || !results->is_array()) {
        return fail("results", results == root.end() ? "missing: the list of measured rows" : "must be a list, got " + kindOf(*results));
    }
    for (std::size_t i = 0; i < results->size(); ++i) result.readRow((*results)[i], i);
    // wait_cost is optional: a run that skipped the wait-cost measurement still has its table.
    if (auto cost = root.find("wait_cost"); cost != root.end()) {
        if (!cost->is_array()) {
            result.problems_.push_back({"wait_cost", "must be a list, got " + kindOf(*cost)});
        } else {
            for (std::size_t i = 0; i < cost->size(); ++i) result.readWaitCost((*cost)[i], i);
        }
    }
    // wait_cost_skipped is optional too: files written before echo-bench had it lack it.
    if (auto skipped = root.find("wait_cost_skipped"); skipped != root.end()) {
        if (!skipped->is_array()) {
            result.problems_.push_back({"wait_cost_skipped", "must be a list, got " + kindOf(*skipped)});
        } else {
            for (std::size_t i = 0; i < skipped->size(); ++i) result.readWaitCostSkipped((*skipped)[i], i);
        }
    }
    return result;
}

void BenchResult::readRow(const TraceJson& row, std::size_t index) {
    std::string where = "results[" + std::to_string(index) + "]";
    auto bad = [&](const std::string& field, const std::string& reason) {
        problems_.push_back({where + (field.empty() ? "" : "." + field), reason + " (row skipped)"});
    };
    if (!row.is_object()) return bad("", "must be an object, got " + kindOf(row));
    BenchRow out;
    out.index = index;
    auto server = row.find("server");
    if (server == row.end() || !server->is_string() || server->get<std::string>().empty()) {
        return bad("server", "missing or not a name");
    }
    out.server = *server;
    for (auto [key, target] : {std::pair{"connections", &out.connections}, std::pair{"active", &out.active}}) {
        auto field = row.find(key);
        if (field == row.end() || !field->is_number_integer() || *field < 0) {
            return bad(key, field == row.end() ? "missing" : "must be a whole number >= 0, got " + field->dump());
        }
        *target = *field;
    }
    if (out.active > out.connections) return bad("active", "is more than connections");
    auto statusField = row.find("status");
    std::string status = statusField != row.end() && statusField->is_string() ? statusField->get<std::string>() : "";
    if (status == "ok") out.status = BenchStatus::ok;
    else if (status == "skipped") out.status = BenchStatus::skipped;
    else if (status == "failed") out.status = BenchStatus::failed;
    else return bad("status", (statusField != row.end() ? statusField->dump() : std::string("missing")) + " is not one of ok, skipped, failed");
    const std::pair<const char*, std::optional<double>*> metrics[] = {
        {"messages_per_s", &out.messagesPerS}, {"p50_us", &out.p50Us}, {"p99_us", &out.p99Us}, {"peak_rss_kb", &out.peakRssKb},
        {"idle_rss_kb", &out.idleRssKb}, {"threads", &out.threads}, {"cpu_s", &out.cpuS}};
    for (auto [key, target] : metrics) {
        auto field = row.find(key);
        if (field == row.end() || field->is_null()) continue;  // not measured
        if (!field->is_number() || field->get<double>() < 0) return bad(key, "must be a number >= 0 or null, got " + field->dump());
        *target = field->get<double>();
    }
    if (auto note = row.find("note"); note != row.end() && note->is_string()) out.note = *note;
    for (const BenchRow& earlier : rows_) {
        if (earlier.server == out.server && earlier.connections == out.connections && earlier.active == out.active) {
            return bad("", "repeats results[" + std::to_string(earlier.index) + "] (" + out.server + " at " +
                               std::to_string(out.connections) + " connections)");
        }
    }
    rows_.push_back(std::move(out));
}

namespace {

// Where a wait-cost point or note sits: its backend and descriptors watched. Returns the problem
// (field, reason) when either is bad.
std::optional<BenchProblem> readPlace(const TraceJson& point, std::string& backend, std::int64_t& watched) {
    auto name = point.find("backend");
    if (name == point.end() || !name->is_string() || name->get<std::string>().empty()) return BenchProblem{"backend", "missing or not a name"};
    backend = *name;
    auto count = point.find("watched");
    // The chart's x axis is logarithmic, so zero descriptors has no place on it.
    if (count == point.end() || !count->is_number_integer() || *count < 1) {
        return BenchProblem{"watched", count == point.end() ? "missing" : "must be a whole number >= 1, got " + count->dump()};
    }
    watched = *count;
    return std::nullopt;
}

}  // namespace

void BenchResult::readWaitCost(const TraceJson& point, std::size_t index) {
    std::string where = "wait_cost[" + std::to_string(index) + "]";
    auto bad = [&](const std::string& field, const std::string& reason) {
        problems_.push_back({where + "." + field, reason + " (point skipped)"});
    };
    if (!point.is_object()) return problems_.push_back({where, "must be an object, got " + kindOf(point) + " (point skipped)"});
    WaitCostPoint out;
    if (auto problem = readPlace(point, out.backend, out.watched)) return bad(problem->where, problem->reason);
    auto cost = point.find("ns_per_wait");
    if (cost == point.end() || !cost->is_number() || cost->get<double>() < 0) {
        return bad("ns_per_wait", cost == point.end() ? "missing" : "must be a number >= 0, got " + cost->dump());
    }
    out.nsPerWait = *cost;
    waitCost_.push_back(std::move(out));
}

void BenchResult::readWaitCostSkipped(const TraceJson& point, std::size_t index) {
    std::string where = "wait_cost_skipped[" + std::to_string(index) + "]";
    auto bad = [&](const std::string& field, const std::string& reason) {
        problems_.push_back({where + "." + field, reason + " (note skipped)"});
    };
    if (!point.is_object()) return problems_.push_back({where, "must be an object, got " + kindOf(point) + " (note skipped)"});
    WaitCostSkipped out;
    if (auto problem = readPlace(point, out.backend, out.watched)) return bad(problem->where, problem->reason);
    auto reason = point.find("reason");
    if (reason == point.end() || !reason->is_string() || reason->get<std::string>().empty()) return bad("reason", "missing or not a sentence");
    out.reason = *reason;
    waitCostSkipped_.push_back(std::move(out));
}

}  // namespace lab::viz
