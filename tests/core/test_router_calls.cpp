// Calls through the router: who may book, free slots, booking, double booking, reschedule, cancel,
// the .ics invitation, and the dedicated agent's calendar.
#include <doctest/doctest.h>

#include "test_router_support.h"

using namespace portal;
using namespace portal::testing;

namespace {

// Berlin local wall clock of an instant (CET in November).
LocalDateTime berlin(const std::string& iso) {
  static const PosixTz tz = *PosixTz::parse("CET-1CEST,M3.5.0,M10.5.0/3");
  return tz.to_local(at(iso.c_str()));
}

json book(Api& api, const std::string& token, const std::string& start, const std::string& topic = "support",
          int status = 201) {
  return ok(api, post(api, "/bookings", {{"start", start}, {"topic", topic}, {"note", "Let's talk"}}, token), status);
}

std::vector<std::string> starts(const json& slots) {
  std::vector<std::string> out;
  for (const json& s : slots["slots"]) out.push_back(s["start"]);
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& x) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

// Every slot lies inside [open, close) local time on a weekday, aligned to :00/:30, after the
// notice and before the horizon.
void check_slots(const json& slots, Instant now, int open_minute, int close_minute) {
  for (const json& s : slots["slots"]) {
    const std::string start = s["start"], end = s["end"];
    CAPTURE(start);
    const Instant b = at(start.c_str()), e = at(end.c_str());
    CHECK(e - b == 30 * 60);
    CHECK(b >= now + 120 * 60);
    CHECK(b < now + 21 * kSecondsPerDay);
    const LocalDateTime local = berlin(start);
    CHECK(weekday_from_days(days_from_civil(local.date)) < 5);
    CHECK(local.seconds_of_day % 1800 == 0);
    CHECK(local.seconds_of_day >= open_minute * 60);
    CHECK(local.seconds_of_day + 1800 <= close_minute * 60);
  }
}

}  // namespace

TEST_CASE("router: calls are 403 for tiers without a manager, with the way to unlock them") {
  Api api;
  api.env.clock = at("2026-11-23T08:10:00Z");
  api.add_agent("max@example.com", "L2", "Max");
  const std::string token = api.register_customer("ana@example.com");
  for (const HttpResponse& r :
       {get(api, "/booking/slots", token),
        post(api, "/bookings", {{"start", "2026-11-23T12:00:00Z"}, {"topic", "support"}}, token)}) {
    const json e = error_of(api, r, 403);
    CHECK(e["code"] == "calls_locked");
    const std::string m = e["message"];
    CHECK(m.find("Priority or Premium") != std::string::npos);
    CHECK(m.find("Priority support package") != std::string::npos);
  }
  change_plan(api, token, "standard");
  CHECK(error_of(api, get(api, "/booking/slots", token), 403)["code"] == "calls_locked");
  // The priority package is enough.
  ok(api, post(api, "/me/packages", {{"package", "priority_support"}}, token));
  CHECK(ok(api, get(api, "/booking/slots", token))["agent"]["name"] == "Max");
}

TEST_CASE("router: premium without any agent to be the manager is 409 no_agent") {
  Api api;
  api.env.clock = at("2026-11-23T08:10:00Z");
  const std::string token = api.register_customer("ana@example.com");
  change_plan(api, token, "premium");
  CHECK(error_of(api, get(api, "/booking/slots", token), 409)["code"] == "no_agent");
  // As soon as an agent exists, one is assigned on the next call.
  api.add_agent("max@example.com", "L2", "Max");
  CHECK(ok(api, get(api, "/booking/slots", token))["agent"]["id"] == "ag_max");
}

