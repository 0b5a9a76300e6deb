// The catalog, SLA previews and the subscription endpoints: GET /plans, /sla/preview, /me,
// /me/plan (+ preview), /me/addons, /me/packages.
#include <doctest/doctest.h>

#include <set>

#include "test_router_support.h"

using namespace portal;
using namespace portal::testing;

namespace {

json preview(Api& api, const std::string& query) { return ok(api, get(api, "/sla/preview?" + query)); }

const json* find_by_id(const json& list, const std::string& id) {
  for (const json& x : list)
    if (x.value("id", "") == id) return &x;
  return nullptr;
}

std::string sign_in(Api& api, const std::string& email) {
  return ok(api, post(api, "/auth/login", {{"email", email}, {"password", "correct horse"}}))["token"];
}

std::vector<std::string> ids(const json& list) {
  std::vector<std::string> out;
  for (const json& x : list) out.push_back(x["id"]);
  return out;
}

}  // namespace

TEST_CASE("router: GET /plans is public and has the shape of api.md") {
  Api api;
  const HttpResponse resp = get(api, "/plans");
  const json j = ok(api, resp);
  CHECK(header_of(resp, "Content-Type") == "application/json; charset=utf-8");

  REQUIRE(j["plans"].size() == 4);
  const std::vector<std::string> plan_ids = {"basic", "standard", "priority", "premium"};
  std::set<std::string> channel_ids, schedule_ids, policy_ids;
  for (const json& s : j["schedules"]) schedule_ids.insert(s["id"].get<std::string>());
  for (const json& p : j["policies"]) policy_ids.insert(p["id"].get<std::string>());
  for (int i = 0; i < 4; ++i) {
    const json& p = j["plans"][i];
    CAPTURE(p["id"]);
    CHECK(p["id"] == plan_ids[i]);
    CHECK(p["tier"] == plan_ids[i]);
    CHECK(p["rank"] == i + 1);
    CHECK(p["name"].is_string());
    CHECK(p["price"]["amount_cents"].is_number_integer());
    CHECK(p["price"]["currency"] == "EUR");
    CHECK(p["price"]["period"] == "month");
    CHECK(schedule_ids.count(p["schedule"].get<std::string>()));
    CHECK(policy_ids.count(p["policy"].get<std::string>()));
    REQUIRE(p["channels"].is_array());
    for (const json& ch : p["channels"]) {
      CHECK(ch["id"].is_string());
      CHECK(ch["name"].is_string());
      if (ch.contains("schedule")) CHECK(schedule_ids.count(ch["schedule"].get<std::string>()));
      channel_ids.insert(ch["id"].get<std::string>());
    }
  }
  CHECK(j["plans"][0]["price"]["amount_cents"] == 4900);
  CHECK(j["plans"][3]["price"]["amount_cents"] == 149000);

  REQUIRE(j["packages"].size() == 2);
  CHECK(ids(j["packages"]) == std::vector<std::string>{"extended_support", "priority_support"});
  for (const json& o : j["packages"]) {
    CHECK(o["name"].is_string());
    CHECK(o["price"]["amount_cents"].is_number_integer());
    CHECK(o["tier"].is_string());
  }
  const json* dedicated = find_by_id(j["addons"], "dedicated_agent");
  REQUIRE(dedicated);
  CHECK((*dedicated)["requires_plan"] == "premium");
  CHECK((*dedicated)["price"]["amount_cents"] == 100000);
  CHECK((*dedicated)["policy"] == "vip_sla");
  CHECK((*dedicated)["schedule"] == "dedicated_cet");
  for (const json& ch : (*dedicated)["channels"]) channel_ids.insert(ch["id"].get<std::string>());
  for (const char* id : {"email", "chatbot", "kb", "forum", "phone", "chat", "personal_manager", "dedicated_chat",
                         "dedicated_email", "dedicated_phone", "onsite"})
    CHECK_MESSAGE(channel_ids.count(id), id);

  REQUIRE(!j["schedules"].empty());
  for (const json& s : j["schedules"]) {
    CAPTURE(s["id"]);
    CHECK(s["tz"] == "Europe/Berlin");
    CHECK(s["posix_tz"] == "CET-1CEST,M3.5.0,M10.5.0/3");
    REQUIRE(s["weekly"].size() == 7);
    for (const json& day : s["weekly"])
      for (const json& iv : day) {
        CHECK(iv["open"].get<std::string>().size() == 5);
        CHECK(iv["close"].get<std::string>().size() == 5);
      }
    CHECK(s["holidays"].is_array());
  }
  const json* weekdays = find_by_id(j["schedules"], "weekdays_9_18");
  REQUIRE(weekdays);
  CHECK((*weekdays)["weekly"][0] == json::parse(R"([{"open": "09:00", "close": "18:00"}])"));
  CHECK((*weekdays)["weekly"][5].empty());
  CHECK((*weekdays)["weekly"][6].empty());
  const auto& hol = (*weekdays)["holidays"];
  CHECK(std::find(hol.begin(), hol.end(), "2026-12-25") != hol.end());
  const json* always = find_by_id(j["schedules"], "always");
  REQUIRE(always);
  for (const json& day : (*always)["weekly"]) CHECK(day == json::parse(R"([{"open": "00:00", "close": "24:00"}])"));

  REQUIRE(!j["policies"].empty());
  for (const json& p : j["policies"]) {
    CAPTURE(p["id"]);
    CHECK(schedule_ids.count(p["schedule"].get<std::string>()));
    REQUIRE(p["targets"].size() == 5);
    for (int s = 0; s < 5; ++s) {
      const json& t = p["targets"][s];
      CHECK(t["severity"] == s + 1);
      CHECK(t["first_response"]["minutes"].is_number_integer());
      const std::string clock = t["first_response"]["clock"];
      CHECK((clock == "business" || clock == "calendar"));
      CHECK(t.contains("follow_up"));
    }
  }
  const json* premium = find_by_id(j["policies"], "premium_sla");
  REQUIRE(premium);
  CHECK((*premium)["targets"][0]["first_response"] == json::parse(R"({"minutes": 30, "clock": "calendar"})"));
}

