// TwinTable: how one lesson's C++ trace and its Twisted twin's are compared, read from the
// lesson's twin.json (lessons/03-echo-server/twin.json is the first).
//
//   "about":       what the file is, for its reader (optional)
//   "names":       Twisted's name -> ours, for handler names, labels and exception types
//                  ("Server": "TcpTransport", "twisted.internet.error.ConnectionDone": "lab::ConnectionDone")
//   "internal":    more handler names to leave out, besides Twisted's own wakers (optional)
//   "ignore":      more fields to leave out, besides `at` and `method` (optional)
//   "renumber":    logical-id fields renumbered in order of first appearance, as descriptors are
//                  (optional: ["timer"] when one side makes its timers in another order)
//   "differences": every difference left after normalization, each with
//                  "id", "reason" (why the model and Twisted differ there), "ours" and "twisted"
//                  (the normalized events of each side it stands for, as patterns: each key given
//                  must hold that value) and "occurs" (how many times; 1 when left out).
// The rules are traces/SCHEMA.md, "Comparing a Twisted twin". A table that is not what this
// says (a missing or misspelt key, a pattern without a kind) is an error naming the file and the
// entry. Used by twin_diff.cpp; tested in
// tests/tools/twin_diff_test.cpp.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "trace/trace_json.h"

namespace lab::cli {

struct TwinDifference {
    std::string id;
    std::string reason;
    std::vector<TraceJson> ours;     // patterns for our trace's events, in order
    std::vector<TraceJson> twisted;  // patterns for the Twisted trace's events, in order
    std::size_t occurs = 1;
};

struct TwinTable {
    std::map<std::string, std::string> names;
    std::set<std::string> internal{"_UnixWaker", "_SIGCHLDWaker", "_SocketWaker"};
    std::set<std::string> ignore{"at", "method"};
    std::set<std::string> renumber;
    std::vector<TwinDifference> differences;
};

// Throws std::runtime_error("FILE: what is wrong") when the file cannot be read or is not a table.
TwinTable readTwinTable(const std::string& path);
// The same, from JSON text (tests); `name` is used in messages.
TwinTable parseTwinTable(const std::string& text, const std::string& name);

}  // namespace lab::cli
