// The Metrics screen's charts, drawn with ImGui's draw list inside cards:
//   requests per week: created and resolved side by side for the last eight weeks (hover or focus
//   a week to read its numbers), and median vs 90th percentile bars for both response times.

#include <algorithm>
#include <cmath>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "locale/format.h"
#include "screens/help_parts.h"
#include "screens/metrics.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

using help::str;

namespace {

float text_w(ImFont* f, float fs, const std::string& s) { return f->CalcTextSizeA(fs, FLT_MAX, 0, s.c_str()).x; }

void legend_entry(ImDrawList* dl, ImVec2& at, ImU32 color, const std::string& label, ImFont* f, float fs, ImU32 text) {
  dl->AddRectFilled(at + ImVec2(0, 3), at + ImVec2(10, 13), color, 3);
  dl->AddText(f, fs, at + ImVec2(16, 0), text, label.c_str());
  at.x += 16 + text_w(f, fs, label) + 18;
}

std::string week_label(const std::string& wire) {
  const Instant t = client::parse_wire_time(wire);
  if (t == 0) return "";
  return format_local_date(civil_from_days(floor_div(t, kSecondsPerDay)), i18n::format(), false);
}

}  // namespace

void MetricsScreen::draw_weekly_chart(const json& weekly) {
  const ui::Palette& p = ui::palette();
  ui::begin_card("metrics-weekly");
  ui::heading(tr("metrics.weekly_title"));
  ui::muted(tr("metrics.weekly_subtitle"));
  ui::gap(4);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float scale = ImGui::GetIO().FontGlobalScale;
  ImFont* small = ui::font(ui::Font::Small);
  const float fs = small->FontSize * scale;

  int top = 0, total = 0;
  for (const json& w : weekly) {
    top = std::max({top, w.value("created", 0), w.value("resolved", 0)});
    total += w.value("created", 0) + w.value("resolved", 0);
  }
  {  // legend
    ImVec2 at = ImGui::GetCursorScreenPos();
    legend_entry(dl, at, p.brand, tr("metrics.created"), small, fs, ImGui::GetColorU32(p.text_muted));
    legend_entry(dl, at, p.success, tr("metrics.resolved"), small, fs, ImGui::GetColorU32(p.text_muted));
    ImGui::Dummy(ImVec2(1, fs + 4));
  }
  if (total == 0 || weekly.empty()) {
    help::text(ui::Font::Body, p.text_muted, tr("metrics.weekly_empty"));
    ui::end_card();
    hovered_week_ = -1;
    return;
  }
  // A round scale: 1, 2, 5, 10, … above the highest bar; a line at the top and the middle.
  int scale_top = 1;
  for (int step : {1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 500, 1000})
    if ((scale_top = step) >= top) break;
  if (scale_top < top) scale_top = top;

  const float width = ImGui::GetContentRegionAvail().x;
  const float axis_w = text_w(small, fs, std::to_string(scale_top)) + 8;
  const float plot_h = 150, label_h = fs + 8, value_h = fs + 6;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const ImVec2 plot0(o.x + axis_w, o.y + value_h), plot1(o.x + width, o.y + value_h + plot_h);
  for (int i = 0; i <= 2; i++) {
    const float y = plot1.y - (plot1.y - plot0.y) * static_cast<float>(i) / 2.0f;
    dl->AddLine(ImVec2(plot0.x, y), ImVec2(plot1.x, y),
                ImGui::GetColorU32(i == 0 ? p.border : ui::with_alpha(p.border, 120)));
    if (scale_top % 2 == 0 || i != 1) {
      const std::string v = std::to_string(scale_top * i / 2);
      dl->AddText(small, fs, ImVec2(o.x + axis_w - 8 - text_w(small, fs, v), y - fs * 0.5f),
                  ImGui::GetColorU32(p.text_muted), v.c_str());
    }
  }
  const int n = static_cast<int>(weekly.size());
  const float group = (plot1.x - plot0.x) / static_cast<float>(n);
  const float bar = std::min(22.0f, group * 0.32f);
  const bool every_label = text_w(small, fs, "30 Nov") + 8 < group;
  ImGui::InvisibleButton("##weekly-plot", ImVec2(width, value_h + plot_h + label_h));
  const bool hovered = ImGui::IsItemHovered();
  const float mx = ImGui::GetIO().MousePos.x;
  hovered_week_ = hovered ? std::clamp(static_cast<int>((mx - plot0.x) / group), 0, n - 1) : -1;
  for (int i = 0; i < n; i++) {
    const json& w = weekly[static_cast<std::size_t>(i)];
    const int created = w.value("created", 0), resolved = w.value("resolved", 0);
    const float cx = plot0.x + group * (static_cast<float>(i) + 0.5f);
    if (i == hovered_week_)
      dl->AddRectFilled(ImVec2(cx - group * 0.5f + 2, plot0.y - value_h), ImVec2(cx + group * 0.5f - 2, plot1.y),
                        ImGui::GetColorU32(ui::with_alpha(p.brand, 22)), 8);
    auto draw_bar = [&](float x, int v, ImU32 c) {
      const float h = (plot1.y - plot0.y) * static_cast<float>(v) / static_cast<float>(scale_top);
      if (v > 0) dl->AddRectFilled(ImVec2(x, plot1.y - h), ImVec2(x + bar, plot1.y), c, 4, ImDrawFlags_RoundCornersTop);
      if (v > 0 || i == hovered_week_) {
        const std::string s = std::to_string(v);
        dl->AddText(small, fs, ImVec2(x + (bar - text_w(small, fs, s)) * 0.5f, plot1.y - h - fs - 2),
                    ImGui::GetColorU32(p.text_muted), s.c_str());
      }
    };
    draw_bar(cx - bar - 2, created, ImGui::GetColorU32(p.brand));
    draw_bar(cx + 2, resolved, ImGui::GetColorU32(p.success));
    if (every_label || i % 2 == (n - 1) % 2) {
      const std::string label = week_label(str(w, "week_start"));
      dl->AddText(small, fs, ImVec2(cx - text_w(small, fs, label) * 0.5f, plot1.y + 5),
                  ImGui::GetColorU32(p.text_muted), label.c_str());
    }
  }
  if (hovered_week_ >= 0) {
    const json& w = weekly[static_cast<std::size_t>(hovered_week_)];
    ImGui::SetTooltip("%s", trf("metrics.week_tooltip", {{"week", week_label(str(w, "week_start"))},
                                                         {"created", std::to_string(w.value("created", 0))},
                                                         {"resolved", std::to_string(w.value("resolved", 0))}})
                                .c_str());
  }
  ui::end_card();
}