TEST_CASE("router: GET /sla/preview gives the exact due instants of sla.md") {
  Api api;
  SUBCASE("basic, severity 3, Friday 17:00 CET: 48 business hours of 9-hour weekdays") {
    // Fri 17-18 (1 h) + Mon-Fri 23-27 Nov (45 h) + Mon 30 Nov 09-11 (2 h) = 48 h → Mon 11:00 CET.
    const json p = preview(api, "plan=basic&severity=3&at=2026-11-20T16:00:00Z");
    CHECK(p["first_response_due"] == "2026-11-30T10:00:00Z");
    CHECK(p["follow_up_due"] == "2026-11-30T10:00:00Z");
    CHECK(p["at"] == "2026-11-20T16:00:00Z");
    CHECK(p["effective_tier"] == "basic");
    CHECK(p["first_response"]["policy"] == "basic_sla");
    CHECK(p["first_response"]["target"] == json::parse(R"({"minutes": 2880, "clock": "business"})"));
    const json& days = p["first_response"]["explanation"]["days"];
    REQUIRE(days.size() == 11);
    CHECK(days[0] ==
          json::parse(R"({"date": "2026-11-20", "counted_minutes": 60, "holiday": false, "closed": false})"));
    CHECK(days[1]["closed"] == true);  // Saturday
    CHECK(days[2]["closed"] == true);  // Sunday
    CHECK(days[3]["counted_minutes"] == 540);
    CHECK(days[10] ==
          json::parse(R"({"date": "2026-11-30", "counted_minutes": 120, "holiday": false, "closed": false})"));
    int total = 0;
    for (const json& d : days) total += d["counted_minutes"].get<int>();
    CHECK(total == 2880);
  }
  SUBCASE("the same instant written with an offset") {
    const json p = preview(api, "plan=basic&severity=3&at=2026-11-20T17:00:00%2B01:00");
    CHECK(p["at"] == "2026-11-20T16:00:00Z");
    CHECK(p["first_response_due"] == "2026-11-30T10:00:00Z");
    // An unencoded '+' (which form decoding turns into a space) is read as the offset's sign.
    CHECK(preview(api, "plan=basic&severity=3&at=2026-11-20T17:00:00+01:00")["at"] == "2026-11-20T16:00:00Z");
    CHECK(preview(api, "plan=basic&severity=3&at=2026-11-20T11:00:00-05:00")["at"] == "2026-11-20T16:00:00Z");
  }
  SUBCASE("premium severity 1: 30 calendar minutes, follow-up 2 hours, any day") {
    const json p = preview(api, "plan=premium&severity=1&at=2026-11-22T03:17:00Z");  // a Sunday night
    CHECK(p["first_response_due"] == "2026-11-22T03:47:00Z");
    CHECK(p["follow_up_due"] == "2026-11-22T05:17:00Z");
    CHECK(p["first_response"].find("explanation") == p["first_response"].end());
  }
  SUBCASE("premium + dedicated agent, severity 3, Monday 10:00 CET: the earlier of 60 min and 2 business h") {
    const json p = preview(api, "plan=premium&addons=dedicated_agent&severity=3&at=2026-11-23T09:00:00Z");
    CHECK(p["first_response_due"] == "2026-11-23T10:00:00Z");  // 60 calendar min < 12:00 CET
    CHECK(p["first_response"]["policy"] == "premium_sla");
    // Follow-up: premium 480 calendar min (17:00Z) beats VIP 2 business days (Wed 10:00 CET).
    CHECK(p["follow_up_due"] == "2026-11-23T17:00:00Z");
  }
  SUBCASE("premium + dedicated agent, severity 4: the VIP table has no follow-up, premium's applies") {
    const json p = preview(api, "plan=premium&addons=dedicated_agent&severity=4&at=2026-11-23T09:00:00Z");
    CHECK(p["first_response_due"] == "2026-11-23T10:00:00Z");
    CHECK(p["follow_up_due"] == "2026-11-23T17:00:00Z");
  }
  SUBCASE("standard, severity 3: 16 business hours of 08:00-20:00") {
    const json p = preview(api, "plan=standard&severity=3&at=2026-11-23T07:00:00Z");  // Mon 08:00 CET
    CHECK(p["first_response_due"] == "2026-11-24T11:00:00Z");                         // Tue 12:00 CET
  }
  SUBCASE("priority, severity 1: 60 calendar minutes on a Sunday") {
    const json p = preview(api, "plan=priority&severity=1&at=2026-11-22T12:00:00Z");
    CHECK(p["first_response_due"] == "2026-11-22T13:00:00Z");
    CHECK(p["follow_up_due"] == "2026-11-22T16:00:00Z");
  }
  SUBCASE("a package brings its policy: basic + priority support, severity 3, Friday 17:00 CET") {
    // priority_sla: 240 business min on Mon-Fri 07-21 → Friday 21:00 CET.
    const json p = preview(api, "plan=basic&packages=priority_support&severity=3&at=2026-11-20T16:00:00Z");
    CHECK(p["first_response_due"] == "2026-11-20T20:00:00Z");
    CHECK(p["first_response"]["policy"] == "priority_sla");
    CHECK(p["effective_tier"] == "priority");
  }
  SUBCASE("German holidays: basic severity 1 from Christmas Eve") {
    // Thu 24 Dec 10-18 (8 h), 25 and 26 holidays, Sun 27, Mon 28 (9 h), Tue 29 09-16 (7 h).
    const json p = preview(api, "plan=basic&severity=1&at=2026-12-24T09:00:00Z");
    CHECK(p["first_response_due"] == "2026-12-29T15:00:00Z");
    const json& days = p["first_response"]["explanation"]["days"];
    REQUIRE(days.size() == 6);
    CHECK(days[1]["date"] == "2026-12-25");
    CHECK(days[1]["holiday"] == true);
    CHECK(days[2]["holiday"] == true);
    CHECK(days[3]["holiday"] == false);
    CHECK(days[3]["closed"] == true);  // Sunday
  }
  SUBCASE("across the end of summer time: elapsed business time, not wall clock") {
    // Fri 23 Oct 16:00 CEST: 2 h that day, Mon 26 and Tue 27 (CET) 18 h, Wed 28 09-13 CET.
    const json p = preview(api, "plan=basic&severity=1&at=2026-10-23T14:00:00Z");
    CHECK(p["first_response_due"] == "2026-10-28T12:00:00Z");
  }
  SUBCASE("at defaults to now") {
    api.env.clock = at("2026-11-23T12:00:00Z");
    const json p = preview(api, "plan=premium&severity=2");
    CHECK(p["at"] == "2026-11-23T12:00:00Z");
    CHECK(p["first_response_due"] == "2026-11-23T13:00:00Z");
  }
  SUBCASE("unknown ids are 422 naming the parameter") {
    check_validation(api, get(api, "/sla/preview?plan=gold&severity=3"), "plan");
    check_validation(api, get(api, "/sla/preview?plan=basic&addons=bogus&severity=3"), "addons");
    check_validation(api, get(api, "/sla/preview?plan=basic&packages=bogus&severity=3"), "packages");
  }
}

