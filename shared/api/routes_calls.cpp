// Calls with the personal manager or the dedicated agent.
#include "api/quotas.h"
#include "api/router_impl.h"
#include "api/views.h"
#include "domain/calls.h"
#include "domain/ics.h"
#include "domain/subscription.h"
#include "domain/text.h"
#include "time/iso8601.h"

namespace portal {

using nlohmann::json;

namespace {

// Whose calendar a customer books into, and on which schedule.
struct CallHost {
  Agent agent;
  const Schedule* schedule = nullptr;
};

SlotRules slot_rules(const Catalog& c) {
  return {c.booking.slot_minutes, c.booking.min_notice_minutes, c.booking.horizon_days};
}

Instant parse_time_field(const std::string& text, const char* field, ErrorKind kind) {
  std::string error;
  auto t = parse_instant(text, &error);
  if (!t) throw PortalError(kind, std::string(field) + ": " + error, field);
  return *t;
}

}  // namespace

namespace {

// `with`: "manager" (the personal manager), "dedicated" (the dedicated agent) or "" (the
// dedicated agent when there is one, else the manager). A Premium customer with a dedicated agent
// has both and may book either.
CallHost call_host(const Router::Impl& impl, StoreTx& tx, const Company& company, Instant now,
                   const std::string& with = "") {
  const Catalog& catalog = impl.catalog;
  if (!tier_has_calls(catalog, company, now)) {
    const Offer* pkg = nullptr;
    for (const Offer& o : catalog.packages)
      if (const Plan* p = catalog.plan_for_tier(o.tier); p && p->personal_manager) pkg = &o;
    std::string how = "Calls come with a personal manager: upgrade to the Priority or Premium plan";
    if (pkg) how += ", or buy the " + pkg->name + " package";
    throw PortalError(ErrorKind::kForbidden, how + ".", "", "calls_locked");
  }
  if (!with.empty() && with != "manager" && with != "dedicated")
    fail_validation("with", "with must be manager or dedicated");
  const bool has_dedicated = has_dedicated_agent(company) && !company.dedicated_agent_id.empty();
  if (with == "dedicated" && !has_dedicated)
    fail_validation("with", "your company has no dedicated agent; book with your manager");
  CallHost host;
  std::string agent_id = company.manager_id;
  host.schedule = catalog.booking.manager_schedule;
  if (has_dedicated && (with == "dedicated" || with.empty())) {
    agent_id = company.dedicated_agent_id;
    if (const Offer* addon = catalog.find_addon("dedicated_agent"); addon && addon->schedule)
      host.schedule = addon->schedule;
  }
  auto agent = agent_id.empty() ? std::nullopt : tx.agent(agent_id);
  if (!agent)
    throw PortalError(ErrorKind::kConflict, "no manager has been assigned to your company yet; please try again later",
                      "", "no_agent");
  host.agent = *agent;
  return host;
}

// The span of the slot starting at `start`, which must be a bookable slot of the host's schedule
// now (booked calls aside: the store's insert or update decides, see slot_taken).
Span checked_slot(const Catalog& catalog, const CallHost& host, Instant now, Instant start) {
  if (!is_slot_start(*host.schedule, slot_rules(catalog), now, start))
    fail_validation("start", "start is not the start of a free slot; pick one from /booking/slots");
  return {start, start + catalog.booking.slot_minutes * 60};
}

// The store refused the booking: another one holds the slot.
[[noreturn]] void slot_taken() {
  throw PortalError(ErrorKind::kConflict, "this slot has just been taken; please pick another one", "start",
                    "slot_taken");
}

// Which agent a booking is with, as the `with` of call_host.
std::string booking_with(const Company& company, const Booking& b) {
  return !company.dedicated_agent_id.empty() && b.agent_id == company.dedicated_agent_id ? "dedicated" : "manager";
}

}  // namespace

HttpResponse Router::Impl::get_slots(Call& call) {
  const Principal& who = customer_only(call);
  const Instant from = call.query.has("from")
                           ? parse_time_field(instant_param(call.query, "from"), "from", ErrorKind::kBadRequest)
                           : call.now;
  const Instant to = call.query.has("to")
                         ? parse_time_field(instant_param(call.query, "to"), "to", ErrorKind::kBadRequest)
                         : from + 7 * kSecondsPerDay;
  if (to <= from) throw PortalError(ErrorKind::kBadRequest, "to must be after from", "to");
  if (to - from > 62 * kSecondsPerDay)
    throw PortalError(ErrorKind::kBadRequest, "ask for at most 62 days at a time", "to");
  json out;
  store.write([&](StoreTx& tx) {
    Company company = load_company(tx, who, call.now);
    ensure_manager(tx, company, call.now);
    const std::string with = call.query.get("with");
    const CallHost host = call_host(*this, tx, company, call.now, with);
    const auto booked = tx.agent_bookings(host.agent.id, from - kSecondsPerDay, to + kSecondsPerDay);
    const SlotRules rules = slot_rules(catalog);
    json slots = json::array();
    for (const Span& s : free_slots(*host.schedule, rules, booked, call.now, from, to)) {
      json& slot = slots.emplace_back();
      slot["start"] = format_instant(s.begin);
      slot["end"] = format_instant(s.end);
      slot["book_by"] = format_instant(book_by(rules, s.begin));
    }
    out["agent"] = id_name_json(host.agent.id, host.agent.name);
    out["with"] =
        host.agent.id == company.dedicated_agent_id && !company.dedicated_agent_id.empty() ? "dedicated" : "manager";
    // Whom the customer can book: the manager and, with the add-on, the dedicated agent.
    json& choices = out["choices"] = json::array();
    for (int k = 0; k < 2; ++k) {
      const bool dedicated = k == 1;
      const std::string& id = dedicated ? company.dedicated_agent_id : company.manager_id;
      if (id.empty() || (dedicated && !has_dedicated_agent(company))) continue;
      if (auto a = tx.agent(id)) {
        json& choice = choices.emplace_back();
        choice["with"] = dedicated ? "dedicated" : "manager";
        choice["agent"] = id_name_json(a->id, a->name);
      }
    }
    out["slot_minutes"] = catalog.booking.slot_minutes;
    out["schedule"]["id"] = host.schedule->id;
    out["schedule"]["tz"] = host.schedule->tz_name;
    out["min_notice_minutes"] = catalog.booking.min_notice_minutes;
    out["horizon_days"] = catalog.booking.horizon_days;
    // The window as instants, so a client needs no rule of its own to tell whether a later week
    // can hold slots (it starts before `until`).
    const BookingWindow window = booking_window(rules, call.now);
    out["bookable"]["from"] = format_instant(window.earliest);
    out["bookable"]["until"] = format_instant(window.latest);
    out["slots"] = std::move(slots);
    // Per date of the agent's schedule: how many free slots, and why none.
    json& days = out["days"] = json::array();
    for (const SlotDay& d : slot_days(*host.schedule, rules, booked, call.now, from, to)) {
      json& day = days.emplace_back();
      day["date"] = format_date(civil_from_days(d.date));
      day["free"] = d.free;
      day["reason"] = d.reason == NoSlotReason::kNone ? json(nullptr) : json(reason_name(d.reason));
    }
  });
  return json_response(200, out);
}

HttpResponse Router::Impl::post_booking(Call& call) {
  const Principal& who = customer_only(call);
  json body = parse_json_body(call.http);
  BodyReader in(body, {"start", "topic", "note", "with"});
  const Instant start = parse_time_field(in.text("start"), "start", ErrorKind::kValidation);
  const std::string topic = in.text("topic");
  const std::string note = in.optional_text("note");
  const std::string with = in.optional_text("with");
  if (!is_valid_topic(topic)) fail_validation("topic", "topic must be support, training or analysis");
  if (!is_valid_utf8(note) || utf8_length(note) > 2000)
    fail_validation("note", "note must be at most 2000 characters of text");
  Booking b;
  Agent agent;
  store.write([&](StoreTx& tx) {
    Company company = load_company(tx, who, call.now);
    ensure_manager(tx, company, call.now);
    const CallHost host = call_host(*this, tx, company, call.now, with);
    const Span slot = checked_slot(catalog, host, call.now, start);
    check_booking_quota(tx, catalog.quotas, company.id, call.now);
    b = Booking{new_id("bk"), company.id, who.customer.id, host.agent.id, slot.begin, slot.end, topic, note,
                "booked",     0,          call.now,        call.now};
    if (!tx.insert_booking(b)) slot_taken();
    agent = host.agent;
  });
  emit_booking("booking.created", b, call.now);
  return json_response(201, booking_json(b, &agent));
}

HttpResponse Router::Impl::get_bookings(Call& call) {
  const Principal& who = *call.who;
  json list = json::array();
  store.read([&](StoreTx& tx) {
    std::vector<Booking> bookings = who.is_agent() ? tx.agent_bookings(who.agent.id, call.now - 30 * kSecondsPerDay,
                                                                       call.now + 366 * kSecondsPerDay)
                                                   : tx.company_bookings(who.company.id);
    for (const Booking& b : bookings) {
      auto agent = tx.agent(b.agent_id);
      json& j = list.emplace_back(booking_json(b, agent ? &*agent : nullptr));
      if (who.is_agent()) {  // the agent's own list: who booked the call, for which company
        auto customer = tx.customer(b.customer_id);
        auto company = tx.company(b.company_id);
        j["customer"] = id_name_json(b.customer_id, customer ? customer->name : "");
        j["company"] = id_name_json(b.company_id, company ? company->name : "");
      }
    }
  });
  return json_response(200, {{"bookings", list}});
}

namespace {

Booking visible_booking(StoreTx& tx, const Principal& who, const std::string& id) {
  auto b = tx.booking(id);
  const bool mine = b && (who.is_agent() ? b->agent_id == who.agent.id : b->company_id == who.company.id);
  if (!mine) throw PortalError(ErrorKind::kNotFound, "no booking " + id, "id");
  return *b;
}

}  // namespace

HttpResponse Router::Impl::delete_booking(Call& call) {
  const Principal& who = *call.who;
  std::optional<Booking> cancelled;
  store.write([&](StoreTx& tx) {
    Booking b = visible_booking(tx, who, call.params[0]);
    if (b.status == "cancelled") return;  // cancelling twice is harmless
    b.status = "cancelled";
    b.sequence += 1;
    b.updated_at = call.now;
    tx.update_booking(b);
    cancelled = b;
  });
  if (cancelled) emit_booking("booking.cancelled", *cancelled, call.now);
  return no_content();
}

HttpResponse Router::Impl::post_reschedule(Call& call) {
  const Principal& who = customer_only(call);
  json body = parse_json_body(call.http);
  BodyReader in(body, {"start"});
  const Instant start = parse_time_field(in.text("start"), "start", ErrorKind::kValidation);
  Booking b;
  Agent agent;
  store.write([&](StoreTx& tx) {
    b = visible_booking(tx, who, call.params[0]);
    if (b.status != "booked")
      throw PortalError(ErrorKind::kConflict, "this call was cancelled; book a new one", "id", "cancelled");
    Company company = load_company(tx, who, call.now);
    const CallHost host = call_host(*this, tx, company, call.now, booking_with(company, b));  // the same person
    const Span slot = checked_slot(catalog, host, call.now, start);
    b.start = slot.begin;
    b.end = slot.end;
    b.agent_id = host.agent.id;
    b.sequence += 1;
    b.updated_at = call.now;
    if (!tx.update_booking(b)) slot_taken();
    agent = host.agent;
  });
  emit_booking("booking.changed", b, call.now);
  return json_response(200, booking_json(b, &agent));
}

HttpResponse Router::Impl::get_booking_ics(Call& call) {
  const Principal& who = *call.who;
  IcsEvent e;
  std::string agent_name;
  store.read([&](StoreTx& tx) {
    Booking b = visible_booking(tx, who, call.params[0]);
    auto agent = tx.agent(b.agent_id);
    auto customer = tx.customer(b.customer_id);
    e.uid = "booking-" + b.id + "@support-portal";
    e.sequence = b.sequence;
    e.stamp = b.updated_at;
    e.start = b.start;
    e.end = b.end;
    const std::string topic = b.topic == "training"   ? "Training"
                              : b.topic == "analysis" ? "Analysis of changes"
                                                      : "Support";
    e.summary = topic + " call with " + (agent ? agent->name : std::string("your support agent"));
    e.description = b.note.empty() ? "Booked in the support portal." : b.note;
    e.location = "Phone / video call (link sent by your agent)";
    if (agent) {
      e.organizer_name = agent->name;
      e.organizer_email = agent->email;
    }
    if (customer) {
      e.attendee_name = customer->name;
      e.attendee_email = customer->email;
    }
    e.cancelled = b.status == "cancelled";
    agent_name = agent ? agent->name : "";
  });
  HttpResponse r;
  r.status = 200;
  r.headers = {{"Content-Type", "text/calendar; charset=utf-8"},
               {"Content-Disposition", "attachment; filename=\"" + ics_file_name(e, agent_name) + "\""},
               {"Cache-Control", "no-store"}};
  r.body = make_ics(e);
  return r;
}

}  // namespace portal
