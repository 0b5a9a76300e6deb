// load_catalog: the real catalog loads as documented, and every error names the key at fault
// (the real catalog, broken one thing at a time).
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace portal;
using nlohmann::json;
using portal::testing::read_asset;

namespace {

const json& real_doc() {
  static const json doc = json::parse(read_asset("catalog.json"));
  return doc;
}

// The CatalogError message for the real catalog after `change`; "" if it loads.
std::string error_after(const std::function<void(json&)>& change) {
  json doc = real_doc();
  change(doc);
  try {
    load_catalog(doc.dump());
  } catch (const CatalogError& e) {
    return e.what();
  }
  return "";
}

void check_names(const std::string& path, const std::function<void(json&)>& change) {
  const std::string message = error_after(change);
  CAPTURE(path);
  CAPTURE(message);
  CHECK(message.rfind("catalog: ", 0) == 0);
  CHECK(message.find("catalog: " + path + ": ") == 0);
}

}  // namespace

TEST_CASE("catalog: the real catalog loads with its plans, offers, schedules and rules") {
  const Catalog& c = testing::real_catalog();
  CHECK(c.tiers == std::vector<std::string>{"basic", "standard", "priority", "premium"});
  REQUIRE(c.plans.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(c.plans[i].rank == i + 1);
    CHECK(c.plans[i].policy != nullptr);
    CHECK(c.tier_rank(c.plans[i].tier) == i + 1);
  }
  CHECK(c.find_plan("basic")->price.amount_cents == 4900);
  CHECK(c.find_plan("premium")->personal_manager);
  CHECK(c.find_plan("premium")->onsite);
  CHECK(!c.find_plan("priority")->onsite);
  CHECK(c.find_plan("priority")->personal_manager);
  CHECK(c.plan_for_tier("standard") == c.find_plan("standard"));
  CHECK(c.tier_rank("gold") == 0);
  const Offer* dedicated = c.find_addon("dedicated_agent");
  REQUIRE(dedicated);
  CHECK(dedicated->requires_plan == "premium");
  CHECK(dedicated->policy == c.find_policy("vip_sla"));
  CHECK(dedicated->schedule == c.find_schedule("dedicated_cet"));
  CHECK(dedicated->channels.size() == 3);
  CHECK(c.find_package("priority_support")->tier == "priority");
  CHECK(c.find_package("dedicated_agent") == nullptr);
  CHECK(c.booking.slot_minutes == 30);
  CHECK(c.booking.min_notice_minutes == 120);
  CHECK(c.booking.horizon_days == 21);
  CHECK(c.booking.manager_schedule == c.find_schedule("weekdays_9_18"));
  CHECK(c.session_ttl_days == 30);
  CHECK(c.tier_rules.size() == 3);
  CHECK(c.severities.size() == 5);
  const Schedule* s = c.find_schedule("weekdays_9_18");
  REQUIRE(s);
  CHECK(s->weekly[0].size() == 1);
  CHECK(s->weekly[0][0].open_minute == 540);
  CHECK(s->weekly[0][0].close_minute == 1080);
  CHECK(s->weekly[6].empty());
  CHECK(s->name == "Weekdays 09:00–18:00");
  CHECK(s->is_holiday(days_from_civil({2026, 12, 25})));
  CHECK(c.find_schedule("always")->is_always_open());
  const Policy* vip = c.find_policy("vip_sla");
  CHECK(!vip->targets[3].follow_up.has_value());
  CHECK(vip->targets[2].first_response->minutes == 120);
  CHECK(vip->targets[2].first_response->clock == Clock::kBusiness);

  // The public document: what GET /plans serves, without operator-only parts.
  const json pub = json::parse(c.public_json);
  for (const char* key : {"plans", "packages", "addons", "schedules", "policies"}) CHECK(pub.contains(key));
  CHECK(!pub.contains("sessions"));
  CHECK(pub["booking"] == json::parse(R"({"slot_minutes": 30, "min_notice_minutes": 120, "horizon_days": 21})"));
}