TEST_CASE("router: slots, booking, double booking, reschedule, cancel and the .ics") {
  Api api;
  api.env.clock = at("2026-11-23T08:10:00Z");  // Monday 09:10 CET
  const Instant now = api.env.clock;
  const std::string max = api.add_agent("max@example.com", "L2", "Max");
  const std::string ana = api.register_customer("ana@example.com", "Acme");
  const std::string bob = api.register_customer("bob@example.com", "Other");
  CHECK(change_plan(api, ana, "premium")["manager"]["id"] == "ag_max");
  CHECK(change_plan(api, bob, "premium")["manager"]["id"] == "ag_max");

  // Default window: a week from now. Mon 11:30-17:30 CET (13), Tue-Fri (4 x 18), Mon 30 09:00 (1).
  const json week = ok(api, get(api, "/booking/slots", ana));
  CHECK(week["agent"] == json::parse(R"({"id": "ag_max", "name": "Max"})"));
  CHECK(week["slot_minutes"] == 30);
  CHECK(week["min_notice_minutes"] == 120);
  CHECK(week["horizon_days"] == 21);
  CHECK(week["schedule"]["tz"] == "Europe/Berlin");
  const auto s = starts(week);
  REQUIRE(s.size() == 13 + 4 * 18 + 1);
  CHECK(s.front() == "2026-11-23T10:30:00Z");  // 11:30 CET: the first aligned start after 2 h notice
  CHECK(s[12] == "2026-11-23T16:30:00Z");      // 17:30 CET, ends at closing
  CHECK(s[13] == "2026-11-24T08:00:00Z");      // Tuesday 09:00 CET
  CHECK(s.back() == "2026-11-30T08:00:00Z");
  check_slots(week, now, 9 * 60, 18 * 60);
  CHECK(week["slots"][0]["end"] == "2026-11-23T11:00:00Z");
  // When each slot stops being offered (start minus the 2 h notice), and the booking window as
  // instants: from now + notice, until now + 21 days.
  CHECK(week["slots"][0]["book_by"] == "2026-11-23T08:30:00Z");
  CHECK(week["slots"].back()["book_by"] == "2026-11-30T06:00:00Z");
  CHECK(week["bookable"] == json::parse(R"({"from": "2026-11-23T10:10:00Z", "until": "2026-12-14T08:10:00Z"})"));
  // Per date of the agent's schedule: the free slots and why there are none.
  REQUIRE(week["days"].size() == 8);
  CHECK(week["days"][0] == json::parse(R"({"date": "2026-11-23", "free": 13, "reason": null})"));
  CHECK(week["days"][5] == json::parse(R"({"date": "2026-11-28", "free": 0, "reason": "weekend"})"));
  CHECK(week["days"][7] == json::parse(R"({"date": "2026-11-30", "free": 1, "reason": null})"));

  // The horizon: nothing 21 days or more ahead, however far one asks.
  const json month = ok(api, get(api, "/booking/slots?from=2026-11-23T09:10:00+01:00&to=2026-12-23T00:00:00Z", ana));
  check_slots(month, now, 9 * 60, 18 * 60);
  CHECK(starts(month).back() == "2026-12-14T08:00:00Z");  // Mon 14 Dec 09:00 CET < now + 21 d
  const json beyond = ok(api, get(api, "/booking/slots?from=2026-12-15T00:00:00Z&to=2026-12-20T00:00:00Z", ana));
  CHECK(beyond["slots"].empty());
  for (const json& d : beyond["days"]) CHECK(d["reason"] == "horizon");
  // A window in the past or too close gives nothing before the notice.
  const json past = ok(api, get(api, "/booking/slots?from=2026-11-01T00:00:00Z&to=2026-11-23T10:30:00Z", ana));
  CHECK(past["slots"].empty());
  CHECK(past["days"][0]["reason"] == "past");
  CHECK(past["days"].back() == json::parse(R"({"date": "2026-11-23", "free": 0, "reason": "notice"})"));
  CHECK(error_of(api, get(api, "/booking/slots?from=2026-11-24T00:00:00Z&to=2026-11-24T00:00:00Z", ana),
                 400)["field"] == "to");
  CHECK(error_of(api, get(api, "/booking/slots?from=2026-11-24T00:00:00Z&to=2027-01-31T00:00:00Z", ana),
                 400)["field"] == "to");

  // Book the first slot.
  const json b = book(api, ana, "2026-11-23T10:30:00Z");
  const std::string id = b["id"];
  CHECK(id.rfind("bk_", 0) == 0);
  CHECK(b["start"] == "2026-11-23T10:30:00Z");
  CHECK(b["end"] == "2026-11-23T11:00:00Z");
  CHECK(b["topic"] == "support");
  CHECK(b["agent"] == json::parse(R"({"id": "ag_max", "name": "Max"})"));
  CHECK(b["status"] == "booked");
  CHECK(b["sequence"] == 0);
  CHECK(!contains(starts(ok(api, get(api, "/booking/slots", ana))), "2026-11-23T10:30:00Z"));
  CHECK(!contains(starts(ok(api, get(api, "/booking/slots", bob))), "2026-11-23T10:30:00Z"));  // same manager

  // The same slot again, by another customer of the same manager (or the same one): 409.
  json e = error_of(api, post(api, "/bookings", {{"start", "2026-11-23T10:30:00Z"}, {"topic", "training"}}, bob), 409);
  CHECK(e["code"] == "slot_taken");
  CHECK(e["field"] == "start");
  CHECK(error_of(api, post(api, "/bookings", {{"start", "2026-11-23T11:30:00+01:00"}, {"topic", "analysis"}}, ana),
                 409)["code"] == "slot_taken");
  const json bob_booking = book(api, bob, "2026-11-23T11:00:00Z", "training");

  // 422: not a slot start, not ISO, bad topic, too long a note, unknown field.
  for (const char* bad : {"2026-11-23T10:45:00Z", "2026-11-23T08:30:00Z" /* inside the notice */,
                          "2026-11-28T10:00:00Z" /* Saturday */, "2026-11-23T17:00:00Z" /* 18:00 CET, closed */,
                          "2026-12-14T08:30:00Z" /* past the horizon */, "2026-11-20T10:00:00Z" /* past */}) {
    CAPTURE(bad);
    check_validation(api, post(api, "/bookings", {{"start", bad}, {"topic", "support"}}, ana), "start");
  }
  for (const char* bad : {"tomorrow", "2026-11-23 10:30", "2026-11-23T10:30:00", "2026-13-01T10:00:00Z", ""}) {
    CAPTURE(bad);
    check_validation(api, post(api, "/bookings", {{"start", bad}, {"topic", "support"}}, ana), "start");
  }
  check_validation(api, post(api, "/bookings", {{"start", "2026-11-24T08:00:00Z"}, {"topic", "bogus"}}, ana), "topic");
  check_validation(api, post(api, "/bookings", {{"start", "2026-11-24T08:00:00Z"}}, ana), "topic");
  check_validation(api, post(api, "/bookings", {{"topic", "support"}}, ana), "start");
  check_validation(
      api,
      post(api, "/bookings",
           {{"start", "2026-11-24T08:00:00Z"}, {"topic", "support"}, {"note", std::string(2001, 'n')}}, ana),
      "note");
  check_validation(
      api, post(api, "/bookings", {{"start", "2026-11-24T08:00:00Z"}, {"topic", "support"}, {"room", "A"}}, ana),
      "room");

  // GET /bookings: own company only; the agent sees both.
  const json mine = ok(api, get(api, "/bookings", ana));
  REQUIRE(mine["bookings"].size() == 1);
  CHECK(mine["bookings"][0]["id"] == id);
  CHECK(ok(api, get(api, "/bookings", max))["bookings"].size() == 2);

  // The invitation.
  const HttpResponse ics = get(api, "/bookings/" + id + "/ics", ana);
  REQUIRE(ics.status == 200);
  CHECK(header_of(ics, "Content-Type") == "text/calendar; charset=utf-8");
  CHECK(header_of(ics, "Content-Disposition").find(".ics") != std::string::npos);
  CHECK(ics.body.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
  CHECK(ics.body.ends_with("END:VCALENDAR\r\n"));
  for (std::size_t p = ics.body.find('\n'); p != std::string::npos; p = ics.body.find('\n', p + 1))
    CHECK(ics.body[p - 1] == '\r');
  const std::string uid = "UID:booking-" + id + "@support-portal\r\n";
  CHECK(ics.body.find(uid) != std::string::npos);
  CHECK(ics.body.find("SEQUENCE:0\r\n") != std::string::npos);
  CHECK(ics.body.find("DTSTART:20261123T103000Z\r\n") != std::string::npos);
  CHECK(ics.body.find("DTEND:20261123T110000Z\r\n") != std::string::npos);
  CHECK(ics.body.find("METHOD:REQUEST\r\n") != std::string::npos);
  CHECK(get(api, "/bookings/" + id + "/ics", max).status == 200);  // the agent's copy

  // Reschedule: same UID, SEQUENCE + 1; the old slot is free again; a taken slot is 409.
  const json moved = ok(api, post(api, "/bookings/" + id + "/reschedule", {{"start", "2026-11-24T09:00:00Z"}}, ana));
  CHECK(moved["id"] == id);
  CHECK(moved["start"] == "2026-11-24T09:00:00Z");
  CHECK(moved["sequence"] == 1);
  const HttpResponse ics2 = get(api, "/bookings/" + id + "/ics", ana);
  CHECK(ics2.body.find(uid) != std::string::npos);
  CHECK(ics2.body.find("SEQUENCE:1\r\n") != std::string::npos);
  CHECK(ics2.body.find("DTSTART:20261124T090000Z\r\n") != std::string::npos);
  CHECK(contains(starts(ok(api, get(api, "/booking/slots", bob))), "2026-11-23T10:30:00Z"));
  CHECK(error_of(api,
                 post(api, "/bookings/" + bob_booking["id"].get<std::string>() + "/reschedule",
                      {{"start", "2026-11-24T09:00:00Z"}}, bob),
                 409)["code"] == "slot_taken");
  check_validation(api, post(api, "/bookings/" + id + "/reschedule", {{"start", "2026-11-24T09:10:00Z"}}, ana),
                   "start");
  // Rescheduling onto its own start is fine.
  CHECK(ok(api, post(api, "/bookings/" + id + "/reschedule", {{"start", "2026-11-24T09:00:00Z"}}, ana))["sequence"] ==
        2);

  // Another company's booking is 404 exactly like a missing one.
  std::string missing = id;
  missing.back() = missing.back() == '0' ? '1' : '0';
  for (const auto& call : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"GET", "/ics", ""}, {"DELETE", "", ""}, {"POST", "/reschedule", R"({"start": "2026-11-25T09:00:00Z"})"}}) {
    // (No structured bindings: clang 14 cannot capture them in CAPTURE's lambda.)
    const std::string& method = std::get<0>(call);
    const std::string& suffix = std::get<1>(call);
    const std::string& body = std::get<2>(call);
    const HttpResponse theirs = api.call(method, api_path("/bookings/" + id + suffix), body, bob);
    const HttpResponse none = api.call(method, api_path("/bookings/" + missing + suffix), body, bob);
    CAPTURE(method);
    CAPTURE(suffix);
    CHECK(theirs.status == 404);
    std::string t = theirs.body;
    t.replace(t.find(id), id.size(), missing);
    CHECK(t == none.body);
  }

  // Cancel: 204, the slot is free again, the .ics says CANCEL; again is harmless; no reschedule after.
  CHECK(del(api, "/bookings/" + id, ana).status == 204);
  CHECK(contains(starts(ok(api, get(api, "/booking/slots", bob))), "2026-11-24T09:00:00Z"));
  const json listed = ok(api, get(api, "/bookings", ana));
  CHECK(listed["bookings"][0]["status"] == "cancelled");
  const HttpResponse ics3 = get(api, "/bookings/" + id + "/ics", ana);
  CHECK(ics3.body.find(uid) != std::string::npos);
  CHECK(ics3.body.find("SEQUENCE:3\r\n") != std::string::npos);
  CHECK(ics3.body.find("METHOD:CANCEL\r\n") != std::string::npos);
  CHECK(ics3.body.find("STATUS:CANCELLED\r\n") != std::string::npos);
  CHECK(del(api, "/bookings/" + id, ana).status == 204);
  CHECK(error_of(api, post(api, "/bookings/" + id + "/reschedule", {{"start", "2026-11-25T09:00:00Z"}}, ana),
                 409)["code"] == "cancelled");
  // Bob can now take the freed slot.
  CHECK(book(api, bob, "2026-11-24T09:00:00Z")["start"] == "2026-11-24T09:00:00Z");
}

