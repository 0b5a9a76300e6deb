#include "screens/my_support.h"

#include "screens/catalog_words.h"
#include "screens/common.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "locale/format.h"
#include "platform/web_platform.h"
#include "sla/policy.h"
#include "time/iso8601.h"
#include "time/posix_tz.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

namespace {

// ---- small helpers -----------------------------------------------------------------------------

const json& arr(const json& j, const char* key) {
  static const json empty = json::array();
  if (j.is_object() && j.contains(key) && j[key].is_array()) return j[key];
  return empty;
}

// Contacts that are addresses or numbers are shown as they are; descriptions are translated.
std::string channel_contact(const json& ch) {
  const std::string contact = str(ch, "contact");
  if (contact.empty()) return contact;
  const bool literal = contact.find('@') != std::string::npos || contact[0] == '+' ||
                       (contact.find(' ') == std::string::npos && contact.find('.') != std::string::npos);
  return literal ? contact : tr_or("contact." + str(ch, "id"), contact);
}

// Plural forms: en/bg "one"/"other"; ru "one"/"few"/"many". Keys: base + ".one" etc.

// ---- SLA targets -------------------------------------------------------------------------------

// "8 business hours", "1 business day", "1 hour, 24/7": the core's describe_target decides.
std::string target_text(const Target& t, const Schedule* s) {
  const TargetWording w = describe_target(t, s);
  if (w.around_the_clock()) return trf("support.target_calendar", {{"duration", target_amount(w)}});
  return target_amount(w);
}

// Which plan / package / add-on brings a policy: "Premium plan", "Dedicated agent add-on".
std::string policy_source(const Catalog& catalog, const std::string& policy_id) {
  for (const Plan& p : catalog.plans)
    if (p.policy_id == policy_id) return trf("support.policy_plan", {{"name", tier_name(catalog, p.tier)}});
  for (const Offer& o : catalog.packages)
    if (o.policy_id == policy_id) return trf("support.policy_package", {{"name", offer_name(o)}});
  for (const Offer& o : catalog.addons)
    if (o.policy_id == policy_id) return trf("support.policy_addon", {{"name", offer_name(o)}});
  return policy_id;
}

// ---- drawing helpers ---------------------------------------------------------------------------

// A padlock drawn with shapes (the icon font has none), centred in a tile.
void lock_tile(float size = 40) {
  const ui::Palette& p = ui::palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(pos, pos + ImVec2(size, size), ImGui::GetColorU32(p.surface_alt), 10);
  const ImVec2 c = pos + ImVec2(size * 0.5f, size * 0.5f);
  const ImU32 col = ImGui::GetColorU32(p.text_muted);
  const float bw = size * 0.36f, bh = size * 0.28f;
  const ImVec2 body_min(c.x - bw * 0.5f, c.y - bh * 0.15f);
  dl->AddRectFilled(body_min, body_min + ImVec2(bw, bh), col, 2.5f);
  const float r = bw * 0.32f;
  constexpr float kPi = 3.14159265358979323846f;  // ImGui's IM_PI
  dl->PathArcTo(ImVec2(c.x, body_min.y), r, kPi, 2 * kPi, 16);
  dl->PathStroke(col, 0, 2.2f);
  dl->AddLine(ImVec2(c.x - r, body_min.y), ImVec2(c.x - r, body_min.y + 1), col, 2.2f);
  dl->AddLine(ImVec2(c.x + r, body_min.y), ImVec2(c.x + r, body_min.y + 1), col, 2.2f);
  dl->AddCircleFilled(ImVec2(c.x, body_min.y + bh * 0.45f), 1.8f, ImGui::GetColorU32(p.surface_alt), 8);
  ImGui::Dummy(ImVec2(size, size));
}

float pill_width(const std::string& text) {
  ui::FontScope f(ui::Font::Small);
  return ImGui::CalcTextSize(text.c_str()).x + 20;
}

// Small caps-like section label above a value.
void overline(const char* text) { ui::text(ui::Font::Small, ui::palette().text_muted, text); }

// Starts a borderless table used for two- or three-column layouts inside cards.
bool layout_table(const char* id, int columns) {
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(10, 0));
  const bool open = ImGui::BeginTable(id, columns, ImGuiTableFlags_NoPadOuterX);
  ImGui::PopStyleVar();
  return open;
}

