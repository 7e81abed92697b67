// The Benchmark panel; see bench_panel.h.
#include "panels/bench_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "model/bench_series.h"
#include "panels/style.h"

namespace lab::viz {

namespace {

constexpr ImU32 kAxisText = IM_COL32(170, 175, 190, 255);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 26);
constexpr ImU32 kFailed = IM_COL32(235, 90, 80, 255);

// One colour per server / backend, fixed by name (colourIndex), distinct on the dark background.
ImU32 seriesColour(const std::string& name, int alpha = 255) {
    static const ImU32 kColours[] = {IM_COL32(100, 160, 255, 255), IM_COL32(80, 200, 190, 255), IM_COL32(120, 215, 100, 255),
                                     IM_COL32(240, 160, 70, 255),  IM_COL32(200, 120, 230, 255), IM_COL32(230, 215, 90, 255),
                                     IM_COL32(240, 120, 150, 255), IM_COL32(170, 170, 170, 255)};
    ImU32 c = kColours[colourIndex(name) % std::size(kColours)];
    return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

std::string exactWithUnit(std::optional<double> value, const char* unit) {
    return value ? formatExact(*value, 2) + " " + unit : "not measured";
}

// Text centred on x (clamped to [lo, hi]), one line per '\n'.
void centredText(ImDrawList* draw, float x, float y, ImU32 colour, const std::string& text, float lo, float hi) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        float w = ImGui::CalcTextSize(line.c_str()).x;
        draw->AddText(ImVec2(std::clamp(x - w * 0.5f, lo, std::max(lo, hi - w)), y), colour, line.c_str());
        y += ImGui::GetTextLineHeight();
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

// A legend row: a swatch and a name per series; returns its height.
float legend(ImDrawList* draw, ImVec2 at, float right, const std::vector<std::string>& names, bool lines) {
    float x = at.x, y = at.y, h = ImGui::GetTextLineHeight();
    for (const std::string& name : names) {
        float w = 22.0f + ImGui::CalcTextSize(name.c_str()).x + 14.0f;
        if (x + w > right && x > at.x) {
            x = at.x;
            y += h + 2;
        }
        if (lines) {
            draw->AddLine(ImVec2(x, y + h * 0.5f), ImVec2(x + 16, y + h * 0.5f), seriesColour(name), 2.5f);
            draw->AddCircleFilled(ImVec2(x + 8, y + h * 0.5f), 3.5f, seriesColour(name));
        } else {
            draw->AddRectFilled(ImVec2(x, y + 2), ImVec2(x + 16, y + h - 2), seriesColour(name), 2.0f);
        }
        draw->AddText(ImVec2(x + 22, y), IM_COL32(215, 218, 228, 255), name.c_str());
        x += w;
    }
    return y + h - at.y;
}

// A skipped or failed row's place: an outlined, hatched stub (never a zero-height bar).
void markedGap(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 outline, bool failed) {
    draw->PushClipRect(a, b, true);
    for (float d = -(b.y - a.y); d < b.x - a.x; d += 6.0f) {
        draw->AddLine(ImVec2(a.x + d, b.y), ImVec2(a.x + d + (b.y - a.y), a.y), (outline & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 110));
    }
    draw->PopClipRect();
    draw->AddRect(a, b, outline, 0.0f, 0, 1.5f);
    if (failed) {
        float cx = (a.x + b.x) * 0.5f, cy = a.y - 7.0f, r = std::min(5.0f, (b.x - a.x) * 0.4f);
        draw->AddLine(ImVec2(cx - r, cy - r), ImVec2(cx + r, cy + r), kFailed, 2.0f);
        draw->AddLine(ImVec2(cx - r, cy + r), ImVec2(cx + r, cy - r), kFailed, 2.0f);
    }
}

void barTooltip(const BenchResult& result, const BarChart& chart, std::size_t g, std::size_t s) {
    const Bar& bar = chart.bar(g, s);
    const BarGroup& group = chart.groups[g];
    const MetricInfo& info = metricInfo(chart.metric);
    ImGui::BeginTooltip();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(seriesColour(chart.servers[s])), "%s", chart.servers[s].c_str());
    ImGui::Text("%s connections, %s active", formatExact(static_cast<double>(group.connections), 0).c_str(),
                formatExact(static_cast<double>(group.active), 0).c_str());
    if (bar.status != BenchStatus::ok) {
        ImGui::TextColored(style::kBadText, "%s", std::string(statusName(bar.status)).c_str());
    } else {
        ImGui::Text("%s: %s", info.title, exactWithUnit(bar.value, info.unit).c_str());
    }
    for (const BenchRow& row : result.rows()) {
        if (row.server != chart.servers[s] || row.connections != group.connections || row.active != group.active) continue;
        if (row.status == BenchStatus::ok) {
            ImGui::Separator();
            for (BenchMetric metric : kBenchMetrics) {
                if (metric == chart.metric) continue;
                ImGui::TextColored(style::kDimText, "%s: %s", metricInfo(metric).title,
                                   exactWithUnit(metricValue(row, metric), metricInfo(metric).unit).c_str());
            }
        }
    }
    if (!bar.note.empty()) ImGui::TextWrapped("note: %s", bar.note.c_str());
    ImGui::EndTooltip();
}

// One bar chart in the box [at, at + size].
void drawBarChart(const BenchResult& result, const BarChart& chart, ImVec2 at, ImVec2 size, bool compact) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const MetricInfo& info = metricInfo(chart.metric);
    float h = ImGui::GetTextLineHeight();
    std::string title = std::string(info.title) + (info.higherIsBetter ? "  (higher is better)" : "  (lower is better)");
    draw->AddText(at, IM_COL32(235, 238, 245, 255), title.c_str());
    float top = at.y + h + 4;
    if (!compact) top += legend(draw, ImVec2(at.x, top), at.x + size.x, chart.servers, false) + 6;
    top += h + 6;  // the unit above the y axis
    float left = at.x + 58.0f, right = at.x + size.x - 8.0f;
    bool twoLineLabels = std::any_of(chart.groups.begin(), chart.groups.end(), [](const BarGroup& g) { return g.active < g.connections; });
    float bottom = at.y + size.y - h * (twoLineLabels ? 3.0f : 2.0f) - 8.0f;
    if (bottom - top < 30 || right - left < 40) return;
    draw->AddText(ImVec2(at.x, top - h - 6), kAxisText, info.unit);
    auto toY = [&](double v) { return bottom - static_cast<float>(std::clamp(chart.y.fraction(v), 0.0, 1.0)) * (bottom - top); };
    for (const Tick& tick : chart.ticks) {
        float y = toY(tick.value);
        draw->AddLine(ImVec2(left, y), ImVec2(right, y), kGrid);
        float w = ImGui::CalcTextSize(tick.label.c_str()).x;
        draw->AddText(ImVec2(left - 6 - w, y - h * 0.5f), kAxisText, tick.label.c_str());
    }
    draw->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), IM_COL32(200, 200, 210, 160));
    centredText(draw, (left + right) * 0.5f, bottom + h * (twoLineLabels ? 2.0f : 1.0f) + 6, kAxisText, "connections", left, right);
    if (chart.groups.empty() || chart.servers.empty()) return;
    float groupW = (right - left) / static_cast<float>(chart.groups.size());
    float barW = groupW * 0.8f / static_cast<float>(chart.servers.size());
    ImVec2 mouse = ImGui::GetIO().MousePos;
    bool hoverable = ImGui::IsWindowHovered();
    for (std::size_t g = 0; g < chart.groups.size(); ++g) {
        float gx = left + groupW * static_cast<float>(g);
        centredText(draw, gx + groupW * 0.5f, bottom + 4, kAxisText, chart.groups[g].label, gx, gx + groupW);
        for (std::size_t s = 0; s < chart.servers.size(); ++s) {
            const Bar& bar = chart.bar(g, s);
            if (!bar.present) continue;
            float x0 = gx + groupW * 0.1f + barW * static_cast<float>(s), x1 = x0 + barW - 1.0f;
            float y0 = bottom;
            if (bar.value) {
                y0 = toY(*bar.value);
                draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, bottom), seriesColour(chart.servers[s]));
                std::string label = formatCompact(*bar.value);
                if (!compact && ImGui::CalcTextSize(label.c_str()).x <= barW - 4) {
                    centredText(draw, (x0 + x1) * 0.5f, y0 - h - 1, IM_COL32(220, 222, 230, 255), label, x0 - 4, x1 + 4);
                }
            } else {
                y0 = bottom - std::min(28.0f, (bottom - top) * 0.3f);
                markedGap(draw, ImVec2(x0, y0), ImVec2(x1, bottom), seriesColour(chart.servers[s]), bar.status == BenchStatus::failed);
            }
            if (hoverable && mouse.x >= x0 && mouse.x <= x1 && mouse.y >= std::min(y0, bottom - 8) - 12 && mouse.y <= bottom) {
                draw->AddRect(ImVec2(x0 - 1, y0 - 1), ImVec2(x1 + 1, bottom + 1), style::kChanged, 0.0f, 0, 2.0f);
                barTooltip(result, chart, g, s);
            }
        }
    }
}