TEST_CASE("router: /me of a basic customer: tier, sources, channels with live state, locked channels") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");  // Monday 10:00 CET
  api.add_agent("max@example.com", "L2", "Max");
  const std::string token = api.register_customer("ana@example.com");
  const json me = ok(api, get(api, "/me", token));
  CHECK(me["role"] == "customer");
  CHECK(me["plan"] == "basic");
  CHECK(me["packages"] == json::array());
  CHECK(me["addons"] == json::array());
  CHECK(me["pending_plan"].is_null());
  CHECK(me["effective_tier"] == "basic");
  CHECK(me["tier_sources"] == json::parse(R"([{"kind": "plan", "id": "basic", "name": "Basic", "tier": "basic"}])"));
  CHECK(me["manager"].is_null());  // basic has no personal manager, even with agents around
  CHECK(me["dedicated_agent"].is_null());
  CHECK(me["has_calls"] == false);
  CHECK(me["has_onsite"] == false);
  CHECK(me["policies"] == json::array({"basic_sla"}));
  CHECK(me["monthly_total"] == json::parse(R"({"amount_cents": 4900, "currency": "EUR"})"));

  CHECK(ids(me["channels"]) == std::vector<std::string>{"email", "chatbot", "kb", "forum"});
  const json* email = find_by_id(me["channels"], "email");
  CHECK((*email)["contact"] == "support@example.com");
  CHECK((*email)["schedule"] == "weekdays_9_18");
  CHECK((*email)["open_now"] == true);
  CHECK((*email)["next_change"] == "2026-11-23T17:00:00Z");  // closes 18:00 CET
  const json* kb = find_by_id(me["channels"], "kb");
  CHECK((*kb)["open_now"] == true);
  CHECK((*kb)["next_change"].is_null());  // 24/7

  auto unlock = [&](const char* id) {
    const json* ch = find_by_id(me["locked_channels"], id);
    REQUIRE_MESSAGE(ch, id);
    CHECK((*ch).find("open_now") == (*ch).end());
    return (*ch)["unlock"];
  };
  CHECK(ids(me["locked_channels"]) == std::vector<std::string>{"phone", "chat", "personal_manager", "onsite",
                                                               "dedicated_chat", "dedicated_email", "dedicated_phone"});
  // The cheapest way to each: a package where one reaches the tier, else the plan or add-on.
  CHECK(unlock("phone") ==
        json::parse(
            R"({"kind": "package", "id": "extended_support", "price": {"amount_cents": 12900, "currency": "EUR"}})"));
  CHECK(unlock("chat")["id"] == "extended_support");
  CHECK(unlock("personal_manager") ==
        json::parse(
            R"({"kind": "package", "id": "priority_support", "price": {"amount_cents": 34900, "currency": "EUR"}})"));
  CHECK(unlock("onsite") ==
        json::parse(R"({"kind": "plan", "id": "premium", "price": {"amount_cents": 149000, "currency": "EUR"}})"));
  CHECK(unlock("dedicated_chat") ==
        json::parse(
            R"({"kind": "addon", "id": "dedicated_agent", "price": {"amount_cents": 100000, "currency": "EUR"}})"));

  // Saturday: email closed, opens Monday 09:00 CET.
  api.env.clock = at("2026-11-28T12:00:00Z");
  const json weekend = ok(api, get(api, "/me", token));
  const json* closed_email = find_by_id(weekend["channels"], "email");
  CHECK((*closed_email)["open_now"] == false);
  CHECK((*closed_email)["next_change"] == "2026-11-30T08:00:00Z");
}