struct ChannelStatus {
  std::string text;
  bool open = false;
  bool always = false;
  double change_in_s = -1;  // seconds to the next change (-1: none)
};

ChannelStatus channel_status(const json& ch, Instant now) {
  ChannelStatus st;
  st.open = ch.value("open_now", true);
  const Instant next = client::parse_wire_time(str(ch, "next_change"));
  if (next == 0) {
    st.always = st.open;
    st.text = st.open ? tr("support.open_247") : tr("support.closed");
    return st;
  }
  const Instant left = std::max<Instant>(0, next - now);
  st.change_in_s = static_cast<double>(left);
  const std::string dur = format_duration(left, i18n::format());
  if (st.open) st.text = trf("support.open_closes_in", {{"duration", dur}});
  else st.text = trf("support.closed_opens_in", {{"duration", dur}, {"when", client::format_when(next)}});
  return st;
}

}  // namespace

// ---- the screen --------------------------------------------------------------------------------

const Schedule* MySupportScreen::schedule(const std::string& id) const {
  return catalog_ ? catalog_->find_schedule(id) : nullptr;
}

void MySupportScreen::draw(app::Context& ctx) {
  const json& me = ctx.me();
  catalog_ = &ctx.core_catalog();
  const Instant now = client::now();
  next_frame_ms_ = 0;

  ui::title(tr("support.title"));
  std::string company;
  if (me.is_object() && me.contains("customer") && me["customer"].is_object() && me["customer"].contains("company"))
    company = str(me["customer"]["company"], "name");
  ui::subtitle(trf("support.subtitle", {{"company", company}, {"zone", client::browser_zone_name()}}).c_str());
  ui::gap(8);

  if (!me.is_object() || !me.contains("effective_tier")) {
    ui::begin_card("support-empty");
    ui::body(tr("support.not_customer"));
    ui::end_card();
    return;
  }
  hero_card(ctx);
  channels_card(ctx, now);
  targets_card(ctx, now);
  locked_card(ctx);

  // Live states: redraw when a shown countdown changes; fetch /me again when a channel opens or
  // closes (the server's next_change is the truth).
  if (next_frame_ms_ > 0) {
    const double wait = next_frame_ms_ - platform::now_ms();
    if (wait <= 1500) platform::request_frame_next_second();
    else platform::request_frame_in(wait);
  }
}