void drawWaitCostChart(const LineChart& chart, ImVec2 at, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float h = ImGui::GetTextLineHeight();
    draw->AddText(at, IM_COL32(235, 238, 245, 255), "Cost of one wait  (lower is better)");
    float top = at.y + h + 4;
    if (chart.series.empty()) {
        draw->AddText(ImVec2(at.x, top), kAxisText, "(this file has no wait_cost measurements)");
        return;
    }
    std::vector<std::string> names;
    for (const LineSeries& series : chart.series) names.push_back(series.backend);
    top += legend(draw, ImVec2(at.x, top), at.x + size.x, names, true) + 6;
    top += h + 6;
    // A line of text under the axis for each skipped point (three at most; the markers' tooltips
    // hold them all), so a point the machine could not measure is said, not silently missing.
    std::size_t noteLines = std::min<std::size_t>(chart.skipped.size(), 3);
    float left = at.x + 58.0f, right = at.x + size.x - 14.0f;
    float bottom = at.y + size.y - h * (2.0f + static_cast<float>(noteLines)) - 8.0f;
    if (bottom - top < 30 || right - left < 40) return;
    draw->AddText(ImVec2(at.x, top - h - 6), kAxisText, "ns per wait");
    auto toX = [&](double v) { return left + static_cast<float>(chart.x.fraction(v)) * (right - left); };
    auto toY = [&](double v) { return bottom - static_cast<float>(chart.y.fraction(v)) * (bottom - top); };
    for (const Tick& tick : chart.yTicks) {
        float y = toY(tick.value);
        draw->AddLine(ImVec2(left, y), ImVec2(right, y), kGrid);
        float w = ImGui::CalcTextSize(tick.label.c_str()).x;
        draw->AddText(ImVec2(left - 6 - w, y - h * 0.5f), kAxisText, tick.label.c_str());
    }
    // Decades labelled, 2..9 within each decade as faint lines: what makes a log axis readable.
    for (std::size_t i = 0; i < chart.xTicks.size(); ++i) {
        float x = toX(chart.xTicks[i].value);
        draw->AddLine(ImVec2(x, top), ImVec2(x, bottom + 4), IM_COL32(255, 255, 255, 40));
        centredText(draw, x, bottom + 5, kAxisText, chart.xTicks[i].label, left - 20, right + 14);
        for (int m = 2; m <= 9 && i + 1 < chart.xTicks.size(); ++m) {
            float mx = toX(chart.xTicks[i].value * m);
            draw->AddLine(ImVec2(mx, top), ImVec2(mx, bottom), IM_COL32(255, 255, 255, 12));
        }
    }
    draw->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), IM_COL32(200, 200, 210, 160));
    centredText(draw, (left + right) * 0.5f, bottom + h + 6, kAxisText, "descriptors watched (log scale)", left, right);
    ImVec2 mouse = ImGui::GetIO().MousePos;
    const WaitCostPoint* nearest = nullptr;
    float best = 10.0f * 10.0f;
    for (const LineSeries& series : chart.series) {
        ImU32 colour = seriesColour(series.backend);
        for (std::size_t i = 0; i < series.points.size(); ++i) {
            ImVec2 p(toX(static_cast<double>(series.points[i].watched)), toY(series.points[i].nsPerWait));
            if (i > 0) {
                ImVec2 q(toX(static_cast<double>(series.points[i - 1].watched)), toY(series.points[i - 1].nsPerWait));
                draw->AddLine(q, p, colour, 2.5f);
            }
            draw->AddCircleFilled(p, 4.0f, colour);
            float d = (p.x - mouse.x) * (p.x - mouse.x) + (p.y - mouse.y) * (p.y - mouse.y);
            if (ImGui::IsWindowHovered() && d < best) {
                best = d;
                nearest = &series.points[i];
            }
        }
    }
    // Skipped points: a hollow marker along the top of the plot at their x, stacked when several
    // share one, and a note line under the axis.
    const WaitCostSkipped* hoveredSkip = nullptr;
    for (std::size_t i = 0; i < chart.skipped.size(); ++i) {
        const WaitCostSkipped& skip = chart.skipped[i];
        std::size_t below = 0;
        for (std::size_t j = 0; j < i; ++j) below += chart.skipped[j].watched == skip.watched;
        ImVec2 p(toX(static_cast<double>(skip.watched)), top + 6.0f + 12.0f * static_cast<float>(below));
        draw->AddCircle(p, 4.5f, seriesColour(skip.backend), 0, 1.5f);
        draw->AddText(ImVec2(p.x - 8.0f - ImGui::CalcTextSize("skipped").x, p.y - h * 0.5f), kAxisText, "skipped");
        float d = (p.x - mouse.x) * (p.x - mouse.x) + (p.y - mouse.y) * (p.y - mouse.y);
        if (ImGui::IsWindowHovered() && d < 8.0f * 8.0f) hoveredSkip = &skip;
        if (i < noteLines) {
            std::string where = skip.backend + " watching " + formatExact(static_cast<double>(skip.watched), 0);
            std::string note = where + ": skipped, " + skip.reason;
            if (ImGui::CalcTextSize(note.c_str()).x > size.x) note = where + ": skipped (hover its marker for why)";
            if (i + 1 == noteLines && chart.skipped.size() > noteLines)
                note = "... and " + std::to_string(chart.skipped.size() - noteLines + 1) + " more skipped points (hover the hollow markers)";
            draw->AddText(ImVec2(at.x, bottom + h * (2.0f + static_cast<float>(i)) + 8.0f), seriesColour(skip.backend), note.c_str());
        }
    }
    if (hoveredSkip) {
        ImGui::SetTooltip("%s watching %s descriptors: not measured\n%s", hoveredSkip->backend.c_str(),
                          formatExact(static_cast<double>(hoveredSkip->watched), 0).c_str(), hoveredSkip->reason.c_str());
    } else if (nearest) {
        ImVec2 p(toX(static_cast<double>(nearest->watched)), toY(nearest->nsPerWait));
        draw->AddCircle(p, 7.0f, style::kChanged, 0, 2.0f);
        ImGui::SetTooltip("%s watching %s descriptors:\n%s ns per wait", nearest->backend.c_str(),
                          formatExact(static_cast<double>(nearest->watched), 0).c_str(), formatExact(nearest->nsPerWait, 2).c_str());
    }
}

