// Chains of any length run in a loop, never by recursion: 100,000 Deferreds, each waiting on
// the next, neither overflow the stack when they fire nor when they are destroyed.
#include <catch2/catch.hpp>

#include <vector>

#include "deferred/deferred.h"

using namespace lab;

namespace {
constexpr int kLength = 100'000;
}

TEST_CASE("Long chain: 100,000 Deferreds each waiting on the next fire without overflowing the stack") {
    std::vector<Deferred> ds(kLength);
    for (int i = 0; i + 1 < kLength; ++i) {
        Deferred next = ds[i + 1];
        ds[i].addCallback([next](const Value&) { return next; });
    }
    int seen = 0;
    ds[0].addCallback([&](int x) { seen = x; });
    // Fire from the outside in: each one pauses on the next, unfired one.
    for (int i = 0; i + 1 < kLength; ++i) ds[i].callback(0);
    CHECK(seen == 0);
    // The last one's result now travels back up through all of them.
    ds[kLength - 1].callback(42);
    CHECK(seen == 42);
}

TEST_CASE("Long chain: 100,000 Deferreds each returning an already-fired one run in a loop") {
    Deferred first;
    Deferred current = first;
    for (int i = 0; i < kLength; ++i) {
        current.addCallback([i](const Value&) { return succeed(i); });
    }
    first.callback(0);
    CHECK(first.result().value() == kLength - 1);
}

TEST_CASE("Long chain: 100,000 waiting Deferreds that never fire are freed without recursion") {
    {
        Deferred last;
        Deferred outer = last;
        for (int i = 0; i < kLength; ++i) {
            Deferred d;
            Deferred waitOn = outer;
            d.addCallback([waitOn](const Value&) { return waitOn; });
            d.callback(0);
            outer = d;
        }
    }
    SUCCEED("destroyed");
}