TEST_CASE("router: an upgrade charges the prorated difference now; a downgrade waits for the period end") {
  Api api;
  api.env.clock = at("2026-11-01T00:00:00Z");
  api.add_agent("max@example.com", "L2", "Max");
  const std::string token = api.register_customer("ana@example.com");

  // 10 of 30 days left: (149000 - 4900) / 3 = 48033.33 → 48033 cents.
  api.env.clock = at("2026-11-21T00:00:00Z");
  const json up = change_plan(api, token, "premium");
  CHECK(up["change"]["kind"] == "upgrade");
  CHECK(up["change"]["from_plan"] == "basic");
  CHECK(up["change"]["to_plan"] == "premium");
  CHECK(up["change"]["old_monthly"]["amount_cents"] == 4900);
  CHECK(up["change"]["new_monthly"]["amount_cents"] == 149000);
  CHECK(up["change"]["charge_now"] == json::parse(R"({"amount_cents": 48033, "currency": "EUR"})"));
  CHECK(up["change"]["effective_at"] == "2026-11-21T00:00:00Z");
  CHECK(up["plan"] == "premium");
  CHECK(up["effective_tier"] == "premium");
  CHECK(up["has_calls"] == true);
  CHECK(up["has_onsite"] == true);
  CHECK(up["manager"] == json::parse(R"({"id": "ag_max", "name": "Max"})"));  // an L2 agent becomes the manager
  CHECK(ids(up["locked_channels"]) == std::vector<std::string>{"dedicated_chat", "dedicated_email", "dedicated_phone"});
  CHECK(find_by_id(up["channels"], "onsite"));
  CHECK(find_by_id(up["channels"], "personal_manager"));
  CHECK(ok(api, get(api, "/me", token))["plan"] == "premium");

  // Choosing the current plan changes nothing.
  const json same = change_plan(api, token, "premium");
  CHECK(same["change"]["kind"] == "none");
  CHECK(same["change"]["charge_now"]["amount_cents"] == 0);
  check_validation(api, post(api, "/me/plan", {{"plan", "gold"}}, token), "plan");
  check_validation(api, post(api, "/me/plan", json::object(), token), "plan");

  // The dedicated agent, then a downgrade to basic: scheduled, nothing changes yet.
  ok(api, post(api, "/me/addons", {{"addon", "dedicated_agent"}}, token));
  const json down = change_plan(api, token, "basic");
  CHECK(down["change"]["kind"] == "downgrade");
  CHECK(down["change"]["charge_now"]["amount_cents"] == 0);
  CHECK(down["change"]["effective_at"] == "2026-12-01T00:00:00Z");
  CHECK(down["change"]["addons_dropped"] == json::array({"dedicated_agent"}));
  CHECK(down["plan"] == "premium");
  CHECK(down["addons"] == json::array({"dedicated_agent"}));
  CHECK(down["pending_plan"] ==
        json::parse(
            R"({"plan": "basic", "effective_at": "2026-12-01T00:00:00Z", "addons_dropped": ["dedicated_agent"]})"));

  api.env.clock = at("2026-11-30T23:59:59Z");
  CHECK(ok(api, get(api, "/me", token))["plan"] == "premium");

  // Past the period end: basic, the add-on and its agent gone, a new period. (The 30-day session
  // from Nov 1 has ended too: sign in again.)
  api.env.clock = at("2026-12-01T00:00:01Z");
  CHECK(get(api, "/me", token).status == 401);
  const std::string again = sign_in(api, "ana@example.com");
  const json after = ok(api, get(api, "/me", again));
  CHECK(after["plan"] == "basic");
  CHECK(after["effective_tier"] == "basic");
  CHECK(after["pending_plan"].is_null());
  CHECK(after["addons"] == json::array());
  CHECK(after["dedicated_agent"].is_null());
  CHECK(after["manager"].is_null());
  CHECK(after["has_calls"] == false);
  CHECK(after["period"] == json::parse(R"({"start": "2026-12-01T00:00:00Z", "end": "2027-01-01T00:00:00Z"})"));
  CHECK(error_of(api, get(api, "/booking/slots", again), 403)["code"] == "calls_locked");
}