void drawTable(const BenchResult& result) {
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                      ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("rows", 12, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* name : {"server", "connections", "active", "messages/s", "p50 us", "p99 us", "peak RSS MiB", "idle RSS MiB",
                             "threads", "CPU s", "status", "note"}) {
        ImGui::TableSetupColumn(name);
    }
    ImGui::TableHeadersRow();
    auto cell = [](std::optional<double> v, double scale = 1.0) {
        ImGui::TableNextColumn();
        if (v) ImGui::Text("%s", formatExact(*v * scale, 1).c_str());
        else style::dimText("-");
    };
    for (const BenchRow& row : result.rows()) {
        bool ok = row.status == BenchStatus::ok;
        ImGui::TableNextColumn();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(seriesColour(row.server)), "%s", row.server.c_str());
        cell(static_cast<double>(row.connections));
        cell(static_cast<double>(row.active));
        cell(ok ? row.messagesPerS : std::nullopt);
        cell(ok ? row.p50Us : std::nullopt);
        cell(ok ? row.p99Us : std::nullopt);
        cell(ok ? row.peakRssKb : std::nullopt, 1.0 / 1024.0);
        cell(ok ? row.idleRssKb : std::nullopt, 1.0 / 1024.0);
        cell(ok ? row.threads : std::nullopt);
        cell(ok ? row.cpuS : std::nullopt);
        ImGui::TableNextColumn();
        ImGui::TextColored(ok ? style::kGoodText : style::kBadText, "%s", std::string(statusName(row.status)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.note.c_str());
    }
    ImGui::EndTable();
}

}  // namespace