void MySupportScreen::hero_card(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const json& me = ctx.me();
  const Catalog& catalog = ctx.core_catalog();
  const std::string tier = str(me, "effective_tier");
  const int rank = catalog.tier_rank(tier);
  const int top = static_cast<int>(catalog.tiers.size());
  test_hooks::set_value("support.tier", tier);

  ui::begin_card("support-hero");
  const bool wide = ui::wide_layout();
  if (layout_table("hero", wide ? 2 : 1)) {
    if (wide) {
      ImGui::TableSetupColumn("tier", ImGuiTableColumnFlags_WidthStretch, 1.25f);
      ImGui::TableSetupColumn("people", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    overline(tr("support.your_level"));
    {
      ui::icon_tile(icon::kLifeRing, p.on_brand, p.brand, 44);
      ImGui::SameLine(0, 14);
      ImGui::BeginGroup();
      ui::text(ui::Font::Title, p.text, tier_name(catalog, tier), false);
      // Level n of 4: a row of segments.
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      for (int i = 0; i < top; i++) {
        const ImVec2 a = pos + ImVec2(static_cast<float>(i) * 30.0f, 2);
        dl->AddRectFilled(a, a + ImVec2(24, 6), ImGui::GetColorU32(i < rank ? p.brand : p.border), 3);
      }
      ImGui::Dummy(ImVec2(static_cast<float>(top) * 30.0f, 8));
      ImGui::EndGroup();
    }
    ui::gap(2);
    ui::text(ui::Font::Body, p.text, tr_or("tier." + tier + ".summary", ""));
    ui::gap(6);
    // Why: every source that applies, the winning one first.
    overline(tr("support.why"));
    const json& sources = arr(me, "tier_sources");
    if (sources.empty()) ui::text(ui::Font::Body, p.text_muted, tr("support.source_default"));
    std::string why_values;
    for (std::size_t i = 0; i < sources.size(); i++) {
      const json& s = sources[i];
      const std::string kind = str(s, "kind"), id = str(s, "id"), stier = str(s, "tier");
      const std::string text =
          trf(("support.source_" + kind).c_str(),
              {{"name", tier_source_name(catalog, kind, id, str(s, "name"))}, {"tier", tier_name(catalog, stier)}});
      const bool winner = i == 0;
      {
        ui::FontScope f(ui::Font::Body);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(winner ? p.success : p.text_muted));
        ImGui::TextUnformatted(winner ? icon::kCheckCircle : icon::kCheck);
        ImGui::PopStyleColor();
      }
      ImGui::SameLine(0, 8);
      ImGui::BeginGroup();
      ui::text(winner ? ui::Font::Strong : ui::Font::Body, winner ? p.text : p.text_muted, text);
      ImGui::EndGroup();
      why_values += (why_values.empty() ? "" : ";") + kind + ":" + id;
    }
    test_hooks::set_value("support.why", why_values);
    const json& pending = me.contains("pending_plan") ? me["pending_plan"] : json();
    if (pending.is_object()) {
      ui::gap(4);
      const std::string plan = plan_name(catalog, str(pending, "plan"));
      ui::text(ui::Font::Small, p.warning,
               std::string(icon::kClock) + "  " +
                   trf("support.pending_plan",
                       {{"plan", plan},
                        {"when", client::format_when(client::parse_wire_time(str(pending, "effective_at")), true)}}));
    }

    // People: personal manager and dedicated agent.
    if (wide) ImGui::TableNextColumn();
    else {
      ui::gap(10);
      ui::separator();
      ui::gap(8);
    }
    overline(tr("support.your_people"));
    ui::gap(2);
    const json& manager = me.contains("manager") ? me["manager"] : json();
    const json& dedicated = me.contains("dedicated_agent") ? me["dedicated_agent"] : json();
    bool anyone = false;
    if (dedicated.is_object()) {
      const std::string name = str(dedicated, "name"), email = str(dedicated, "email");
      ui::text(ui::Font::Small, p.brand, std::string(icon::kCheckCircle) + "  " + tr("support.dedicated_agent_role"));
      ui::user_chip(name.c_str(), email.c_str());
      ui::text(ui::Font::Small, p.text_muted, tr("support.dedicated_agent_note"));
      test_hooks::set_value("support.dedicated", name + " <" + email + ">");
      anyone = true;
      ui::gap(8);
    } else {
      test_hooks::set_value("support.dedicated", "");
    }
    if (manager.is_object()) {
      const std::string name = str(manager, "name");
      ui::text(ui::Font::Small, p.brand, std::string(icon::kUser) + "  " + tr("support.manager_role"));
      ui::user_chip(name.c_str(), tr("support.manager_note"));
      test_hooks::set_value("support.manager", name);
      anyone = true;
    } else {
      test_hooks::set_value("support.manager", "");
    }
    if (!anyone) ui::text(ui::Font::Body, p.text_muted, tr("support.no_people"));
    ui::gap(10);
    if (rank < top) {
      if (ui::button((std::string(tr("support.compare_plans")) + "##hero-plans").c_str(), icon::kChevronRight,
                     ui::ButtonStyle::Secondary))
        ctx.go("plans");
    }
    ImGui::EndTable();
  }
  ui::end_card();
}

void MySupportScreen::channels_card(app::Context& ctx, Instant now) {
  const ui::Palette& p = ui::palette();
  const json& me = ctx.me();
  const bool wide = ui::wide_layout();
  ui::begin_card("support-channels");
  ui::heading(tr("support.channels_title"));
  {
    const int off = client::browser_utc_offset(now);
    ui::muted(
        trf("support.channels_subtitle", {{"zone", client::browser_zone_name()}, {"offset", format_utc_offset(off)}})
            .c_str());
  }
  ui::gap(6);
  std::string summary;
  const json& channels = arr(me, "channels");
  for (std::size_t i = 0; i < channels.size(); i++) {
    const json& ch = channels[i];
    const std::string id = str(ch, "id");
    const ChannelStatus st = channel_status(ch, now);
    if (st.change_in_s >= 0) {
      // The countdown shows whole minutes (format_duration): it changes when the remaining
      // seconds cross a multiple of 60; `now` is whole seconds, so wait for that second to turn.
      const long long left = static_cast<long long>(st.change_in_s);
      const double ms = platform::now_ms();
      const double at = ms + static_cast<double>((left % 60) + 1) * 1000.0 - std::fmod(ms, 1000.0) + 20.0;
      if (next_frame_ms_ == 0 || at < next_frame_ms_) next_frame_ms_ = at;
      if (st.change_in_s <= 0 && platform::now_ms() >= next_refresh_ms_) {
        next_refresh_ms_ = platform::now_ms() + 5000;
        ctx.refresh_me();
      }
    }
    const Schedule* sched = schedule(str(ch, "schedule"));
    const ScheduleHours hours = sched ? schedule_hours(*sched, now) : ScheduleHours{tr("support.hours_247"), {}};

    if (i > 0) {
      ui::gap(2);
      ui::separator();
      ui::gap(2);
    }
    ImGui::PushID(id.c_str());
    if (layout_table("row", wide ? 3 : 2)) {
      ImGui::TableSetupColumn("icon", ImGuiTableColumnFlags_WidthFixed, 40);
      ImGui::TableSetupColumn("info", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      if (wide) ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthFixed, 250);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::gap(4);
      ui::icon_tile(channel_icon(id), p.brand, p.brand_soft);
      ImGui::TableNextColumn();
      ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 3));
      ui::text(ui::Font::Strong, p.text, channel_name(ch));
      const std::string contact = channel_contact(ch);
      if (!contact.empty()) ui::text(ui::Font::Body, p.text, contact);
      ui::gap(1);
      ui::text(ui::Font::Small, p.text_muted,
               std::string(icon::kClock) + "  " + hours.schedule + (hours.yours.empty() ? "" : " · " + hours.yours));
      ImGui::PopStyleVar();
      if (wide) {
        ImGui::TableNextColumn();
        ui::gap(10);
      } else {
        ui::gap(2);
      }
      const std::string pill = std::string(st.open ? icon::kCheckCircle : icon::kClock) + "  " + st.text;
      if (wide) {
        const float w = pill_width(pill);
        const float right = ui::content_right();
        ImGui::SetCursorScreenPos(
            ImVec2(std::max(ImGui::GetCursorScreenPos().x, right - w), ImGui::GetCursorScreenPos().y));
      }
      if (st.open) ui::badge(pill.c_str(), p.success, p.success_soft, true);
      else ui::badge(pill.c_str(), p.text_muted, p.surface_alt, true);
      ImGui::EndTable();
    }
    ImGui::PopID();
    test_hooks::set_value("support.hours." + id, hours.schedule + (hours.yours.empty() ? "" : " · " + hours.yours));
    test_hooks::set_value("support.status." + id, st.text);
    summary += (summary.empty() ? "" : ",") + id + ":" + (st.open ? "open" : "closed");
  }
  if (channels.empty()) ui::body(tr("support.no_channels"));
  test_hooks::set_value("support.channels", summary);
  ui::end_card();
}