TEST_CASE("router: choosing the current plan again cancels a scheduled downgrade") {
  Api api;
  api.env.clock = at("2026-11-01T00:00:00Z");
  const std::string token = api.register_customer("ana@example.com");
  change_plan(api, token, "priority");
  CHECK(change_plan(api, token, "standard")["pending_plan"]["plan"] == "standard");
  const json kept = change_plan(api, token, "priority");
  CHECK(kept["change"]["kind"] == "none");
  CHECK(kept["pending_plan"].is_null());
  api.env.clock = at("2026-12-02T00:00:00Z");
  CHECK(ok(api, get(api, "/me", sign_in(api, "ana@example.com")))["plan"] == "priority");
}

TEST_CASE("router: GET /me/plan/preview lists open requests with their current and earlier new due times") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");  // Monday 10:00 CET
  const std::string token = api.register_customer("ana@example.com");
  const std::string agent = api.add_agent("l1@example.com", "L1");
  const json a = create_request(api, token, new_request_body(3, "First"));
  api.env.clock = at("2026-11-23T09:10:00Z");
  const json b = create_request(api, token, new_request_body(1, "Second"));
  const json c = create_request(api, token, new_request_body(3, "Third"));
  ok(api, post(api, "/requests/" + c["id"].get<std::string>() + "/status", {{"status", "resolved"}}, agent));
  // basic: severity 3 = 48 business h from Mon 10:00 CET → Mon 30 Nov 13:00 CET; severity 1 = 24 h
  // from 10:10 → Wed 25 Nov 16:10 CET.
  CHECK(a["sla"]["first_response"]["due"] == "2026-11-30T12:00:00Z");
  CHECK(b["sla"]["first_response"]["due"] == "2026-11-25T15:10:00Z");

  api.env.clock = at("2026-11-23T09:30:00Z");
  const json p = ok(api, get(api, "/me/plan/preview?plan=premium", token));
  CHECK(p["effective_tier"] == "premium");
  CHECK(p["change"]["kind"] == "upgrade");
  CHECK(p["change"]["charge_now"]["amount_cents"].get<std::int64_t>() > 0);
  REQUIRE(p["requests"].size() == 2);  // the resolved one has no running clock
  for (const json& r : p["requests"]) {
    CAPTURE(r);
    CHECK(r["clock"] == "first_response");
    CHECK(r["new_due"] < r["current_due"]);
  }
  const json* pa = find_by_id(p["requests"], a["id"]);
  const json* pb = find_by_id(p["requests"], b["id"]);
  REQUIRE(pa);
  REQUIRE(pb);
  CHECK((*pa)["current_due"] == "2026-11-30T12:00:00Z");
  CHECK((*pa)["new_due"] == "2026-11-23T10:30:00Z");  // premium severity 3: 60 min from the upgrade
  CHECK((*pb)["current_due"] == "2026-11-25T15:10:00Z");
  CHECK((*pb)["new_due"] == "2026-11-23T10:00:00Z");  // premium severity 1: 30 min
  CHECK((*pb)["earlier_by_minutes"] == (at("2026-11-25T15:10:00Z") - at("2026-11-23T10:00:00Z")) / 60);

  // The preview changed nothing; the real upgrade applies exactly the previewed due times.
  CHECK(ok(api, get(api, "/requests/" + a["id"].get<std::string>(), token))["sla"]["first_response"]["due"] ==
        "2026-11-30T12:00:00Z");
  change_plan(api, token, "premium");
  const json after = ok(api, get(api, "/requests/" + a["id"].get<std::string>(), token));
  CHECK(after["sla"]["first_response"]["due"] == "2026-11-23T10:30:00Z");
  CHECK(after["sla"]["first_response"]["policy"] == "premium_sla");

  // A downgrade preview moves nothing; packages and add-ons preview too; errors.
  const json down = ok(api, get(api, "/me/plan/preview?plan=basic", token));
  CHECK(down["change"]["kind"] == "downgrade");
  for (const json& r : down["requests"]) CHECK(r["new_due"] == r["current_due"]);
  CHECK(ok(api, get(api, "/me/plan/preview?addon=dedicated_agent", token))["change"]["kind"] == "addon");
  CHECK(error_of(api, get(api, "/me/plan/preview", token), 400)["field"] == "plan");
  check_validation(api, get(api, "/me/plan/preview?plan=gold", token), "plan");
  check_validation(api, get(api, "/me/plan/preview?package=gold", token), "package");
}