void drawBenchPanel(const BenchResult& result, BenchViewState& view) {
    const BenchMachine& machine = result.machine();
    ImGui::TextColored(style::kDimText, "%s", result.path().c_str());
    ImGui::SameLine();
    ImGui::Text("   %zu rows, %zu wait-cost points", result.rows().size(), result.waitCost().size());
    if (!result.waitCostSkipped().empty()) {
        ImGui::SameLine(0, 0);
        ImGui::Text(" (%zu skipped)", result.waitCostSkipped().size());
    }
    if (machine.cores > 0) {
        ImGui::SameLine();
        ImGui::Text("   %lld core(s), %s", static_cast<long long>(machine.cores),
                    machine.pinned ? "server and load generator pinned to different cores" : "not pinned");
        if (machine.cores < 2 || !machine.pinned) {
            ImGui::SameLine();
            ImGui::TextColored(style::kBadText, "  (the numbers are noisy)");
        }
    }
    if (!machine.note.empty()) ImGui::TextColored(style::kDimText, "%s", machine.note.c_str());
    if (result.rows().empty() && result.waitCost().empty()) {
        ImGui::TextColored(style::kBadText, "Nothing to chart: see View > Load problems for what is wrong with this file.");
        return;
    }
    ImGui::SetNextItemWidth(320.0f);
    if (ImGui::BeginCombo("metric", metricInfo(kBenchMetrics[view.metric]).title)) {
        for (int i = 0; i < static_cast<int>(std::size(kBenchMetrics)); ++i) {
            if (ImGui::Selectable(metricInfo(kBenchMetrics[i]).title, i == view.metric)) view.metric = i;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::Checkbox("log y", &view.logY);
    ImGui::SameLine();
    ImGui::Checkbox("all metrics", &view.allMetrics);
    ImGui::SameLine();
    ImGui::TextColored(style::kDimText, "   hatched: skipped   red x: failed   hover a bar or point for exact values");

    ImVec2 at = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float chartsH = view.allMetrics ? avail.y : std::max(200.0f, avail.y * 0.64f);
    float gap = 18.0f;
    if (view.allMetrics) {
        // Small multiples: every metric's bars and the wait-cost lines, in a 2 x 4 grid.
        int columns = 2, rows = 4;
        float cw = (avail.x - gap) / static_cast<float>(columns), ch = (chartsH - gap * 3) / static_cast<float>(rows);
        int cellIndex = 0;
        for (BenchMetric metric : kBenchMetrics) {
            ImVec2 p(at.x + (cw + gap) * static_cast<float>(cellIndex % columns), at.y + (ch + gap) * static_cast<float>(cellIndex / columns));
            drawBarChart(result, barChart(result, metric, view.logY), p, ImVec2(cw, ch), cellIndex > 0);
            ++cellIndex;
        }
        ImVec2 p(at.x + (cw + gap) * static_cast<float>(cellIndex % columns), at.y + (ch + gap) * static_cast<float>(cellIndex / columns));
        drawWaitCostChart(waitCostChart(result), p, ImVec2(cw, ch));
        ImGui::Dummy(avail);
        return;
    }
    float barsW = (avail.x - gap) * 0.6f;
    drawBarChart(result, barChart(result, kBenchMetrics[view.metric], view.logY), at, ImVec2(barsW, chartsH), false);
    drawWaitCostChart(waitCostChart(result), ImVec2(at.x + barsW + gap, at.y), ImVec2(avail.x - barsW - gap, chartsH));
    ImGui::Dummy(ImVec2(avail.x, chartsH + 6));
    drawTable(result);
}

}  // namespace lab::viz
