// Logical ids for traces: "connection" 1, 2, ... and "port" 1, 2, ..., in the order they were
// made. Descriptor numbers are reused and port numbers change from run to run; these do not, so a
// lesson's trace names the same connection the same way on every run.
// Counted per process (the Reactor stays free of TCP knowledge); a program that runs one reactor
// sees them start at 1.
#pragma once

#include <cstdint>

namespace lab {

inline std::uint64_t nextConnectionId() {
    static std::uint64_t last = 0;
    return ++last;
}

inline std::uint64_t nextPortId() {
    static std::uint64_t last = 0;
    return ++last;
}

}  // namespace lab