TEST_CASE("router: the dedicated agent add-on: premium only, needs an agent, names the agent, routes to L2") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  const std::string token = api.register_customer("ana@example.com");

  // Not on basic: 409 with the reason.
  const json refused = error_of(api, post(api, "/me/addons", {{"addon", "dedicated_agent"}}, token), 409);
  CHECK(refused["code"] == "requires_plan");
  CHECK(refused["field"] == "addon");
  CHECK(refused["message"].get<std::string>().find("Premium") != std::string::npos);
  change_plan(api, token, "priority");
  CHECK(error_of(api, post(api, "/me/addons", {{"addon", "dedicated_agent"}}, token), 409)["code"] == "requires_plan");
  check_validation(api, post(api, "/me/addons", {{"addon", "bogus"}}, token), "addon");
  check_validation(api, post(api, "/me/addons", json::object(), token), "addon");

  // Premium but nobody to be the agent: 409 no_agent, nothing bought.
  change_plan(api, token, "premium");
  CHECK(error_of(api, post(api, "/me/addons", {{"addon", "dedicated_agent"}}, token), 409)["code"] == "no_agent");
  CHECK(ok(api, get(api, "/me", token))["addons"] == json::array());

  api.add_agent("vera@example.com", "L2", "Vera");
  const json me = ok(api, post(api, "/me/addons", {{"addon", "dedicated_agent"}}, token));
  CHECK(me["addons"] == json::array({"dedicated_agent"}));
  CHECK(me["dedicated_agent"] == json::parse(R"({"id": "ag_vera", "name": "Vera", "email": "vera@example.com"})"));
  CHECK(me["charge_now"]["amount_cents"] == 100000);  // bought at the start of the period
  CHECK(me["locked_channels"] == json::array());
  const json* email = find_by_id(me["channels"], "dedicated_email");
  REQUIRE(email);
  CHECK((*email)["contact"] == "vera@example.com");
  CHECK((*email)["open_now"] == true);  // Monday 10:00 CET, inside 09:00-17:00
  CHECK((*email)["next_change"] == "2026-11-23T16:00:00Z");
  CHECK(std::find(me["policies"].begin(), me["policies"].end(), "vip_sla") != me["policies"].end());
  CHECK(error_of(api, post(api, "/me/addons", {{"addon", "dedicated_agent"}}, token), 409)["code"] == "already_owned");

  // New requests go straight to L2, assigned to the dedicated agent.
  const json r = create_request(api, token);
  CHECK(r["level"] == "L2");
  CHECK(r["assignee_id"] == "ag_vera");

  // Cancelling it: 204, then gone; again 404.
  CHECK(del(api, "/me/addons/dedicated_agent", token).status == 204);
  const json after = ok(api, get(api, "/me", token));
  CHECK(after["addons"] == json::array());
  CHECK(after["dedicated_agent"].is_null());
  CHECK(create_request(api, token)["level"] == "L1");
  CHECK(error_of(api, del(api, "/me/addons/dedicated_agent", token), 404)["code"] == "not_found");
}

