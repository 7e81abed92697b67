// Chart scales, ticks and labels: round ticks that cover the data, log positions, short and
// exact number formats (the Benchmark view's axes and tooltips).
#include <catch2/catch.hpp>

#include <cmath>

#include "model/chart_scale.h"

using namespace lab::viz;

namespace {

std::vector<double> values(const std::vector<Tick>& ticks) {
    std::vector<double> out;
    for (const Tick& tick : ticks) out.push_back(tick.value);
    return out;
}

}  // namespace

TEST_CASE("ChartScale: nice ticks are 1, 2 or 5 times a power of ten and cover the range") {
    CHECK(values(niceTicks(0, 73)) == std::vector<double>{0, 10, 20, 30, 40, 50, 60, 70, 80});
    CHECK(values(niceTicks(0, 100)) == std::vector<double>{0, 20, 40, 60, 80, 100});
    std::vector<Tick> small = niceTicks(0, 1);
    REQUIRE(small.size() == 6);
    for (std::size_t i = 0; i < small.size(); ++i) CHECK(small[i].value == Approx(0.2 * static_cast<double>(i)));
    CHECK(small[3].label == "0.6");
    std::vector<Tick> big = niceTicks(0, 123456);
    CHECK(big.front().value == 0);
    CHECK(big.back().value >= 123456);
    CHECK(big.back().label == "140k");
    CHECK(niceTicks(5, 5).empty());
}

TEST_CASE("ChartScale: log ticks are the powers of ten around the range") {
    CHECK(values(logTicks(10, 10000)) == std::vector<double>{10, 100, 1000, 10000});
    CHECK(values(logTicks(12, 8000)) == std::vector<double>{10, 100, 1000, 10000});
    CHECK(values(logTicks(100, 100)) == std::vector<double>{100, 1000});
    CHECK(logTicks(10000, 10000).back().label == "100k");
    CHECK(logTicks(0, 10).empty());
}

TEST_CASE("ChartScale: a log scale puts each decade at the same distance") {
    Scale scale = Scale::log10(10, 10000);
    CHECK(scale.fraction(10) == Approx(0.0));
    CHECK(scale.fraction(100) == Approx(1.0 / 3.0));
    CHECK(scale.fraction(10000) == Approx(1.0));
    CHECK(scale.valueAt(2.0 / 3.0) == Approx(1000));
    CHECK(scale.fraction(0) < 0);
    Scale raised = Scale::log10(0, 1000);  // no NaN: the bound is raised
    CHECK(std::isfinite(raised.fraction(500)));
    CHECK(raised.lo() > 0);
}

TEST_CASE("ChartScale: a linear scale maps lo..hi onto 0..1 and back, and an empty range is widened") {
    Scale scale = Scale::linear(0, 200);
    CHECK(scale.fraction(50) == Approx(0.25));
    CHECK(scale.valueAt(0.25) == Approx(50));
    Scale flat = Scale::linear(3, 3);
    CHECK(flat.hi() > flat.lo());
    CHECK(std::isfinite(flat.fraction(3)));
}

TEST_CASE("ChartScale: compact labels fit under a bar, exact ones keep every digit asked for") {
    CHECK(formatCompact(0) == "0");
    CHECK(formatCompact(0.25) == "0.25");
    CHECK(formatCompact(250) == "250");
    CHECK(formatCompact(1500) == "1.5k");
    CHECK(formatCompact(10000) == "10k");
    CHECK(formatCompact(2000000) == "2M");
    CHECK(formatCompact(-1500) == "-1.5k");
    CHECK(formatExact(12345.678, 1) == "12,345.7");
    CHECK(formatExact(1001, 1) == "1,001");
    CHECK(formatExact(999.5, 2) == "999.5");
    CHECK(formatExact(-0.04, 1) == "0");
    CHECK(formatExact(-1234, 0) == "-1,234");
}
