// Chart scales and axis ticks: the arithmetic behind the Benchmark view's charts, apart from the
// drawing (panels/bench_panel.cpp) so it can be tested headless.
//
// A Scale maps a data range onto 0..1 (linear, or log10 for ranges that span decades, such as
// descriptors watched from 10 to 10,000). niceTicks() picks round tick values (1, 2, 5 times a
// power of ten) covering the range; logTicks() picks the powers of ten. formatCompact() writes a
// tick label short enough to fit under a bar group ("250", "1.5k", "2M").
// Not here: what the charts show (bench_series.h). No ImGui here; tested in
// tests/visualizer/chart_scale_test.cpp.
#pragma once

#include <string>
#include <vector>

namespace lab::viz {

class Scale {
public:
    // A linear scale on [lo, hi], or a log10 one (lo must then be > 0). hi == lo is widened so
    // the scale never divides by zero.
    static Scale linear(double lo, double hi);
    static Scale log10(double lo, double hi);

    double lo() const { return lo_; }
    double hi() const { return hi_; }
    bool isLog() const { return log_; }
    // Where v sits: 0 at lo, 1 at hi (outside the range: below 0 or above 1).
    double fraction(double v) const;
    // The value at a fraction (the inverse of fraction()).
    double valueAt(double f) const;

private:
    Scale(double lo, double hi, bool log) : lo_(lo), hi_(hi), log_(log) {}
    double lo_, hi_;
    bool log_;
};

struct Tick {
    double value = 0;
    std::string label;
    bool operator==(const Tick&) const = default;
};

// Round ticks from a multiple of the step at or below lo up to the first at or above hi, about
// `target` of them; the step is 1, 2 or 5 times a power of ten. Precondition: hi > lo.
std::vector<Tick> niceTicks(double lo, double hi, int target = 5);
// Powers of ten from the one at or below lo to the one at or above hi (lo > 0).
std::vector<Tick> logTicks(double lo, double hi);
// A number in few characters: "0", "0.25", "12", "250", "1.5k", "10k", "2M", "3.2G".
std::string formatCompact(double v);
// A number with thousands separators and up to `decimals` decimals: "12,345.6".
std::string formatExact(double v, int decimals = 1);

}  // namespace lab::viz
