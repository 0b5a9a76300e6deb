// Help and metrics through the router: KB search and articles in en/ru/bg, and /metrics moving
// with replies, resolutions and ratings.
#include <doctest/doctest.h>

#include "test_router_support.h"

using namespace portal;
using namespace portal::testing;

namespace {

std::vector<std::string> result_ids(const json& j) {
  std::vector<std::string> out;
  for (const json& r : j["results"]) out.push_back(r["id"]);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_CASE("router: KB search in en, ru and bg, articles, and their errors") {
  Api api;
  // No sign-in needed.
  const json en = ok(api, get(api, "/kb/search?q=dedicated+agent&lang=en"));
  CHECK(en["lang"] == "en");
  REQUIRE(!en["results"].empty());
  CHECK(has(result_ids(en), "dedicated-agent"));
  for (const json& r : en["results"]) {
    CHECK(r["title"].is_string());
    CHECK(r["snippet"].is_string());
    CHECK(r["score"].get<double>() > 0);
  }
  // Scores are ranked best first.
  for (std::size_t i = 1; i < en["results"].size(); ++i)
    CHECK(en["results"][i - 1]["score"].get<double>() >= en["results"][i]["score"].get<double>());
  CHECK(has(result_ids(ok(api, get(api, "/kb/search?q=dedicated+agent"))), "dedicated-agent"));  // lang defaults to en

  // Cyrillic, any case.
  const json ru = ok(api, get(api, "/kb/search?lang=ru&q=" + url_encode("ВЫДЕЛЕННЫЙ специалист")));
  CHECK(has(result_ids(ru), "dedicated-agent"));
  const json bg = ok(api, get(api, "/kb/search?lang=bg&q=" + url_encode("Специален СЛУЖИТЕЛ")));
  CHECK(has(result_ids(bg), "dedicated-agent"));
  CHECK(ok(api, get(api, "/kb/search?lang=ru&q=" + url_encode("праздничные")))["results"].size() >= 1);

  CHECK(ok(api, get(api, "/kb/search?q=&lang=en"))["results"] == json::array());
  CHECK(ok(api, get(api, "/kb/search?q=zzqqxxnonexistent&lang=en"))["results"] == json::array());
  CHECK(ok(api, get(api, "/kb/search?q=support&lang=en&limit=3"))["results"].size() <= 3);
  CHECK(error_of(api, get(api, "/kb/search?q=vpn&lang=xx"), 400)["field"] == "lang");
  CHECK(error_of(api, get(api, "/kb/search?q=vpn&lang=EN"), 400)["field"] == "lang");
  CHECK(error_of(api, get(api, "/kb/search?q=vpn&limit=0"), 400)["field"] == "limit");
  std::string long_query;
  for (int i = 0; i < 250; ++i) long_query += "я ";  // 500 characters, 750 bytes
  CHECK(get(api, "/kb/search?lang=ru&q=" + url_encode(long_query)).status == 200);
  CHECK(error_of(api, get(api, "/kb/search?lang=ru&q=" + url_encode(long_query + "я")), 400)["field"] == "q");

  // Articles: the list and one article in each language; 404 for an unknown id.
  const json list = ok(api, get(api, "/kb/articles?lang=bg"));
  CHECK(list["articles"].size() == real_kb().articles("bg").size());
  const json a = ok(api, get(api, "/kb/articles/dedicated-agent?lang=ru"));
  CHECK(a["id"] == "dedicated-agent");
  CHECK(a["title"] == "Услуга «Выделенный специалист»");
  CHECK(a["lang"] == "ru");
  CHECK(!a["body"].get<std::string>().empty());
  CHECK(ok(api, get(api, "/kb/articles/dedicated-agent"))["lang"] == "en");
  const json missing = error_of(api, get(api, "/kb/articles/no-such-article?lang=en"), 404);
  CHECK(missing["code"] == "not_found");
  CHECK(error_of(api, get(api, "/kb/articles/dedicated-agent?lang=xx"), 400)["field"] == "lang");
}

TEST_CASE("router: /metrics follows first responses, resolutions, SLA and ratings") {
  Api api;
  api.env.clock = at("2026-11-23T09:00:00Z");  // Monday 10:00 CET
  const std::string ana = api.register_customer("ana@example.com", "Acme");
  const std::string bob = api.register_customer("bob@example.com", "Other");
  const std::string agent = api.add_agent("l1@example.com", "L1");

  json m = ok(api, get(api, "/metrics", ana));
  CHECK(m["first_response_minutes"]["median"].is_null());
  CHECK(m["first_response_minutes"]["p90"].is_null());
  CHECK(m["resolution_minutes"]["median"].is_null());
  CHECK(m["sla_met_percent"].is_null());
  CHECK(m["csi"].is_null());
  CHECK(m["requests_total"] == 0);

  const std::string r1 = create_request(api, ana)["id"];
  const std::string r2 = create_request(api, ana)["id"];
  create_request(api, bob);  // another company: never in Ana's numbers
  m = ok(api, get(api, "/metrics", ana));
  CHECK(m["requests_total"] == 2);
  CHECK(m["requests_open"] == 2);
  CHECK(m["first_response_minutes"]["median"].is_null());

  // Replies after 30 and 90 minutes: median 60, p90 30 + 0.9 × 60 = 84.
  api.env.clock = at("2026-11-23T09:30:00Z");
  ok(api, post(api, "/requests/" + r1 + "/messages", {{"body", "Looking."}}, agent), 201);
  m = ok(api, get(api, "/metrics", ana));
  CHECK(m["first_response_minutes"]["median"] == 30.0);
  CHECK(m["first_response_minutes"]["count"] == 1);
  CHECK(m["sla_met_percent"] == 100.0);
  api.env.clock = at("2026-11-23T10:30:00Z");
  ok(api, post(api, "/requests/" + r2 + "/messages", {{"body", "Looking too."}}, agent), 201);
  m = ok(api, get(api, "/metrics", ana));
  CHECK(m["first_response_minutes"]["median"] == 60.0);
  CHECK(m["first_response_minutes"]["p90"].get<double>() == doctest::Approx(84.0));
  CHECK(m["first_response_minutes"]["count"] == 2);
  CHECK(m["sla_met_percent"] == 100.0);
  CHECK(m["sla_targets_decided"] == 2);

  // Resolution after 2 hours, then a 5-star rating: CSI 100; a 4-star one: mean 4.5 → 87.5.
  api.env.clock = at("2026-11-23T11:00:00Z");
  ok(api, post(api, "/requests/" + r1 + "/status", {{"status", "resolved"}}, agent));
  m = ok(api, get(api, "/metrics", ana));
  CHECK(m["resolution_minutes"]["median"] == 120.0);
  CHECK(m["csi"].is_null());
  ok(api, post(api, "/requests/" + r1 + "/rating", {{"score", 5}}, ana), 201);
  m = ok(api, get(api, "/metrics", ana));
  CHECK(m["csi"] == 100.0);
  CHECK(m["ratings"] == 1);
  ok(api, post(api, "/requests/" + r2 + "/status", {{"status", "resolved"}}, agent));
  ok(api, post(api, "/requests/" + r2 + "/rating", {{"score", 4}}, ana), 201);
  m = ok(api, get(api, "/metrics", ana));
  CHECK(m["csi"] == 87.5);
  CHECK(m["average_rating"] == 4.5);
  CHECK(m["requests_open"] == 0);

  // Bob's company: its own numbers only.
  const json mb = ok(api, get(api, "/metrics", bob));
  CHECK(mb["requests_total"] == 1);
  CHECK(mb["csi"].is_null());
  // The agent: over their queue (L1 requests of every company).
  const json ma = ok(api, get(api, "/metrics", agent));
  CHECK(ma["requests_total"] == 3);
  CHECK(ma["first_response_minutes"]["count"] == 2);
  CHECK(ma["csi"] == 87.5);
  REQUIRE(ma["weekly"].size() == 8);
  CHECK(ma["weekly"][7]["week_start"] == "2026-11-23T00:00:00Z");
  CHECK(ma["weekly"][7]["created"] == 3);
  CHECK(ma["weekly"][7]["resolved"] == 2);
}