void MetricsScreen::draw_times_chart(const json& m) {
  const ui::Palette& p = ui::palette();
  const json& first = m.contains("first_response_minutes") ? m["first_response_minutes"] : json();
  const json& resolution = m.contains("resolution_minutes") ? m["resolution_minutes"] : json();
  auto get = [](const json& d, const char* k) {
    return d.is_object() && d.contains(k) && d[k].is_number() ? d[k].get<double>() : -1.0;
  };
  const double values[2][2] = {{get(first, "median"), get(first, "p90")},
                               {get(resolution, "median"), get(resolution, "p90")}};
  double top = 0;
  for (const auto& row : values)
    for (double v : row) top = std::max(top, v);

  ui::begin_card("metrics-times");
  ui::heading(tr("metrics.times_title"));
  ui::muted(tr("metrics.times_subtitle"));
  ui::gap(6);
  if (top <= 0) {
    help::text(ui::Font::Body, p.text_muted, tr("metrics.times_empty"));
    ui::end_card();
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float scale = ImGui::GetIO().FontGlobalScale;
  ImFont* small = ui::font(ui::Font::Small);
  const float fs = small->FontSize * scale;
  const char* names[2] = {tr("metrics.first_response"), tr("metrics.resolution")};
  const char* series[2] = {tr("metrics.median"), tr("metrics.p90")};
  const ImU32 colors[2] = {ImGui::GetColorU32(p.brand), ImGui::GetColorU32(ui::with_alpha(p.brand, 110))};
  {
    ImVec2 at = ImGui::GetCursorScreenPos();
    legend_entry(dl, at, colors[0], series[0], small, fs, ImGui::GetColorU32(p.text_muted));
    legend_entry(dl, at, colors[1], series[1], small, fs, ImGui::GetColorU32(p.text_muted));
    ImGui::Dummy(ImVec2(1, fs + 2));
  }
  const float width = ImGui::GetContentRegionAvail().x;
  for (int r = 0; r < 2; r++) {
    help::text(ui::Font::Strong, p.text, names[r]);
    for (int s = 0; s < 2; s++) {
      const double v = values[r][s];
      const std::string label =
          v < 0 ? std::string("—") : format_duration(static_cast<std::int64_t>(std::llround(v * 60)), i18n::format());
      const float label_w = std::max(90.0f, text_w(small, fs, label) + 10);
      const ImVec2 o = ImGui::GetCursorScreenPos();
      const float track = width - label_w;
      const float w = v <= 0 ? 0 : std::max(4.0f, track * static_cast<float>(v / top));
      dl->AddRectFilled(o, o + ImVec2(track, 14), ImGui::GetColorU32(p.surface_alt), 7);
      if (w > 0) dl->AddRectFilled(o, o + ImVec2(w, 14), colors[s], 7);
      dl->AddText(small, fs, o + ImVec2(track + 10, (14 - fs) * 0.5f), ImGui::GetColorU32(p.text), label.c_str());
      ImGui::Dummy(ImVec2(width, 16));
    }
    if (r == 0) ui::gap(6);
  }
  ui::end_card();
}

}  // namespace portal::screens