TEST_CASE("router: dedicated agent customers book in the dedicated agent's 09:00-17:00 calendar") {
  Api api;
  api.env.clock = at("2026-11-23T08:10:00Z");  // Monday 09:10 CET
  const Instant now = api.env.clock;
  api.add_agent("max@example.com", "L2", "Max");
  const std::string vera = api.add_agent("vera@example.com", "L2", "Vera");
  const std::string ana = api.register_customer("ana@example.com");
  CHECK(change_plan(api, ana, "premium")["manager"]["id"] == "ag_max");
  const json me = ok(api, post(api, "/me/addons", {{"addon", "dedicated_agent"}}, ana));
  CHECK(me["dedicated_agent"]["id"] == "ag_vera");  // the least loaded L2 agent

  const json week = ok(api, get(api, "/booking/slots", ana));
  CHECK(week["agent"] == json::parse(R"({"id": "ag_vera", "name": "Vera"})"));
  CHECK(week["schedule"]["id"] == "dedicated_cet");
  check_slots(week, now, 9 * 60, 17 * 60);
  const auto s = starts(week);
  REQUIRE(s.size() == 11 + 4 * 16 + 1);    // Mon 11:30-16:30 CET, Tue-Fri 16 each, Mon 30 09:00
  CHECK(s[10] == "2026-11-23T15:30:00Z");  // 16:30 CET, the last of the day
  CHECK(s[11] == "2026-11-24T08:00:00Z");
  CHECK(!contains(s, "2026-11-23T16:00:00Z"));  // 17:00 CET: the manager's hours, not the agent's

  const json b = book(api, ana, "2026-11-23T15:30:00Z", "analysis");
  CHECK(b["agent"]["id"] == "ag_vera");
  check_validation(api, post(api, "/bookings", {{"start", "2026-11-23T16:00:00Z"}, {"topic", "support"}}, ana),
                   "start");
  CHECK(ok(api, get(api, "/bookings", vera))["bookings"].size() == 1);
}