TEST_CASE("router: support packages raise the tier; no_gain and already_owned are 409; delete is 204") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");
  api.add_agent("max@example.com", "L2", "Max");
  const std::string token = api.register_customer("ana@example.com");

  const json ext = ok(api, post(api, "/me/packages", {{"package", "extended_support"}}, token));
  CHECK(ext["packages"] == json::array({"extended_support"}));
  CHECK(ext["plan"] == "basic");
  CHECK(ext["effective_tier"] == "standard");
  CHECK(ext["tier_sources"] == json::parse(R"([
    {"kind": "package", "id": "extended_support", "name": "Extended support", "tier": "standard"},
    {"kind": "plan", "id": "basic", "name": "Basic", "tier": "basic"}])"));
  CHECK(ext["charge_now"] == json::parse(R"({"amount_cents": 12900, "currency": "EUR"})"));
  CHECK(find_by_id(ext["channels"], "phone"));
  CHECK(ext["manager"].is_null());
  CHECK(ext["monthly_total"]["amount_cents"] == 4900 + 12900);
  CHECK(error_of(api, post(api, "/me/packages", {{"package", "extended_support"}}, token), 409)["code"] ==
        "already_owned");
  check_validation(api, post(api, "/me/packages", {{"package", "bogus"}}, token), "package");

  // A requests' clock now takes the earlier of basic and standard.
  const json r = create_request(api, token, new_request_body(1));
  CHECK(r["sla"]["first_response"]["policy"] == "standard_sla");
  CHECK(r["sla"]["first_response"]["due"] == "2026-11-23T17:00:00Z");  // 8 business h from 10:00 CET on 08-20

  const json pri = ok(api, post(api, "/me/packages", {{"package", "priority_support"}}, token));
  CHECK(pri["effective_tier"] == "priority");
  CHECK(pri["has_calls"] == true);
  CHECK(pri["manager"] == json::parse(R"({"id": "ag_max", "name": "Max"})"));
  CHECK(pri["tier_sources"][0]["id"] == "priority_support");

  CHECK(del(api, "/me/packages/priority_support", token).status == 204);
  CHECK(del(api, "/me/packages/extended_support", token).status == 204);
  const json back = ok(api, get(api, "/me", token));
  CHECK(back["effective_tier"] == "basic");
  CHECK(back["packages"] == json::array());
  CHECK(back["manager"].is_null());
  CHECK(error_of(api, del(api, "/me/packages/extended_support", token), 404)["code"] == "not_found");

  // On the standard plan the extended package would not raise anything.
  change_plan(api, token, "standard");
  const json no_gain = error_of(api, post(api, "/me/packages", {{"package", "extended_support"}}, token), 409);
  CHECK(no_gain["code"] == "no_gain");
  CHECK(no_gain["field"] == "package");
}