void MySupportScreen::targets_card(app::Context& ctx, Instant now) {
  const ui::Palette& p = ui::palette();
  const json& me = ctx.me();
  const Catalog& catalog = ctx.core_catalog();
  const bool wide = ui::wide_layout();

  struct Applied {
    std::string id, source;
    const Policy* policy;
  };
  std::vector<Applied> policies;
  std::vector<const Policy*> applied;  // for the core's earliest_due
  for (const json& pid : arr(me, "policies")) {
    if (!pid.is_string()) continue;
    const Policy* pol = catalog.find_policy(pid.get<std::string>());
    if (!pol) continue;
    policies.push_back({pol->id, policy_source(catalog, pol->id), pol});
    applied.push_back(pol);
  }
  ui::begin_card("support-targets");
  ui::heading(tr("support.targets_title"));
  ui::muted(policies.size() > 1 ? tr("support.targets_subtitle_many") : tr("support.targets_subtitle"));
  ui::gap(8);

  struct Cell {
    std::string text, source;
    std::optional<Instant> due;
    bool winner = false;
  };
  auto cells_for = [&](int severity, TargetKind kind) {
    std::vector<Cell> out;
    const std::optional<PolicyDue> best = earliest_due(applied, severity, kind, now);
    for (const Applied& a : policies) {
      Cell c;
      c.source = a.source;
      const std::optional<Target>& t = a.policy->targets[static_cast<std::size_t>(severity - 1)].get(kind);
      if (t) {
        c.text = target_text(*t, a.policy->schedule);
        if (a.policy->schedule) c.due = target_due(*t, *a.policy->schedule, now);
      } else {
        c.text = tr("support.target_informed");
      }
      c.winner = best && best->policy == a.policy;
      out.push_back(c);
    }
    return out;
  };
  auto draw_cells = [&](const std::vector<Cell>& cells, bool show_due) {
    for (const Cell& c : cells) {
      const bool emphasise = c.winner || cells.size() == 1;
      if (!emphasise) {  // a target that does not count: small, with where it comes from
        ui::text(ui::Font::Small, p.text_muted, c.text + " · " + c.source);
        ui::gap(2);
        continue;
      }
      if (emphasise && cells.size() > 1) {
        {
          ui::FontScope f(ui::Font::Small);
          ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.success));
          ImGui::TextUnformatted(icon::kCheckCircle);
          ImGui::PopStyleColor();
        }
        ImGui::SameLine(0, 6);
      }
      ImGui::BeginGroup();
      ui::text(emphasise ? ui::Font::Strong : ui::Font::Body, emphasise ? p.text : p.text_muted, c.text);
      if (cells.size() > 1) ui::text(ui::Font::Small, p.text_muted, c.source);
      if (show_due && emphasise && c.due)
        ui::text(ui::Font::Small, p.brand, trf("support.if_opened_now", {{"when", client::format_when(*c.due)}}));
      ImGui::EndGroup();
      ui::gap(2);
    }
    if (cells.empty()) ui::text(ui::Font::Body, p.text_muted, "—");
  };

  std::string values;
  ImU32 sev_colors[5] = {p.danger, p.warning, p.brand, p.text_muted, p.text_muted};
  if (wide) {
    if (layout_table("targets-head", 3)) {
      ImGui::TableSetupColumn("sev", ImGuiTableColumnFlags_WidthStretch, 1.35f);
      ImGui::TableSetupColumn("first", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("follow", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      overline(tr("support.col_severity"));
      ImGui::TableNextColumn();
      overline(tr("support.col_first"));
      ImGui::TableNextColumn();
      overline(tr("support.col_follow"));
      ImGui::EndTable();
    }
  }
  for (int sev = 1; sev <= 5; sev++) {
    const std::string sname = severity_name(catalog, sev);
    const std::string sdef = severity_definition(catalog, sev);
    const auto first = cells_for(sev, TargetKind::kFirstResponse);
    const auto follow = cells_for(sev, TargetKind::kFollowUp);
    ui::gap(2);
    ui::separator();
    ui::gap(6);
    ImGui::PushID(sev);
    const std::string badge = std::to_string(sev) + " · " + sname;
    const ImU32 c = sev_colors[sev - 1];
    if (wide) {
      if (layout_table("sev-row", 3)) {
        ImGui::TableSetupColumn("sev", ImGuiTableColumnFlags_WidthStretch, 1.35f);
        ImGui::TableSetupColumn("first", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("follow", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ui::badge(badge.c_str(), c, ui::with_alpha(c, 36));
        ui::text(ui::Font::Small, p.text_muted, sdef);
        ImGui::TableNextColumn();
        draw_cells(first, true);
        ImGui::TableNextColumn();
        draw_cells(follow, false);
        ImGui::EndTable();
      }
    } else {
      ui::badge(badge.c_str(), c, ui::with_alpha(c, 36));
      ui::text(ui::Font::Small, p.text_muted, sdef);
      ui::gap(4);
      if (layout_table("sev-row", 2)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        overline(tr("support.col_first"));
        draw_cells(first, true);
        ImGui::TableNextColumn();
        overline(tr("support.col_follow"));
        draw_cells(follow, false);
        ImGui::EndTable();
      }
    }
    ImGui::PopID();
    auto winner_text = [](const std::vector<Cell>& cells) {
      for (const Cell& cell : cells)
        if (cell.winner) return cell.text;
      return cells.empty() ? std::string() : cells.front().text;
    };
    values += (values.empty() ? "" : "|") + std::to_string(sev) + ":" + winner_text(first) + "/" + winner_text(follow);
  }
  test_hooks::set_value("support.targets", values);
  std::string ids;
  for (const Applied& a : policies) ids += (ids.empty() ? "" : ",") + a.id;
  test_hooks::set_value("support.policies", ids);
  ui::end_card();
}

void MySupportScreen::locked_card(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const json& me = ctx.me();
  const Catalog& catalog = ctx.core_catalog();
  const json& locked = arr(me, "locked_channels");
  std::string ids;
  for (const json& ch : locked) ids += (ids.empty() ? "" : ",") + str(ch, "id");
  test_hooks::set_value("support.locked", ids);
  if (locked.empty()) return;

  // One row per way to unlock: the channels it brings, its name and price, a button to Plans.
  struct Group {
    std::string kind, id;
    json price;
    std::vector<std::string> channels;
  };
  std::vector<Group> groups;
  for (const json& ch : locked) {
    const json& u = ch.contains("unlock") ? ch["unlock"] : json();
    const std::string kind = str(u, "kind"), id = str(u, "id");
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.kind == kind && g.id == id; });
    if (it == groups.end()) {
      groups.push_back({kind, id, u.value("price", json()), {}});
      it = groups.end() - 1;
    }
    it->channels.push_back(channel_name(ch));
  }

  ui::begin_card("support-locked");
  ui::heading(tr("support.locked_title"));
  ui::muted(tr("support.locked_subtitle"));
  ui::gap(6);
  const bool wide = ui::wide_layout();
  for (std::size_t i = 0; i < groups.size(); i++) {
    const Group& g = groups[i];
    std::string how;
    std::string requires_text;
    if (g.kind == "plan") {
      how = trf("support.unlock_plan", {{"name", plan_name(catalog, g.id)}});
    } else if (g.kind == "package") {
      how = trf("support.unlock_package", {{"name", offer_name(catalog.find_package(g.id))}});
    } else {
      const Offer* addon = catalog.find_addon(g.id);
      how = trf("support.unlock_addon", {{"name", offer_name(addon)}});
      const std::string req = addon ? addon->requires_plan : "";
      if (!req.empty() && req != str(me, "plan"))
        requires_text = trf("support.unlock_requires", {{"plan", plan_name(catalog, req)}});
    }
    std::string names;
    for (const std::string& n : g.channels) names += (names.empty() ? "" : " · ") + n;
    if (i > 0) {
      ui::gap(2);
      ui::separator();
      ui::gap(2);
    }
    ImGui::PushID(static_cast<int>(i));
    const std::string button = std::string(tr("support.unlock_button")) + "##unlock-" + g.kind + "-" + g.id;
    if (layout_table("locked-row", wide ? 3 : 2)) {
      ImGui::TableSetupColumn("icon", ImGuiTableColumnFlags_WidthFixed, 40);
      ImGui::TableSetupColumn("info", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      if (wide)
        ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthFixed,
                                ui::button_width(button.c_str(), icon::kChevronRight));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::gap(4);
      lock_tile();
      ImGui::TableNextColumn();
      ui::gap(2);
      ui::text(ui::Font::Strong, p.text, names);
      ui::text(ui::Font::Body, p.text_muted, how + " · " + trf("support.per_month", {{"price", money(g.price)}}));
      if (!requires_text.empty()) ui::text(ui::Font::Small, p.warning, std::string(icon::kInfo) + "  " + requires_text);
      if (wide) {
        ImGui::TableNextColumn();
        ui::gap(6);
      } else {
        ui::gap(4);
      }
      if (ui::button(button.c_str(), icon::kChevronRight, ui::ButtonStyle::Secondary)) ctx.go("plans");
      ImGui::EndTable();
    }
    ImGui::PopID();
  }
  ui::end_card();
}

}  // namespace portal::screens
