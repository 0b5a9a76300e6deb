// The booking card: the picked slot, topic and note → POST /bookings (or, while moving a call,
// POST /bookings/{id}/reschedule). A slot taken meanwhile (409) is said plainly and the nearest
// other free slots are offered as one-click choices; a 422 names the field.
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "screens/calls.h"
#include "screens/calls_parts.h"
#include "ui/icons.h"
#include "ui/reveal.h"
#include "ui/test_hooks.h"

namespace portal::screens {

using namespace calls;

void CallsScreen::pick(Instant start) {
  picked_ = start;
  view_ = View::Book;
  error_.clear();
  error_code_.clear();
  error_field_.clear();
  alternatives_.clear();
  scroll_top_ = true;
}

void CallsScreen::back_to_week() {
  view_ = View::Week;
  picked_ = 0;
  error_.clear();
  error_code_.clear();
  error_field_.clear();
  alternatives_.clear();
  scroll_top_ = true;
}

void CallsScreen::draw_booking(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const bool moving = !reschedule_id_.empty();
  const json agent = slots_.contains("agent") ? slots_["agent"] : json();
  const std::string name = str(agent, "name");
  const int minutes = slots_.value("slot_minutes", 30);

  ui::begin_card("calls-book");
  ui::heading(tr(moving ? "calls.move_title" : "calls.book_title"));
  ui::gap(2);
  ImGui::BeginGroup();
  icon_tile(icon::kCalendar, p.brand, p.brand_soft, 44);
  ImGui::EndGroup();
  ImGui::SameLine(0, 14);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(0);
  text(ui::Font::Strong, p.text,
       client::format_when(picked_) + " – " + client::format_time(picked_ + static_cast<Instant>(minutes) * 60));
  text(ui::Font::Body, p.text_muted, trf("calls.with_agent", {{"name", name}, {"minutes", std::to_string(minutes)}}));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  text(ui::Font::Small, p.text_muted, trf("calls.zone_yours", {{"zone", client::browser_zone_name()}}));
  if (moving)
    text(ui::Font::Body, p.text_muted, trf("calls.moving_from", {{"when", client::format_when(reschedule_from_)}}));
  ui::gap(6);

  if (!moving) {
    ui::label(tr("calls.topic_label"));
    const char* options[3] = {tr("calls.topic.support"), tr("calls.topic.training"), tr("calls.topic.analysis")};
    // Joined options when they fit on one line, else one full-width choice per line (phones).
    float need = 8;
    {
      ui::FontScope f(ui::Font::Strong);
      for (const char* o : options) need += ImGui::CalcTextSize(o).x + 28;
    }
    if (need <= ImGui::GetContentRegionAvail().x) {
      if (ui::segmented("##calls-topic", options, 3, &topic_)) error_field_.clear();
    } else {
      for (int i = 0; i < 3; i++) {
        const bool on = topic_ == i;
        if (ui::button(with_id(options[i], std::string("topic-") + kTopics[i]).c_str(),
                       on ? icon::kCheckCircle : nullptr, on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary,
                       -1))
          topic_ = i;
      }
    }
    text(ui::Font::Small, p.text_muted, tr((std::string("calls.topic_hint.") + kTopics[topic_]).c_str()));
    ui::gap(4);
    ui::text_field(trf("calls.note_label", {{"name", first_name(name)}}).c_str(), "##calls-note", note_, sizeof note_,
                   tr("calls.note_hint"));
    test_hooks::set_value("calls.topic", kTopics[topic_]);
    test_hooks::set_value("calls.note", note_);
  }

  if (error_code_ == "slot_taken") {
    ui::gap(4);
    note(Note::Danger, trf("calls.taken", {{"time", client::format_when(picked_)}}), [&] {
      if (alternatives_loading_) {
        text(ui::Font::Body, p.text_muted, std::string(icon::kClock) + "  " + tr("calls.looking"));
      } else if (alternatives_.empty()) {
        text(ui::Font::Body, p.text, tr("calls.no_alternatives"));
      } else {
        text(ui::Font::Body, p.text, tr(moving ? "calls.alternatives_move" : "calls.alternatives"));
        for (std::size_t i = 0; i < alternatives_.size(); i++) {
          const std::string label = with_id(client::format_when(alternatives_[i]), "alt-" + iso(alternatives_[i]));
          const float w = ui::button_width(label.c_str(), icon::kCheck);
          if (i > 0) {
            ImGui::SameLine(0, 8);
            wrap_before(w);
          }
          if (ui::button(label.c_str(), icon::kCheck, ui::ButtonStyle::Secondary) && !submitting_)
            submit(ctx, alternatives_[i]);
        }
      }
    });
  } else if (!error_.empty()) {
    ui::gap(4);
    std::string message = error_;
    if (!error_field_.empty()) {
      const std::string key = "calls.field." + error_field_;
      const char* field = tr(key.c_str());
      message = trf("calls.error_in_field",
                    {{"field", key == field ? error_field_ : std::string(field)}, {"message", error_}});
    }
    note(Note::Danger, message);
  }

  ui::gap(8);
  ImGui::BeginDisabled(submitting_ || error_code_ == "slot_taken");
  const char* confirm = tr(moving ? "calls.confirm_move" : "calls.confirm_book");
  if (ui::button(with_id(submitting_ ? tr("calls.saving") : confirm, "calls-confirm").c_str(), icon::kCheck))
    submit(ctx, picked_);
  ImGui::EndDisabled();
  ImGui::SameLine(0, 8);
  const std::string back = with_id(tr("calls.back"), "calls-back");
  wrap_before(ui::button_width(back.c_str(), icon::kChevronLeft));
  if (ui::button(back.c_str(), icon::kChevronLeft, ui::ButtonStyle::Secondary)) back_to_week();
  ui::end_card();
  ui::reveal_last_card("calls-book");  // the whole confirmation in view
}

void CallsScreen::submit(app::Context& ctx, Instant start) {
  submitting_ = true;
  picked_ = start;
  error_.clear();
  error_code_.clear();
  error_field_.clear();
  const bool moving = !reschedule_id_.empty();
  const std::string target = moving ? "/bookings/" + reschedule_id_ + "/reschedule" : "/bookings";
  json body = {{"start", iso(start)}};
  if (!moving) {
    body["topic"] = kTopics[topic_];
    body["note"] = std::string(note_);
    if (!with_.empty()) body["with"] = with_;
  }
  std::weak_ptr<int> alive = alive_;
  ctx.call("POST", target, body, [this, alive, start, moving, &ctx](const client::Reply& r) {
    if (alive.expired()) return;
    submitting_ = false;
    if (r.ok()) {
      ui::toast(trf(moving ? "calls.moved_toast" : "calls.booked_toast", {{"when", client::format_when(start)}}),
                ui::ToastKind::Success);
      reschedule_id_.clear();
      reschedule_from_ = 0;
      note_[0] = 0;
      topic_ = 0;
      back_to_week();
      slots_state_ = Slots::Idle;  // reload the week and the list
      bookings_loaded_ = false;
      return;
    }
    error_ = r.error_message();
    error_code_ = r.error_code();
    error_field_ = r.error_field();
    if (r.status == 409 && error_code_ == "slot_taken") {
      slots_state_ = Slots::Idle;  // the week behind the card is stale too
      load_alternatives(ctx, start);
    }
  });
}

// The free slots nearest to the one that was taken (both sides of it), at most four.
void CallsScreen::load_alternatives(app::Context& ctx, Instant near) {
  alternatives_.clear();
  alternatives_loading_ = true;
  const std::string target =
      "/booking/slots?from=" + iso(near - 2 * kSecondsPerDay) + "&to=" + iso(near + 5 * kSecondsPerDay) + slots_query();
  std::weak_ptr<int> alive = alive_;
  ctx.call("GET", target, nullptr, [this, alive, near](const client::Reply& r) {
    if (alive.expired()) return;
    alternatives_loading_ = false;
    if (!r.ok()) return;
    std::vector<Instant> all;
    for (const json& s : items(r.body, "slots"))
      if (Instant t = client::parse_wire_time(str(s, "start")); t && t != near) all.push_back(t);
    std::sort(all.begin(), all.end(),
              [near](Instant a, Instant b) { return std::llabs(a - near) < std::llabs(b - near); });
    if (all.size() > 4) all.resize(4);
    std::sort(all.begin(), all.end());
    alternatives_ = all;
  });
}

}  // namespace portal::screens