TEST_CASE("router: buying a package applies exactly the due times its preview showed") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");  // Monday 10:00 CET
  const std::string token = api.register_customer("ana@example.com");
  const json r = create_request(api, token, new_request_body(3));
  const std::string id = r["id"];
  CHECK(r["sla"]["first_response"]["due"] == "2026-11-30T12:00:00Z");

  api.env.clock = at("2026-11-23T10:00:00Z");
  const json p = ok(api, get(api, "/me/plan/preview?package=priority_support", token));
  CHECK(p["effective_tier"] == "priority");
  CHECK(p["change"]["kind"] == "package");
  REQUIRE(p["requests"].size() == 1);
  // priority_sla severity 3: 240 business min on Mon-Fri 07-21 from 11:00 CET → 15:00 CET.
  CHECK(p["requests"][0]["new_due"] == "2026-11-23T14:00:00Z");

  ok(api, post(api, "/me/packages", {{"package", "priority_support"}}, token));
  const json after = ok(api, get(api, "/requests/" + id, token));
  CHECK(after["sla"]["first_response"]["due"] == p["requests"][0]["new_due"]);
  CHECK(after["sla"]["first_response"]["policy"] == "priority_sla");
  CHECK(after["sla"]["first_response"]["started_at"] == "2026-11-23T09:00:00Z");
  // Cancelling the package later never moves a deadline out again.
  CHECK(del(api, "/me/packages/priority_support", token).status == 204);
  CHECK(ok(api, get(api, "/requests/" + id, token))["sla"]["first_response"]["due"] == "2026-11-23T14:00:00Z");
}
