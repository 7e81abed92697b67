// alignTwins; see twin_alignment.h. The classic dynamic programme: lengths[i][j] is the length of
// the longest common subsequence of ours[i..] and twisted[j..]; walking it from (0, 0) takes a
// match whenever the events are equal and the match is on a longest path, otherwise steps past
// the side whose next event leaves the longer rest. Lesson traces have hundreds of events, so
// the table's O(n*m) cells (16-bit: lengths never exceed 65535 within the cell limit) are small.
#include "twin_alignment.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace lab::cli {

TwinAlignment alignTwins(const std::vector<std::string>& ours, const std::vector<std::string>& twisted) {
    const std::size_t n = ours.size(), m = twisted.size();
    if ((n + 1) * (m + 1) > kMaxAlignedCells || std::max(n, m) > 65535) {
        throw std::length_error("twin traces of " + std::to_string(n) + " and " + std::to_string(m) +
                                " events are too long to align (at most " + std::to_string(kMaxAlignedCells) +
                                " pairs)");
    }
    const std::size_t width = m + 1;
    std::vector<std::uint16_t> lengths((n + 1) * width, 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint16_t& { return lengths[i * width + j]; };
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            at(i, j) = ours[i] == twisted[j] ? static_cast<std::uint16_t>(at(i + 1, j + 1) + 1)
                                             : std::max(at(i + 1, j), at(i, j + 1));
        }
    }
    TwinAlignment alignment;
    std::size_t i = 0, j = 0;
    TwinHunk open{0, 0, 0, 0};
    bool inHunk = false;
    auto close = [&] {
        if (inHunk) {
            open.oursEnd = i;
            open.twistedEnd = j;
            alignment.hunks.push_back(open);
            inHunk = false;
        }
    };
    auto start = [&] {
        if (!inHunk) {
            open = TwinHunk{i, i, j, j};
            inHunk = true;
        }
    };
    while (i < n || j < m) {
        if (i < n && j < m && ours[i] == twisted[j] && at(i, j) == at(i + 1, j + 1) + 1) {
            close();
            ++alignment.common;
            ++i;
            ++j;
        } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
            start();
            ++i;
        } else {
            start();
            ++j;
        }
    }
    close();
    return alignment;
}

}  // namespace lab::cli