TEST_CASE("catalog: the public catalog (GET /plans) loads back into the same typed catalog") {
  const Catalog full = load_catalog(read_asset("catalog.json"));
  const Catalog pub = load_public_catalog(full.public_json);
  // Round trip: what the portal receives serialises to the same public document.
  CHECK(json::parse(pub.public_json) == json::parse(full.public_json));
  CHECK(pub.tiers == full.tiers);
  REQUIRE(pub.plans.size() == full.plans.size());
  for (std::size_t i = 0; i < full.plans.size(); ++i) {
    CHECK(pub.plans[i].id == full.plans[i].id);
    CHECK(pub.plans[i].price.amount_cents == full.plans[i].price.amount_cents);
    CHECK(pub.plans[i].channels.size() == full.plans[i].channels.size());
    CHECK(pub.plans[i].policy_id == full.plans[i].policy_id);
    REQUIRE(pub.plans[i].policy != nullptr);
    CHECK(pub.plans[i].policy == pub.find_policy(full.plans[i].policy_id));  // points into pub
  }
  CHECK(pub.packages.size() == full.packages.size());
  CHECK(pub.addons.size() == full.addons.size());
  REQUIRE(pub.schedules.size() == full.schedules.size());
  for (std::size_t i = 0; i < full.schedules.size(); ++i) {
    const Schedule& a = full.schedules[i];
    const Schedule& b = pub.schedules[i];
    CHECK(b.id == a.id);
    CHECK(b.tz_name == a.tz_name);
    CHECK(b.name == a.name);
    CHECK(b.holidays == a.holidays);
    CHECK(b.is_always_open() == a.is_always_open());
    for (std::size_t d = 0; d < 7; ++d) {
      REQUIRE(b.weekly[d].size() == a.weekly[d].size());
      for (std::size_t k = 0; k < a.weekly[d].size(); ++k) {
        CHECK(b.weekly[d][k].open_minute == a.weekly[d][k].open_minute);
        CHECK(b.weekly[d][k].close_minute == a.weekly[d][k].close_minute);
      }
    }
  }
  for (std::size_t i = 0; i < full.policies.size(); ++i)
    for (std::size_t k = 0; k < 5; ++k) {
      const auto& a = full.policies[i].targets[k].first_response;
      const auto& b = pub.policies[i].targets[k].first_response;
      REQUIRE(b.has_value());
      CHECK(b->minutes == a->minutes);
      CHECK(b->clock == a->clock);
      CHECK(pub.policies[i].targets[k].follow_up.has_value() == full.policies[i].targets[k].follow_up.has_value());
    }
  CHECK(pub.booking.slot_minutes == full.booking.slot_minutes);
  CHECK(pub.booking.min_notice_minutes == full.booking.min_notice_minutes);
  CHECK(pub.booking.horizon_days == full.booking.horizon_days);
  CHECK(pub.booking.manager_schedule == nullptr);  // operator-only, not in the public part
  CHECK(pub.tier_rules.size() == full.tier_rules.size());
  CHECK(pub.severities.size() == 5);

  // The operator's file still needs its operator-only parts; the public document does not.
  json no_manager = json::parse(full.public_json);
  CHECK_THROWS_AS(load_catalog(no_manager.dump()), CatalogError);
  // And the public loader keeps every check: a broken schedule names the key at fault.
  no_manager["schedules"][0]["weekly"] = json::array();
  CHECK_THROWS_WITH_AS(load_public_catalog(no_manager.dump()),
                       "catalog: schedules[0].weekly: must list 7 days, Monday first", CatalogError);
}

TEST_CASE("catalog: a moved catalog keeps its resolved references") {
  Catalog a = load_catalog(read_asset("catalog.json"));
  const Policy* before = a.find_policy("premium_sla");
  Catalog b = std::move(a);
  CHECK(b.find_plan("premium")->policy == b.find_policy("premium_sla"));
  CHECK(b.find_policy("premium_sla") == before);
  CHECK(b.find_plan("basic")->channels[0].schedule == b.find_schedule("weekdays_9_18"));
}

