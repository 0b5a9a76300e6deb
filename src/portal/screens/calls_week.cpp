// The week of free slots: days as columns on wide screens, a day list on phones. Slots are shown
// in the browser's zone; a day without any says why (weekend, holiday, notice period …).
#include <imgui.h>

#include <algorithm>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/calls.h"
#include "screens/calls_parts.h"
#include "time/iso8601.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"

namespace portal::screens {

using namespace calls;

namespace {

// The free slots of one browser-local day, in order.
std::vector<Instant> slots_on(const json& slots, std::int64_t day) {
  std::vector<Instant> out;
  for (const json& s : items(slots, "slots")) {
    const Instant t = client::parse_wire_time(str(s, "start"));
    if (t && local_day(t) == day) out.push_back(t);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void CallsScreen::draw_week(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const bool wide = ui::wide_layout();
  ui::begin_card("calls-week");
  ui::heading(tr(reschedule_id_.empty() ? "calls.week_title" : "calls.week_title_move"));
  if (!reschedule_id_.empty()) {
    note(Note::Info, trf("calls.moving", {{"when", client::format_when(reschedule_from_)}}), [&] {
      if (ui::button(with_id(tr("calls.keep_time"), "calls-move-cancel").c_str(), icon::kClose,
                     ui::ButtonStyle::Secondary)) {
        reschedule_id_.clear();
        reschedule_from_ = 0;
      }
    });
    ui::gap(4);
  }
  draw_week_nav(ctx);
  const std::int64_t this_monday = monday_of(local_day(client::now()));
  if (auto_advanced_ && monday_ == this_monday + 7) note(Note::Info, tr("calls.next_week_note"));

  if (slots_state_ == Slots::Loading || slots_monday_ != monday_) {
    text(ui::Font::Body, p.text_muted, std::string(icon::kClock) + "  " + tr("calls.loading"));
    ui::end_card();
    return;
  }
  if (slots_state_ == Slots::Failed) {
    note(Note::Danger, error_.empty() ? std::string(tr("calls.load_failed")) : error_, [&] {
      if (ui::button(with_id(tr("calls.retry"), "calls-retry").c_str(), icon::kRefresh, ui::ButtonStyle::Secondary))
        load_slots(ctx);
    });
    ui::end_card();
    return;
  }

  ui::gap(4);
  if (wide) {
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(4, 6));
    if (ImGui::BeginTable("week", 7, ImGuiTableFlags_NoPadOuterX | ImGuiTableFlags_BordersInnerV)) {
      for (int d = 0; d < 7; d++) ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableNextRow();
      for (int d = 0; d < 7; d++) {
        ImGui::TableNextColumn();
        ImGui::PushID(d);
        draw_day(ctx, monday_ + d, true);
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    ImGui::PopStyleVar();
  } else {
    for (int d = 0; d < 7; d++) {
      if (d > 0) ui::separator();
      ImGui::PushID(d);
      draw_day(ctx, monday_ + d, false);
      ImGui::PopID();
    }
  }

  // What tests read: per day the number of free slots or why there are none.
  std::string days;
  for (int d = 0; d < 7; d++) {
    const auto n = slots_on(slots_, monday_ + d).size();
    days += (d ? "," : "") + (n ? std::to_string(n) : empty_reason(ctx, monday_ + d));
  }
  test_hooks::set_value("calls.days", days);
  const auto& all = items(slots_, "slots");
  test_hooks::set_value("calls.slots", std::to_string(all.size()));
  ui::end_card();

  // The first free slot stops being offered at its book_by (the server's notice rule): then ask
  // the server for the week again, which also says why a day lost its last slot.
  if (!all.empty()) {
    const Instant by = client::parse_wire_time(str(all[0], "book_by"));
    const double in_ms = static_cast<double>(by - client::now()) * 1000.0;
    if (by && in_ms < 0 && by != reloaded_at_book_by_) {
      reloaded_at_book_by_ = by;
      slots_state_ = Slots::Idle;  // loaded again on the next frame
      platform::request_frame();
    } else if (by && in_ms >= 0 && in_ms < 24 * 3600 * 1000.0) {
      platform::request_frame_in(in_ms + 500);
    }
  }
}

void CallsScreen::draw_week_nav(app::Context&) {
  const ui::Palette& p = ui::palette();
  const std::int64_t this_monday = monday_of(local_day(client::now()));
  const bool can_prev = monday_ > this_monday;
  // A later week can hold slots only when it starts inside the server's booking window.
  const Instant bookable_until = client::parse_wire_time(str(slots_.value("bookable", json()), "until"));
  const bool can_next = local_midnight(monday_ + 7) < bookable_until;
  test_hooks::set_value("calls.can_next", can_next ? "1" : "");

  // One row: ‹ › "23 – 29 Nov 2026" … This week (on its own line when it does not fit).
  ImGui::BeginDisabled(!can_prev);
  if (ui::icon_button(icon::kChevronLeft, tr("calls.prev_week"))) monday_ -= 7;
  ImGui::EndDisabled();
  ImGui::SameLine(0, 6);
  ImGui::BeginDisabled(!can_next);
  if (ui::icon_button(icon::kChevronRight, tr("calls.next_week"))) monday_ += 7;
  ImGui::EndDisabled();
  const float row_h = ImGui::GetItemRectSize().y;
  const float row_y = ImGui::GetItemRectMin().y;
  ImGui::SameLine(0, 14);
  const std::string range = week_text(monday_);
  {
    ui::FontScope f(ui::Font::Heading);
    const ImVec2 ts = ImGui::CalcTextSize(range.c_str());
    const ImVec2 at(ImGui::GetCursorScreenPos().x, row_y + (row_h - ts.y) * 0.5f);
    ImGui::GetWindowDrawList()->AddText(at, ImGui::GetColorU32(p.text), range.c_str());
    ImGui::Dummy(ImVec2(ts.x, row_h));
  }
  if (monday_ != this_monday) {
    const std::string label = with_id(tr("calls.this_week"), "calls-this-week");
    const float w = ui::button_width(label.c_str(), icon::kCalendar);
    ImGui::SameLine();
    const float right = ui::content_right();
    if (ImGui::GetCursorScreenPos().x + w <= right) ImGui::SetCursorScreenPos(ImVec2(right - w, row_y));
    else ImGui::NewLine();
    if (ui::button(label.c_str(), icon::kCalendar, ui::ButtonStyle::Secondary)) monday_ = this_monday;
  }
}

void CallsScreen::draw_day(app::Context& ctx, std::int64_t day, bool columns) {
  const ui::Palette& p = ui::palette();
  const bool today = day == local_day(client::now());
  const std::vector<Instant> free = slots_on(slots_, day);
  const LocaleFormat& f = i18n::format();
  const CivilDate date = civil_from_days(day);

  if (columns) {
    text(ui::Font::Small, today ? p.brand : p.text_muted, f.weekdays_short[weekday_from_days(day)], false);
    text(ui::Font::Heading, today ? p.brand : p.text, std::to_string(date.day), false);
    // Today's badge takes a line: the other columns keep it free, so their rows stay level.
    if (today) {
      ui::badge(tr("calls.today"), p.on_brand, p.brand);
      today_badge_h_ = ImGui::GetItemRectSize().y;
    } else if (today_badge_h_ > 0 && local_day(client::now()) >= monday_ && local_day(client::now()) < monday_ + 7) {
      ImGui::Dummy(ImVec2(1, today_badge_h_));
    }
  } else {
    text(ui::Font::Strong, today ? p.brand : p.text,
         f.weekdays_long[weekday_from_days(day)] + ", " + day_text(day, false), false);
    if (today) {
      ImGui::SameLine();
      ui::badge(tr("calls.today"), p.on_brand, p.brand);
    }
  }
  if (free.empty()) {
    text(ui::Font::Small, p.text_muted, tr(("calls.day_" + empty_reason(ctx, day)).c_str()));
    return;
  }
  if (columns) {
    // One row per time of day offered anywhere in the week: a taken or past slot leaves its row
    // empty, so 10:00 sits at the same height in every column.
    // Times of day as "HH:MM" (sorts as time); a small list, kept sorted by insertion.
    std::vector<std::string> times;
    for (std::int64_t d = monday_; d < monday_ + 7; d++)
      for (Instant t : slots_on(slots_, d)) {
        const std::string hhmm = client::format_time(t);
        std::size_t at = 0;
        while (at < times.size() && times[at] < hhmm) ++at;
        if (at == times.size() || times[at] != hhmm)
          times.insert(times.begin() + static_cast<std::ptrdiff_t>(at), hhmm);
      }
    float row_h = 0;
    {
      ui::FontScope fs(ui::Font::Strong);
      row_h = ImGui::CalcTextSize("00:00").y + 16;  // slot_button's height
    }
    for (const std::string& t : times) {
      Instant slot = 0;
      for (Instant x : free)
        if (!slot && client::format_time(x) == t) slot = x;
      if (slot) {
        if (slot_button(with_id(t, "slot-" + iso(slot)), -1)) pick(slot);
      } else {
        ImGui::Dummy(ImVec2(1, row_h));
      }
    }
    test_hooks::set_value("calls.rows", std::to_string(times.size()));
    return;
  }
  for (std::size_t i = 0; i < free.size(); i++) {
    const std::string label = with_id(client::format_time(free[i]), "slot-" + iso(free[i]));
    {
      const float w = 76.0f;
      if (i > 0) {
        ImGui::SameLine(0, 8);
        wrap_before(w);
      }
      if (slot_button(label, w)) pick(free[i]);
    }
  }
}

// Why a day has no free slot, as the server says for the agent's working day with the same date
// (GET /booking/slots' "days"; the zones the portal serves are hours apart): "past", "horizon",
// "holiday", "weekend", "closed", "notice" or "full".
std::string CallsScreen::empty_reason(app::Context&, std::int64_t day) const {
  const std::string date = format_date(civil_from_days(day));
  for (const json& d : items(slots_, "days"))
    if (str(d, "date") == date && d.contains("reason") && d["reason"].is_string())
      return d["reason"].get<std::string>();
  return "full";
}

}  // namespace portal::screens
