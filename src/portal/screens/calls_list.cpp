// "My calls": upcoming calls first, then the last few past or cancelled ones. Each upcoming call
// can be moved (pick a new slot in the week), cancelled (after a confirmation) or added to a
// calendar (.ics: the server's file online, the in-page router's in the demo).
#include <imgui.h>

#include <algorithm>

#include "domain/ics.h"
#include "client/browser_clock.h"
#include "client/i18n.h"
#include "client/prefs.h"
#include "platform/web_platform.h"
#include "screens/calls.h"
#include "screens/calls_parts.h"
#include "time/iso8601.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"

namespace portal::screens {

using namespace calls;

void CallsScreen::draw_list(app::Context& ctx, bool for_agent) {
  const ui::Palette& p = ui::palette();
  const Instant now = client::now();
  std::vector<const json*> upcoming, past;
  for (const json& b : bookings_) {
    const bool booked = str(b, "status") == "booked";
    const Instant end = client::parse_wire_time(str(b, "end"));
    (booked && end > now ? upcoming : past).push_back(&b);
  }
  auto start_of = [](const json* b) { return client::parse_wire_time(str(*b, "start")); };
  std::sort(upcoming.begin(), upcoming.end(), [&](auto a, auto b) { return start_of(a) < start_of(b); });
  std::sort(past.begin(), past.end(), [&](auto a, auto b) { return start_of(a) > start_of(b); });

  ui::begin_card("calls-list");
  ui::heading(tr(for_agent ? "calls.agent_list_title" : "calls.list_title"));
  if (upcoming.empty())
    text(ui::Font::Body, p.text_muted,
         tr(!bookings_loaded_ ? "calls.loading"
            : for_agent       ? "calls.agent_list_empty"
                              : "calls.list_empty"));
  std::string ids;
  for (const json* b : upcoming) {
    ui::separator();
    draw_call(ctx, *b, true, for_agent);
    ids += (ids.empty() ? "" : ",") + str(*b, "id");
  }
  test_hooks::set_value("calls.upcoming", ids);
  if (!past.empty()) {
    ui::gap(8);
    text(ui::Font::Strong, p.text_muted, tr("calls.list_past"));
    for (std::size_t i = 0; i < past.size() && i < 5; i++) {
      ui::separator();
      draw_call(ctx, *past[i], false, for_agent);
    }
  }
  ui::end_card();

  // An upcoming call turns into a past one when it ends: redraw then.
  if (!upcoming.empty()) {
    const Instant end = client::parse_wire_time(str(*upcoming.front(), "end"));
    const double in_ms = static_cast<double>(end - now) * 1000.0;
    if (in_ms > 0 && in_ms < 24 * 3600 * 1000.0) platform::request_frame_in(in_ms + 500);
  }
}

void CallsScreen::draw_call(app::Context& ctx, const json& call, bool upcoming, bool for_agent) {
  const ui::Palette& p = ui::palette();
  const std::string id = str(call, "id");
  const Instant start = client::parse_wire_time(str(call, "start"));
  const Instant end = client::parse_wire_time(str(call, "end"));
  const bool cancelled = str(call, "status") == "cancelled";
  // With whom: the agent for the customer; the customer and their company for the agent.
  std::string agent = call.contains("agent") ? str(call["agent"], "name") : "";
  if (for_agent) {
    agent = call.contains("customer") ? str(call["customer"], "name") : "";
    const std::string company = call.contains("company") ? str(call["company"], "name") : "";
    if (!company.empty()) agent = agent.empty() ? company : agent + " (" + company + ")";
  }
  ImGui::PushID(id.c_str());

  ImGui::BeginGroup();
  icon_tile(icon::kPhone, upcoming ? p.brand : p.text_muted, upcoming ? p.brand_soft : p.surface_alt, 40);
  ImGui::EndGroup();
  ImGui::SameLine(0, 12);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(0);
  text(ui::Font::Strong, upcoming ? p.text : p.text_muted,
       client::format_when(start) + " – " + client::format_time(end));
  ImGui::PopTextWrapPos();
  const std::string topic = topic_name(str(call, "topic"));
  ui::badge(topic.c_str(), p.brand, p.brand_soft);
  if (cancelled) {
    ImGui::SameLine(0, 6);
    ui::badge(tr("calls.cancelled"), p.danger, p.danger_soft);
  }
  text(ui::Font::Body, p.text_muted, trf("calls.with", {{"name", agent}}));
  const std::string note_text = str(call, "note");
  if (!note_text.empty()) text(ui::Font::Small, p.text_muted, "“" + note_text + "”");
  ImGui::EndGroup();

  // A cancelled call that was still ahead: its cancellation for the calendar (METHOD:CANCEL, the
  // same UID), so the event leaves the calendar it was added to.
  if (cancelled && end > client::now()) {
    ui::gap(2);
    const std::string ics = with_id(tr("calls.download_cancel"), "call-ics-" + id);
    if (ui::button(ics.c_str(), icon::kDownload, ui::ButtonStyle::Secondary)) download_ics(ctx, call);
  }
  if (upcoming) {
    ui::gap(2);
    if (confirm_cancel_ == id) {
      note(Note::Warning, trf("calls.cancel_confirm", {{"when", client::format_when(start)}, {"name", agent}}), [&] {
        const std::string yes = with_id(tr("calls.cancel_yes"), "call-cancel-yes-" + id);
        const std::string no = with_id(tr("calls.cancel_no"), "call-cancel-no-" + id);
        ImGui::BeginDisabled(busy_ == id);
        if (ui::button(yes.c_str(), icon::kClose, ui::ButtonStyle::Danger)) cancel_call(ctx, id);
        ImGui::EndDisabled();
        ImGui::SameLine(0, 8);
        wrap_before(ui::button_width(no.c_str()));
        if (ui::button(no.c_str(), nullptr, ui::ButtonStyle::Secondary)) confirm_cancel_.clear();
      });
    } else {
      const std::string move = with_id(tr("calls.reschedule"), "call-reschedule-" + id);
      const std::string ics = with_id(tr("calls.download"), "call-ics-" + id);
      const std::string cancel = with_id(tr("calls.cancel"), "call-cancel-" + id);
      // Customers move their calls; the agent can cancel one, not pick the customer's new time.
      if (!for_agent && ui::button(move.c_str(), icon::kCalendar, ui::ButtonStyle::Secondary)) {
        reschedule_id_ = id;
        reschedule_from_ = start;
        confirm_cancel_.clear();
        scroll_top_ = true;
        // The week shown must be the same person's: the call keeps its agent when it moves.
        const std::string agent_id = call.contains("agent") ? str(call["agent"], "id") : "";
        std::string with;
        for (const json& c : items(slots_, "choices"))
          if (c.contains("agent") && str(c["agent"], "id") == agent_id) with = str(c, "with");
        if (!with.empty()) choose_with(with);  // after the loop: it replaces slots_
      }
      if (!for_agent) {
        ImGui::SameLine(0, 8);
        wrap_before(ui::button_width(ics.c_str(), icon::kDownload));
      }
      if (ui::button(ics.c_str(), icon::kDownload, ui::ButtonStyle::Secondary)) download_ics(ctx, call);
      ImGui::SameLine(0, 8);
      wrap_before(ui::button_width(cancel.c_str(), icon::kClose));
      if (ui::button(cancel.c_str(), icon::kClose, ui::ButtonStyle::Ghost)) confirm_cancel_ = id;
    }
  }
  ImGui::PopID();
}

void CallsScreen::cancel_call(app::Context& ctx, const std::string& id) {
  busy_ = id;
  std::weak_ptr<int> alive = alive_;
  ctx.call("DELETE", "/bookings/" + id, nullptr, [this, alive, id](const client::Reply& r) {
    if (alive.expired()) return;
    busy_.clear();
    confirm_cancel_.clear();
    if (!r.ok()) {
      ui::toast(r.error_message(), ui::ToastKind::Error);
      return;
    }
    if (reschedule_id_ == id) reschedule_id_.clear();
    ui::toast(tr("calls.cancelled_toast"), ui::ToastKind::Success);
    slots_state_ = Slots::Idle;  // its slot is free again
    bookings_loaded_ = false;
  });
}

void CallsScreen::download_ics(app::Context& ctx, const json& call) {
  const std::string id = str(call, "id");
  // The file name people read in their downloads: date, time and agent (the server's naming).
  IcsEvent named;
  named.start = client::parse_wire_time(str(call, "start"));
  named.cancelled = str(call, "status") == "cancelled";
  const std::string file = ics_file_name(named, call.contains("agent") ? str(call["agent"], "name") : "");
  std::weak_ptr<int> alive = alive_;
  ctx.call("GET", "/bookings/" + id + "/ics", nullptr,
           [alive, file, cancelled = named.cancelled](const client::Reply& r) {
             if (alive.expired()) return;
             if (!r.ok() || r.text.find("BEGIN:VCALENDAR") == std::string::npos) {
               ui::toast(r.ok() ? std::string(tr("calls.ics_failed")) : r.error_message(), ui::ToastKind::Error);
               return;
             }
             client::download_file(file, "text/calendar", r.text);
             test_hooks::set_value("calls.ics_file", file);
             ui::toast(tr(cancelled ? "calls.ics_cancel_toast" : "calls.ics_toast"), ui::ToastKind::Success);
           });
}

}  // namespace portal::screens