TEST_CASE("catalog: each error names the key at fault") {
  CHECK(error_after([](json&) {}) == "");

  check_names("plans[1].price.amount_cents", [](json& d) { d["plans"][1]["price"]["amount_cents"] = -5; });
  check_names("plans[1].price.amount_cents", [](json& d) { d["plans"][1]["price"]["amount_cents"] = "19900"; });
  check_names("plans[1].price.amount_cents", [](json& d) { d["plans"][1]["price"]["amount_cents"] = 199.5; });
  check_names("plans[1].price.amount_cents", [](json& d) { d["plans"][1]["price"].erase("amount_cents"); });
  check_names("plans[0].price.currency", [](json& d) { d["plans"][0]["price"]["currency"] = "EURO"; });
  check_names("plans[0].price.period", [](json& d) { d["plans"][0]["price"]["period"] = "year"; });
  check_names("plans[0].price", [](json& d) { d["plans"][0]["price"] = 4900; });
  check_names("plans[2].rank", [](json& d) { d["plans"][2]["rank"] = 7; });
  check_names("plans[2].tier", [](json& d) { d["plans"][2]["tier"] = "gold"; });
  check_names("plans[0].name", [](json& d) { d["plans"][0].erase("name"); });
  check_names("plans[0].name", [](json& d) { d["plans"][0]["name"] = ""; });
  check_names("plans[3].policy", [](json& d) { d["plans"][3]["policy"] = "nope"; });
  check_names("plans[3].schedule", [](json& d) { d["plans"][3]["schedule"] = "nope"; });
  check_names("plans[0].channels[1].schedule", [](json& d) { d["plans"][0]["channels"][1]["schedule"] = "nope"; });
  check_names("plans[0].channels[2].id", [](json& d) { d["plans"][0]["channels"][2]["id"] = "email"; });
  check_names("plans[0].channels[0].name", [](json& d) { d["plans"][0]["channels"][0]["name"] = 3; });
  check_names("plans[0].channels", [](json& d) { d["plans"][0]["channels"] = "email"; });
  check_names("plans[3].personal_manager", [](json& d) { d["plans"][3]["personal_manager"] = "yes"; });
  check_names("plans[1].id", [](json& d) { d["plans"][1]["id"] = "basic"; });
  check_names("plans[1].rank", [](json& d) { std::swap(d["plans"][0], d["plans"][1]); });
  check_names("plans", [](json& d) { d["plans"].erase(3); });

  check_names("schedules[0].posix_tz", [](json& d) { d["schedules"][0]["posix_tz"] = "Europe/Berlin"; });
  check_names("schedules[0].tz", [](json& d) { d["schedules"][0].erase("tz"); });
  check_names("schedules[0].weekly", [](json& d) { d["schedules"][0]["weekly"].erase(6); });
  check_names("schedules[0].weekly", [](json& d) {
    d["schedules"][0]["weekly"] = json::array(
        {json::array(), json::array(), json::array(), json::array(), json::array(), json::array(), json::array()});
  });
  check_names("schedules[0].weekly[2][0].close", [](json& d) { d["schedules"][0]["weekly"][2][0]["close"] = "25:00"; });
  check_names("schedules[0].weekly[2][0].open", [](json& d) { d["schedules"][0]["weekly"][2][0]["open"] = "24:00"; });
  check_names("schedules[0].weekly[1][0]", [](json& d) {
    d["schedules"][0]["weekly"][1][0] = json::parse(R"({"open": "18:00", "close": "09:00"})");
  });
  check_names("schedules[0].weekly[1][1]", [](json& d) {
    d["schedules"][0]["weekly"][1].push_back(json::parse(R"({"open": "12:00", "close": "20:00"})"));
  });
  check_names("schedules[0].holidays[3]", [](json& d) { d["schedules"][0]["holidays"][3] = "2026-02-30"; });
  check_names("schedules[1].id", [](json& d) { d["schedules"][1]["id"] = d["schedules"][0]["id"]; });

  check_names("policies[1].targets[2].severity", [](json& d) { d["policies"][1]["targets"][2]["severity"] = 4; });
  check_names("policies[1].targets[2].first_response.clock",
              [](json& d) { d["policies"][1]["targets"][2]["first_response"]["clock"] = "wall"; });
  check_names("policies[1].targets[2].first_response.minutes",
              [](json& d) { d["policies"][1]["targets"][2]["first_response"]["minutes"] = -1; });
  check_names("policies[1].targets[2].first_response",
              [](json& d) { d["policies"][1]["targets"][2]["first_response"] = nullptr; });
  check_names("policies[1].targets[4].follow_up.minutes",
              [](json& d) { d["policies"][1]["targets"][4]["follow_up"].erase("minutes"); });
  check_names("policies[0].targets", [](json& d) { d["policies"][0]["targets"].erase(4); });
  check_names("policies[0].schedule", [](json& d) { d["policies"][0]["schedule"] = "nope"; });
  check_names("policies[2].id", [](json& d) { d["policies"][2]["id"] = "basic_sla"; });

  check_names("packages[0].tier", [](json& d) { d["packages"][0]["tier"] = "gold"; });
  check_names("packages[1].price.currency", [](json& d) { d["packages"][1]["price"]["currency"] = 978; });
  check_names("packages[1].policy", [](json& d) { d["packages"][1]["policy"] = "nope"; });
  check_names("packages", [](json& d) { d["packages"] = json::array(); });
  check_names("addons[0].requires_plan", [](json& d) { d["addons"][0]["requires_plan"] = "gold"; });
  check_names("addons[0].schedule", [](json& d) { d["addons"][0]["schedule"] = "nope"; });
  check_names("addons[0].channels[1].id", [](json& d) { d["addons"][0]["channels"][1]["id"] = "dedicated_chat"; });
  check_names("addons[0].id", [](json& d) { d["addons"][0]["id"] = "extended_support"; });
  check_names("addons", [](json& d) { d["addons"][0]["requires_plan"] = "priority"; });
  check_names("addons", [](json& d) { d["addons"][0]["id"] = "vip"; });
  check_names("addons", [](json& d) { d["addons"][0].erase("policy"); });

  check_names("tier_rules[0]", [](json& d) { d["tier_rules"][0].erase("min_tenure_months"); });
  check_names("tier_rules[1].tier", [](json& d) { d["tier_rules"][1]["tier"] = "gold"; });
  check_names("tier_rules[2].category", [](json& d) { d["tier_rules"][2]["category"] = ""; });
  check_names("tier_rules[0].min_tenure_months", [](json& d) { d["tier_rules"][0]["min_tenure_months"] = -3; });

  check_names("severities[2].severity", [](json& d) { d["severities"][2]["severity"] = 5; });
  check_names("severities[4].definition", [](json& d) { d["severities"][4].erase("definition"); });
  check_names("severities", [](json& d) { d["severities"].erase(0); });
  check_names("booking.slot_minutes", [](json& d) { d["booking"]["slot_minutes"] = 0; });
  check_names("booking.horizon_days", [](json& d) { d["booking"]["horizon_days"] = "21"; });
  check_names("booking.manager_schedule", [](json& d) { d["booking"]["manager_schedule"] = "nope"; });
  check_names("booking", [](json& d) { d.erase("booking"); });
  check_names("sessions.ttl_days", [](json& d) { d["sessions"]["ttl_days"] = 0; });
  check_names("requests.categories", [](json& d) { d["requests"]["categories"].erase(3); });
  check_names("requests.categories[1]", [](json& d) { d["requests"]["categories"][1] = 2; });
  check_names("tiers", [](json& d) { d.erase("tiers"); });
  check_names("tiers", [](json& d) { d["tiers"] = json::array(); });
  check_names("(top level)", [](json& d) { d = json::array(); });

  // Not JSON at all.
  CHECK_THROWS_WITH_AS(load_catalog("{\"plans\": ["), "catalog: not valid JSON", CatalogError);
  CHECK_THROWS_AS(load_catalog(""), CatalogError);
}
