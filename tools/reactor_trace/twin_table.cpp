// readTwinTable / parseTwinTable; see twin_table.h.
#include "twin_table.h"

#include <fstream>
#include <initializer_list>
#include <sstream>
#include <stdexcept>

namespace lab::cli {

namespace {

[[noreturn]] void bad(const std::string& name, const std::string& what) {
    throw std::runtime_error(name + ": " + what);
}

std::set<std::string> stringSet(const TraceJson& json, const char* key, const std::string& name) {
    std::set<std::string> values;
    if (!json.contains(key)) return values;
    if (!json[key].is_array()) bad(name, std::string("\"") + key + "\" must be a list of names");
    for (const TraceJson& value : json[key]) {
        if (!value.is_string()) bad(name, std::string("\"") + key + "\" must be a list of names");
        values.insert(value.get<std::string>());
    }
    return values;
}

std::vector<TraceJson> patterns(const TraceJson& entry, const char* side, const std::string& where) {
    if (!entry.contains(side) || !entry[side].is_array()) {
        bad(where, std::string("needs \"") + side + "\": a list of event patterns (it may be empty)");
    }
    std::vector<TraceJson> list;
    for (const TraceJson& pattern : entry[side]) {
        if (!pattern.is_object() || !pattern.contains("kind") || !pattern["kind"].is_string()) {
            bad(where, std::string("every pattern in \"") + side + "\" must be an object with a \"kind\"");
        }
        list.push_back(pattern);
    }
    return list;
}

// A misspelt key would otherwise be ignored without a word.
void onlyKeys(const TraceJson& json, std::initializer_list<const char*> known, const std::string& where) {
    for (const auto& [key, value] : json.items()) {
        bool ok = false;
        for (const char* k : known) ok = ok || key == k;
        if (!ok) bad(where, "has an unknown key \"" + key + "\"");
    }
}

TwinDifference difference(const TraceJson& entry, std::size_t index, const std::string& name) {
    std::string where = name + ": difference " + std::to_string(index + 1);
    if (!entry.is_object()) bad(where, "must be an object");
    onlyKeys(entry, {"id", "reason", "ours", "twisted", "occurs"}, where);
    for (const char* key : {"id", "reason"}) {
        if (!entry.contains(key) || !entry[key].is_string() || entry[key].get<std::string>().empty()) {
            bad(where, std::string("needs a non-empty \"") + key + "\"");
        }
    }
    TwinDifference d;
    d.id = entry["id"].get<std::string>();
    where = name + ": difference \"" + d.id + "\"";
    d.reason = entry["reason"].get<std::string>();
    d.ours = patterns(entry, "ours", where);
    d.twisted = patterns(entry, "twisted", where);
    if (d.ours.empty() && d.twisted.empty()) bad(where, "\"ours\" and \"twisted\" are both empty");
    if (entry.contains("occurs")) {
        if (!entry["occurs"].is_number_unsigned() || entry["occurs"].get<std::size_t>() == 0) {
            bad(where, "\"occurs\" must be a whole number of at least 1");
        }
        d.occurs = entry["occurs"].get<std::size_t>();
    }
    return d;
}

}  // namespace

TwinTable parseTwinTable(const std::string& text, const std::string& name) {
    TraceJson json = TraceJson::parse(text, nullptr, false);
    if (json.is_discarded()) bad(name, "is not JSON");
    if (!json.is_object()) bad(name, "must be a JSON object");
    onlyKeys(json, {"about", "names", "internal", "ignore", "renumber", "differences"}, name);
    TwinTable table;
    if (json.contains("names")) {
        if (!json["names"].is_object()) bad(name, "\"names\" must map Twisted's names to ours");
        for (const auto& [twisted, ours] : json["names"].items()) {
            if (!ours.is_string()) bad(name, "\"names\": \"" + twisted + "\" must map to a name");
            table.names[twisted] = ours.get<std::string>();
        }
    }
    for (const std::string& handler : stringSet(json, "internal", name)) table.internal.insert(handler);
    for (const std::string& field : stringSet(json, "ignore", name)) table.ignore.insert(field);
    table.renumber = stringSet(json, "renumber", name);
    if (!json.contains("differences") || !json["differences"].is_array()) {
        bad(name, "needs \"differences\": a list (empty when the traces match)");
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < json["differences"].size(); ++i) {
        TwinDifference d = difference(json["differences"][i], i, name);
        if (!ids.insert(d.id).second) bad(name, "two differences are called \"" + d.id + "\"");
        table.differences.push_back(std::move(d));
    }
    return table;
}

TwinTable readTwinTable(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open the twin table");
    std::ostringstream text;
    text << in.rdbuf();
    return parseTwinTable(text.str(), path);
}

}  // namespace lab::cli
