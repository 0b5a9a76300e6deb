// The Calls screen: calls with the personal manager or the dedicated agent.
//
//   calls.cpp          draw(): header, the agent, which view is shown, loading slots and calls,
//                      the locked card for customers whose plan has no calls
//   calls_week.cpp     the week of free slots (columns on wide screens, a day list on phones)
//   calls_booking.cpp  the booking / reschedule card: topic, note, 409 → nearest other slots
//   calls_list.cpp     "My calls": upcoming first; cancel (confirmed), reschedule, .ics; for an
//                      agent, the calls booked with them (who, which company; cancel, .ics)
//   calls_text.cpp     small shared pieces: times in the browser's zone, notes, topic names
//
// Every time is shown in the browser's zone; the agent's zone is named next to it.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/context.h"
#include "time/civil.h"

namespace portal::screens {

class CallsScreen {
 public:
  void draw(app::Context& ctx);
  // A change event (calls_live.cpp): a booking made, moved or cancelled elsewhere reloads the
  // week's free slots and the list.
  void on_event(const nlohmann::json& event);

 private:
  enum class Slots { Idle, Loading, Ready, Locked, Failed };
  enum class View { Week, Book };

  // calls.cpp
  void load_slots(app::Context& ctx);
  void load_bookings(app::Context& ctx);
  void draw_agent(app::Context& ctx);
  void draw_locked(app::Context& ctx);
  void draw_with_choice(app::Context& ctx);   // manager or dedicated agent, when both can be booked
  void choose_with(const std::string& with);  // reloads the week for that person
  std::string slots_query() const;            // "&with=…" for /booking/slots, "" for the default
  void draw_agent_calls(app::Context& ctx);   // an agent's Calls: the calls booked with them
  void publish(app::Context& ctx);

  // calls_week.cpp
  void draw_week(app::Context& ctx);
  void draw_week_nav(app::Context& ctx);
  void draw_day(app::Context& ctx, std::int64_t day, bool columns);
  std::string empty_reason(app::Context& ctx, std::int64_t day) const;

  // calls_booking.cpp
  void pick(Instant start);  // opens the booking (or reschedule) card for a slot
  void draw_booking(app::Context& ctx);
  void submit(app::Context& ctx, Instant start);
  void load_alternatives(app::Context& ctx, Instant near);
  void back_to_week();

  // calls_list.cpp
  void draw_list(app::Context& ctx, bool for_agent = false);
  void draw_call(app::Context& ctx, const nlohmann::json& call, bool upcoming, bool for_agent);
  void cancel_call(app::Context& ctx, const std::string& id);
  void download_ics(app::Context& ctx, const nlohmann::json& call);

  // Replies of calls this screen made are dropped once it is gone.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  std::string session_;  // who the data belongs to, signed_in_as() (reload when it changes)

  // The week shown: its Monday as a day number in the browser's zone.
  std::int64_t monday_ = 0;
  float today_badge_h_ = 0;     // the "Today" badge's height, kept free in the other day columns
  bool auto_advanced_ = false;  // moved on once from a week with no free slot left
  Slots slots_state_ = Slots::Idle;
  nlohmann::json slots_;  // GET /booking/slots's body for the shown week
  std::int64_t slots_monday_ = 0;
  int slots_gen_ = 0;
  // The book_by of the first slot the week was last reloaded for: once per slot, so a browser
  // clock ahead of the server's cannot make the page reload the week over and over.
  Instant reloaded_at_book_by_ = 0;
  std::string locked_message_;  // the server's 403 text
  std::string pending_with_;    // chosen this frame, applied at the next
  std::string with_;            // whom to book: "manager", "dedicated" or "" (the server's default)

  nlohmann::json bookings_ = nlohmann::json::array();
  bool bookings_loaded_ = false;

  // The booking card.
  View view_ = View::Week;
  Instant picked_ = 0;
  std::string reschedule_id_;  // set while moving a call: picking a slot reschedules it
  Instant reschedule_from_ = 0;
  int topic_ = 0;  // 0 support, 1 training, 2 analysis
  char note_[2048] = {};
  bool submitting_ = false;
  std::string error_, error_code_, error_field_;
  std::vector<Instant> alternatives_;  // after a 409: the nearest other free slots
  bool alternatives_loading_ = false;

  // My calls.
  std::string confirm_cancel_;  // the call whose cancellation is being confirmed
  std::string busy_;            // the call an action is running for
  bool scroll_top_ = false;
  int last_frame_ = -10;  // the frame this screen was last drawn in (coming back reloads)
};

}  // namespace portal::screens
