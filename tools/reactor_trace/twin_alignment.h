// Aligning two normalized traces: the longest common subsequence of their events, and the
// hunks between (a run of events only one side has, or one that differs on both sides), the way
// diff(1) shows two files. Ties are broken the same way on every run, so the hunks of two given
// traces are always the same. Used by twin_diff.cpp; tested in tests/tools/twin_diff_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lab::cli {

struct TwinHunk {
    std::size_t oursBegin, oursEnd;        // [begin, end) in our events
    std::size_t twistedBegin, twistedEnd;  // [begin, end) in the Twisted events
};

struct TwinAlignment {
    std::size_t common = 0;  // events matched
    std::vector<TwinHunk> hunks;
};

// Throws std::length_error when the traces are too long to align in memory (more than
// kMaxAlignedCells = ours x Twisted events).
TwinAlignment alignTwins(const std::vector<std::string>& ours, const std::vector<std::string>& twisted);

inline constexpr std::size_t kMaxAlignedCells = 64u * 1024u * 1024u;

}  // namespace lab::cli
