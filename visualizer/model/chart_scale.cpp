// Scales, ticks and tick labels; see chart_scale.h.
#include "model/chart_scale.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lab::viz {

Scale Scale::linear(double lo, double hi) {
    if (!(hi > lo)) hi = lo + 1.0;
    return Scale(lo, hi, false);
}

Scale Scale::log10(double lo, double hi) {
    // A log axis has no zero: a non-positive bound is raised rather than producing NaN positions.
    if (!(lo > 0)) lo = hi > 1.0 ? 1.0 : 1e-3;
    if (!(hi > lo)) hi = lo * 10.0;
    return Scale(lo, hi, true);
}

double Scale::fraction(double v) const {
    if (!log_) return (v - lo_) / (hi_ - lo_);
    if (!(v > 0)) return -1.0;  // off the bottom of the axis
    return (std::log10(v) - std::log10(lo_)) / (std::log10(hi_) - std::log10(lo_));
}

double Scale::valueAt(double f) const {
    if (!log_) return lo_ + f * (hi_ - lo_);
    return std::pow(10.0, std::log10(lo_) + f * (std::log10(hi_) - std::log10(lo_)));
}

std::vector<Tick> niceTicks(double lo, double hi, int target) {
    std::vector<Tick> ticks;
    if (!(hi > lo) || target < 1) return ticks;
    double rough = (hi - lo) / target;
    double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double normalized = rough / magnitude;
    double step = (normalized < 1.5 ? 1.0 : normalized < 3.0 ? 2.0 : normalized < 7.0 ? 5.0 : 10.0) * magnitude;
    // Counting in whole steps (not adding step repeatedly) keeps 0.1 + 0.2 noise out of the values.
    auto first = static_cast<long long>(std::floor(lo / step + 1e-9));
    auto last = static_cast<long long>(std::ceil(hi / step - 1e-9));
    for (long long k = first; k <= last; ++k) {
        double value = static_cast<double>(k) * step;
        ticks.push_back(Tick{value, formatCompact(value)});
    }
    return ticks;
}

std::vector<Tick> logTicks(double lo, double hi) {
    std::vector<Tick> ticks;
    if (!(lo > 0) || !(hi >= lo)) return ticks;
    auto first = static_cast<int>(std::floor(std::log10(lo) + 1e-9));
    auto last = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
    if (last == first) ++last;
    for (int k = first; k <= last; ++k) {
        double value = std::pow(10.0, k);
        ticks.push_back(Tick{value, formatCompact(value)});
    }
    return ticks;
}

std::string formatCompact(double v) {
    if (v == 0 || !std::isfinite(v)) return v == 0 ? "0" : "?";
    const char* sign = v < 0 ? "-" : "";
    double a = std::abs(v);
    const char* suffix = "";
    if (a >= 1e9) {
        a /= 1e9;
        suffix = "G";
    } else if (a >= 1e6) {
        a /= 1e6;
        suffix = "M";
    } else if (a >= 1e3) {
        a /= 1e3;
        suffix = "k";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%s%.3g%s", sign, a, suffix);
    return text;
}

std::string formatExact(double v, int decimals) {
    if (!std::isfinite(v)) return "?";
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", std::clamp(decimals, 0, 9), std::abs(v));
    std::string digits = text;
    std::string fraction;
    if (auto dot = digits.find('.'); dot != std::string::npos) {
        fraction = digits.substr(dot + 1);
        digits.resize(dot);
    }
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    if (!fraction.empty()) out += "." + fraction;
    bool zero = out.find_first_not_of("0.,") == std::string::npos;
    return (v < 0 && !zero ? "-" : "") + out;
}

}  // namespace lab::viz
