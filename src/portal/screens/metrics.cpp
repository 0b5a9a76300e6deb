// The Metrics screen's frame: GET /metrics for the customer's company (fetched each time the
// screen is opened, on Refresh, and again when it is a minute old), four big-number tiles and the
// charts (metrics_charts.cpp). Missing values (no resolved request yet, no rating yet) show "—"
// with a line saying why, and a company without requests gets an empty state instead.
#include "screens/metrics.h"

#include <cmath>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "locale/format.h"
#include "platform/web_platform.h"
#include "screens/help_parts.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

using help::str;

namespace {

constexpr double kStaleMs = 60000;

std::optional<double> number(const json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_number()) return j[key].get<double>();
  return std::nullopt;
}

const json& sub(const json& j, const char* key) {
  static const json none;
  return j.is_object() && j.contains(key) ? j[key] : none;
}

std::string duration(std::optional<double> minutes) {
  if (!minutes) return "—";
  return format_duration(static_cast<std::int64_t>(std::llround(*minutes * 60)), i18n::format());
}

// "87%" / "87,5 %"-style numbers: one decimal only when it is not .0.
std::string decimal(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (decimals > 0 && s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  const auto dot = s.find('.');
  if (dot != std::string::npos) s.replace(dot, 1, i18n::format().decimal_separator);
  return s;
}

std::string percent(std::optional<double> v) { return v ? trf("metrics.percent", {{"n", decimal(*v, 1)}}) : "—"; }

struct Tile {
  const char* icon;
  std::string label, value, detail;
  ImU32 accent;
  double bar = -1;  // 0..1: a progress bar under the value (SLA, CSI)
};

void draw_tile(const Tile& t, float height) {
  const ui::Palette& p = ui::palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const ImVec2 e = o + ImVec2(width, height);
  if (ui::theme() == ui::Theme::Light)
    dl->AddRectFilled(o + ImVec2(0, 2), e + ImVec2(0, 2), ImGui::GetColorU32(p.shadow), 14);
  dl->AddRectFilled(o, e, ImGui::GetColorU32(p.surface), 14);
  dl->AddRect(o, e, ImGui::GetColorU32(p.border), 14);
  const float scale = ImGui::GetIO().FontGlobalScale;
  const float pad = 18;
  ImFont* small = ui::font(ui::Font::Small);
  ImFont* big = ui::font(ui::Font::Title);
  const float fs_small = small->FontSize * scale, fs_big = big->FontSize * scale;
  const std::string label = std::string(t.icon) + "  " + t.label;
  // The label may wrap in narrow tiles (phones, longer languages): the value goes below it.
  const float label_h = small->CalcTextSizeA(fs_small, FLT_MAX, width - 2 * pad, label.c_str()).y;
  dl->AddText(small, fs_small, o + ImVec2(pad, pad), ImGui::GetColorU32(t.accent), label.c_str(), nullptr,
              width - 2 * pad);
  dl->AddText(big, fs_big, o + ImVec2(pad, pad + label_h + 8), ImGui::GetColorU32(p.text), t.value.c_str());
  float y = pad + label_h + 8 + fs_big + 8;
  if (t.bar >= 0) {
    const ImVec2 a = o + ImVec2(pad, y), b = o + ImVec2(width - pad, y + 6);
    dl->AddRectFilled(a, b, ImGui::GetColorU32(p.surface_alt), 3);
    dl->AddRectFilled(a, ImVec2(a.x + (b.x - a.x) * static_cast<float>(std::clamp(t.bar, 0.0, 1.0)), b.y),
                      ImGui::GetColorU32(t.accent), 3);
    y += 14;
  }
  dl->AddText(small, fs_small, o + ImVec2(pad, y), ImGui::GetColorU32(p.text_muted), t.detail.c_str(), nullptr,
              width - 2 * pad);
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace

void MetricsScreen::load(app::Context& ctx) {
  if (loading_) return;
  loading_ = true;
  std::weak_ptr<int> alive = alive_;
  ctx.call("GET", "/metrics", nullptr, [this, alive](const client::Reply& r) {
    if (alive.expired()) return;
    loading_ = false;
    loaded_ms_ = platform::now_ms();
    failed_ = !r.ok();
    if (r.ok()) data_ = r.body;
    platform::request_frame_in(kStaleMs);  // refreshed when a minute old, if still shown
  });
}

void MetricsScreen::draw(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const int frame = ImGui::GetFrameCount();
  const bool entered = frame - last_frame_ > 1;
  last_frame_ = frame;
  if (entered || (loaded_ms_ > 0 && platform::now_ms() - loaded_ms_ >= kStaleMs)) load(ctx);

  // Header: title and company on the left, Refresh on the right.
  const std::string refresh = help::with_id(tr("metrics.refresh"), "metrics-refresh");
  const float rw = ui::button_width(refresh.c_str(), icon::kRefresh);
  const float top = ImGui::GetCursorScreenPos().y;
  ui::title(tr("metrics.title"));
  std::string company;
  const json& customer = sub(ctx.me(), "customer");
  company = str(sub(customer, "company"), "name");
  const bool agent = ctx.role() == "agent";  // an agent's metrics are over their queue
  const json& agent_me = sub(ctx.me(), "agent");
  ui::subtitle(agent ? trf("metrics.subtitle_agent", {{"level", str(agent_me, "level")}}).c_str()
                     : trf("metrics.subtitle", {{"company", company}}).c_str());
  if (loaded_ms_ > 0) {
    const Instant at = static_cast<Instant>(loaded_ms_ / 1000);
    help::text(ui::Font::Small, p.text_muted, trf("metrics.updated", {{"time", client::format_time(at)}}));
  }
  {
    const ImVec2 keep = ImGui::GetCursorScreenPos();
    if (ui::wide_layout()) ImGui::SetCursorScreenPos(ImVec2(ui::content_right() - rw, top + 6));
    else ui::gap(2);
    if (ui::button(refresh.c_str(), icon::kRefresh, ui::ButtonStyle::Secondary)) load(ctx);
    if (ui::wide_layout()) ImGui::SetCursorScreenPos(keep);
  }
  ui::gap(8);

  if (data_.is_null()) {
    ui::begin_card("metrics-loading");
    help::text(ui::Font::Body, p.text_muted, failed_ ? tr("metrics.failed") : tr("metrics.loading"));
    ui::end_card();
    test_hooks::set_value("metrics.state", failed_ ? "error" : "loading");
    return;
  }
  const json& m = data_;
  publish(m);
  if (m.value("requests_total", 0) == 0) {
    test_hooks::set_value("metrics.state", "empty");
    ui::begin_card("metrics-empty");
    help::icon_tile(icon::kBarChart, p.brand, p.brand_soft, 48);
    ui::gap(4);
    ui::heading(tr("metrics.empty_title"));
    ui::body(tr(agent ? "metrics.empty_body_agent" : "metrics.empty_body"));
    ui::gap(6);
    if (!agent && ui::button(help::with_id(tr("metrics.empty_action"), "metrics-new-request").c_str(), icon::kPlus))
      ctx.go("requests");
    ui::end_card();
    return;
  }
  test_hooks::set_value("metrics.state", loading_ ? "refreshing" : "ready");
  draw_tiles(m);
  ui::gap(10);
  draw_weekly_chart(sub(m, "weekly"));
  draw_times_chart(m);
}

void MetricsScreen::draw_tiles(const json& m) {
  const ui::Palette& p = ui::palette();
  const json& first = sub(m, "first_response_minutes");
  const json& resolution = sub(m, "resolution_minutes");
  const auto sla = number(m, "sla_met_percent");
  const auto csi = number(m, "csi");
  const auto rating = number(m, "average_rating");
  const int ratings = m.value("ratings", 0);

  auto times_detail = [](const json& d, const char* none) {
    if (!number(d, "median")) return std::string(tr(none));
    return trf("metrics.p90_detail", {{"p90", duration(number(d, "p90"))}, {"n", std::to_string(d.value("count", 0))}});
  };
  Tile tiles[4] = {
      {icon::kReply, tr("metrics.first_response"), duration(number(first, "median")),
       times_detail(first, "metrics.no_first_response"), p.brand},
      {icon::kCheckCircle, tr("metrics.resolution"), duration(number(resolution, "median")),
       times_detail(resolution, "metrics.no_resolution"), p.success},
      {icon::kClock, tr("metrics.sla"), percent(sla),
       sla ? trf("metrics.sla_detail", {{"n", std::to_string(m.value("sla_targets_decided", 0))}})
           : std::string(tr("metrics.no_sla")),
       sla && *sla < 80 ? p.warning : p.brand, sla ? *sla / 100.0 : -1},
      {icon::kStar, tr("metrics.csi"), csi ? decimal(*csi, 0) : "—",
       csi ? trf("metrics.csi_detail", {{"rating", decimal(rating.value_or(0), 1)}, {"n", std::to_string(ratings)}})
           : std::string(tr("metrics.no_csi")),
       p.warning, csi ? *csi / 100.0 : -1},
  };
  const float avail = ImGui::GetContentRegionAvail().x;
  const int cols = avail >= 760 ? 4 : avail >= 280 ? 2 : 1;
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(6, 6));
  if (ImGui::BeginTable("metrics-tiles", cols, ImGuiTableFlags_NoPadOuterX)) {
    for (const Tile& t : tiles) {
      ImGui::TableNextColumn();
      draw_tile(t, cols == 2 && avail < 500 ? 172 : 150);  // one height: the rows line up
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleVar();
  test_hooks::set_value("metrics.shown.first_median", tiles[0].value);
  test_hooks::set_value("metrics.shown.resolution_median", tiles[1].value);
  test_hooks::set_value("metrics.shown.sla", tiles[2].value);
  test_hooks::set_value("metrics.shown.csi", tiles[3].value);
  test_hooks::set_value("metrics.shown.first_detail", tiles[0].detail);
  test_hooks::set_value("metrics.shown.resolution_detail", tiles[1].detail);
  test_hooks::set_value("metrics.shown.csi_detail", tiles[3].detail);
}

void MetricsScreen::publish(const json& m) {
  // The raw numbers the screen was given, for tests to compare with GET /metrics.
  auto num = [](std::optional<double> v) { return v ? json(*v).dump() : std::string("null"); };
  test_hooks::set_value("metrics.raw.first_median", num(number(sub(m, "first_response_minutes"), "median")));
  test_hooks::set_value("metrics.raw.first_p90", num(number(sub(m, "first_response_minutes"), "p90")));
  test_hooks::set_value("metrics.raw.resolution_median", num(number(sub(m, "resolution_minutes"), "median")));
  test_hooks::set_value("metrics.raw.resolution_p90", num(number(sub(m, "resolution_minutes"), "p90")));
  test_hooks::set_value("metrics.raw.sla", num(number(m, "sla_met_percent")));
  test_hooks::set_value("metrics.raw.csi", num(number(m, "csi")));
  test_hooks::set_value("metrics.raw.ratings", std::to_string(m.value("ratings", 0)));
  test_hooks::set_value("metrics.raw.total", std::to_string(m.value("requests_total", 0)));
  std::string weeks;
  for (const json& w : sub(m, "weekly"))
    weeks += (weeks.empty() ? "" : ",") + std::to_string(w.value("created", 0)) + "/" +
             std::to_string(w.value("resolved", 0));
  test_hooks::set_value("metrics.raw.weekly", weeks);
}

}  // namespace portal::screens
