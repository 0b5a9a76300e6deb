// The Store contract (shared/domain/store.h): checks every implementation must pass.
//
//   TEST_CASE("MemoryStore meets the Store contract") {
//     portal::contract::check_store_contract([] { return std::make_unique<portal::MemoryStore>(); });
//   }
//
// Uses doctest SUBCASEs: the test case runs once per subcase, and each run asks make_store for a
// fresh, empty store. Single-threaded and file-system free, so it also runs under wasm.
// What is left to the implementation is not checked: the order of company_customers, agents,
// requests_for_metrics and agent_bookings (compared as sets), and the order of equal starts in
// company_bookings.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/store.h"

namespace portal::contract {

struct Abort {};  // a non-std exception thrown out of a write

inline std::string bytes(const char* data, std::size_t size) { return std::string(data, size); }

inline Company make_company(const std::string& id, const std::string& manager = "", const std::string& dedicated = "") {
  Company c;
  c.id = id;
  c.name = "Company " + id;
  c.plan = "premium";
  c.packages = {"pkg_a", "pkg_b"};
  c.addons = {"dedicated_agent"};
  c.pending_plan = "standard";
  c.period_start = 1'790'000'000;
  c.period_end = 1'792'600'000;
  c.category = "vip";
  c.customer_since = 1'600'000'000;
  c.monthly_volume_cents = 12'345'678'901;
  c.manager_id = manager;
  c.dedicated_agent_id = dedicated;
  return c;
}

inline Customer make_customer(const std::string& id, const std::string& company, const std::string& email) {
  Customer c;
  c.id = id;
  c.company_id = company;
  c.email = email;
  c.name = "Name of " + id;
  c.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$" + id;
  c.created_at = 1'700'000'000;
  return c;
}

inline Agent make_agent(const std::string& id, const std::string& email, const std::string& level = "L2") {
  Agent a;
  a.id = id;
  a.email = email;
  a.name = "Agent " + id;
  a.level = parse_level(level).value();
  a.password_hash = "hash-" + id;
  a.created_at = 1'700'000'100;
  return a;
}

inline Message make_message(const std::string& id, const std::string& kind, const std::string& body, Instant at) {
  Message m;
  m.id = id;
  m.author_kind = kind;
  m.author_id = kind + "-1";
  m.author_name = "Author " + id;
  m.body = body;
  m.created_at = at;
  return m;
}

inline Request make_request(const std::string& id, std::int64_t number, const std::string& company, Instant created,
                            const std::string& subject, const std::string& description,
                            const std::string& status = "new", const std::string& level = "L1",
                            const std::string& assignee = "", Instant fr_due = 0) {
  Request r;
  r.id = id;
  r.number = number;
  r.company_id = company;
  r.customer_id = "cust-" + company;
  r.subject = subject;
  r.description = description;
  r.severity = 2;
  r.category = "technical";
  r.status = parse_request_status(status).value();
  r.level = parse_level(level).value();
  r.assignee_id = assignee;
  r.created_at = created;
  r.updated_at = created + 5;
  r.first_response.started_at = created;
  r.first_response.due = fr_due ? fr_due : created + 3600;
  r.first_response.policy_id = "policy-basic";
  r.first_response.target = Target{60, Clock::kBusiness};
  return r;
}

inline Booking make_booking(const std::string& id, const std::string& agent, Instant start,
                            const std::string& company = "co1") {
  Booking b;
  b.id = id;
  b.company_id = company;
  b.customer_id = "cust-" + company;
  b.agent_id = agent;
  b.start = start;
  b.end = start + 1800;
  b.topic = "support";
  b.note = "note " + id;
  b.status = "booked";
  b.sequence = 0;
  b.created_at = 1'790'000'000;
  b.updated_at = 1'790'000'000;
  return b;
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(item.id);
  return out;
}
template <class T>
std::vector<std::string> sorted_ids(const std::vector<T>& items) {
  auto out = ids_of(items);
  std::sort(out.begin(), out.end());
  return out;
}
inline std::vector<std::string> ids(std::initializer_list<const char*> list) {
  return std::vector<std::string>(list.begin(), list.end());
}

inline void check_same_clock(const SlaClock& a, const SlaClock& b) {
  CHECK(a.started_at == b.started_at);
  CHECK(a.due == b.due);
  CHECK(a.met_at == b.met_at);
  CHECK(a.policy_id == b.policy_id);
  CHECK(a.target.minutes == b.target.minutes);
  CHECK(a.target.clock == b.target.clock);
}

inline void check_same_request(const Request& a, const Request& b, bool with_messages = true) {
  CHECK(a.id == b.id);
  CHECK(a.number == b.number);
  CHECK(a.company_id == b.company_id);
  CHECK(a.customer_id == b.customer_id);
  CHECK(a.subject == b.subject);
  CHECK(a.description == b.description);
  CHECK(a.severity == b.severity);
  CHECK(a.category == b.category);
  CHECK(a.address == b.address);
  CHECK(a.status == b.status);
  CHECK(a.level == b.level);
  CHECK(a.assignee_id == b.assignee_id);
  CHECK(a.created_at == b.created_at);
  CHECK(a.updated_at == b.updated_at);
  CHECK(a.resolved_at == b.resolved_at);
  CHECK(a.closed_at == b.closed_at);
  check_same_clock(a.first_response, b.first_response);
  REQUIRE(a.follow_up.has_value() == b.follow_up.has_value());
  if (a.follow_up) check_same_clock(*a.follow_up, *b.follow_up);
  CHECK(a.follow_ups_met == b.follow_ups_met);
  CHECK(a.follow_ups_breached == b.follow_ups_breached);
  REQUIRE(a.rating.has_value() == b.rating.has_value());
  if (a.rating) {
    CHECK(a.rating->score == b.rating->score);
    CHECK(a.rating->comment == b.rating->comment);
    CHECK(a.rating->created_at == b.rating->created_at);
  }
  CHECK(a.next_due() == b.next_due());
  if (!with_messages) return;
  REQUIRE(a.messages.size() == b.messages.size());
  for (std::size_t i = 0; i < a.messages.size(); ++i) {
    CHECK(a.messages[i].id == b.messages[i].id);
    CHECK(a.messages[i].author_kind == b.messages[i].author_kind);
    CHECK(a.messages[i].author_id == b.messages[i].author_id);
    CHECK(a.messages[i].author_name == b.messages[i].author_name);
    CHECK(a.messages[i].body == b.messages[i].body);
    CHECK(a.messages[i].created_at == b.messages[i].created_at);
  }
}

inline void check_same_booking(const Booking& a, const Booking& b) {
  CHECK(a.id == b.id);
  CHECK(a.company_id == b.company_id);
  CHECK(a.customer_id == b.customer_id);
  CHECK(a.agent_id == b.agent_id);
  CHECK(a.start == b.start);
  CHECK(a.end == b.end);
  CHECK(a.topic == b.topic);
  CHECK(a.note == b.note);
  CHECK(a.status == b.status);
  CHECK(a.sequence == b.sequence);
  CHECK(a.created_at == b.created_at);
  CHECK(a.updated_at == b.updated_at);
}

// The requests of the list_requests checks (see the table in the subcase).
inline std::vector<Request> list_fixture() {
  std::vector<Request> rs;
  Request r1 = make_request("r1", 1, "A", 100, "Printer broken", "Paper jam in tray 2", "new", "L1", "", 1000);
  r1.messages = {make_message("m1", "customer", "first", 100), make_message("m2", "agent", "second", 110)};
  rs.push_back(r1);
  rs.push_back(make_request("r2", 2, "A", 200, "Принтер не печатает", "Ошибка драйвера", "open", "L2", "", 500));
  Request r3 =
      make_request("r3", 3, "A", 300, "Invoice question", "Where is my ПРИНТЕР invoice", "pending", "L1", "ag9", 900);
  r3.first_response.met_at = 350;
  r3.follow_up = SlaClock{360, 700, std::nullopt, "policy-basic", Target{120, Clock::kCalendar}};
  rs.push_back(r3);
  Request r4 = make_request("r4", 4, "A", 400, "VPN", "cannot connect", "resolved", "L1", "", 450);
  r4.resolved_at = 460;
  rs.push_back(r4);
  rs.push_back(make_request("r5", 5, "A", 500, "Ёлка", "Новогодняя", "new", "L3", "", 300));
  rs.push_back(make_request("r6", 6, "B", 150, "Printer B", "toner", "new", "L1", "", 200));
  rs.push_back(make_request("r7", 7, "B", 250, "Other", "misc", "closed", "L2", "ag9", 260));
  return rs;
}

}  // namespace portal::contract
#include "store_contract_queue.h"
namespace portal::contract {

inline void check_store_contract(const std::function<std::unique_ptr<Store>()>& make_store) {
  std::unique_ptr<Store> owned = make_store();
  REQUIRE(owned);
  Store& store = *owned;

  SUBCASE("sequences count from 1 per name, inside and across transactions") {
    std::vector<std::int64_t> got;
    store.write([&](StoreTx& tx) {
      got.push_back(tx.next_sequence("requests"));
      got.push_back(tx.next_sequence("requests"));
      got.push_back(tx.next_sequence("other"));
    });
    store.write([&](StoreTx& tx) { got.push_back(tx.next_sequence("requests")); });
    CHECK(got == std::vector<std::int64_t>{1, 2, 1, 3});
  }

  SUBCASE("companies: put, get, replace") {
    store.read([&](StoreTx& tx) { CHECK_FALSE(tx.company("co1").has_value()); });
    const Company c = make_company("co1", "ag1", "ag2");
    store.write([&](StoreTx& tx) { tx.put_company(c); });
    store.read([&](StoreTx& tx) {
      auto got = tx.company("co1");
      REQUIRE(got.has_value());
      CHECK(got->id == c.id);
      CHECK(got->name == c.name);
      CHECK(got->plan == c.plan);
      CHECK(got->packages == c.packages);
      CHECK(got->addons == c.addons);
      CHECK(got->pending_plan == c.pending_plan);
      CHECK(got->period_start == c.period_start);
      CHECK(got->period_end == c.period_end);
      CHECK(got->category == c.category);
      CHECK(got->customer_since == c.customer_since);
      CHECK(got->monthly_volume_cents == c.monthly_volume_cents);
      CHECK(got->manager_id == c.manager_id);
      CHECK(got->dedicated_agent_id == c.dedicated_agent_id);
    });
    Company changed = c;
    changed.plan = "basic";
    changed.packages = {};
    changed.addons = {"x", "y", "z"};
    changed.pending_plan = "";
    changed.dedicated_agent_id = "";
    store.write([&](StoreTx& tx) { tx.put_company(changed); });
    store.read([&](StoreTx& tx) {
      auto got = tx.company("co1");
      REQUIRE(got.has_value());
      CHECK(got->plan == "basic");
      CHECK(got->packages.empty());
      CHECK(got->addons == std::vector<std::string>{"x", "y", "z"});
      CHECK(got->pending_plan.empty());
      CHECK(got->dedicated_agent_id.empty());
      CHECK(got->manager_id == "ag1");
    });
  }

  SUBCASE("company ids: every company, by name then id") {
    store.read([&](StoreTx& tx) { CHECK(tx.company_ids().empty()); });
    store.write([&](StoreTx& tx) {
      Company b = make_company("co_b");
      b.name = "Beta";
      Company a2 = make_company("co_z");
      a2.name = "Alpha";
      Company a1 = make_company("co_y");
      a1.name = "Alpha";
      tx.put_company(b);
      tx.put_company(a2);
      tx.put_company(a1);
    });
    store.read([&](StoreTx& tx) { CHECK(tx.company_ids() == std::vector<std::string>{"co_y", "co_z", "co_b"}); });
  }

  SUBCASE("customers: insert, get, by email, duplicates refused, per company") {
    store.write([&](StoreTx& tx) {
      tx.put_company(make_company("co1"));
      tx.put_company(make_company("co2"));
      CHECK(tx.insert_customer(make_customer("cu1", "co1", "ann@example.com")));
      CHECK(tx.insert_customer(make_customer("cu4", "co1", "dan@example.com")));
      CHECK(tx.insert_customer(make_customer("cu5", "co2", "eve@example.com")));
      CHECK(tx.insert_agent(make_agent("ag1", "bob@example.com")));
    });
    store.write([&](StoreTx& tx) {
      CHECK_FALSE(tx.insert_customer(make_customer("cu2", "co1", "ann@example.com")));  // customer's email
      CHECK_FALSE(tx.insert_customer(make_customer("cu3", "co1", "bob@example.com")));  // agent's email
      CHECK_FALSE(tx.insert_customer(make_customer("cu1", "co2", "new@example.com")));  // same id
    });
    store.read([&](StoreTx& tx) {
      auto got = tx.customer("cu1");
      REQUIRE(got.has_value());
      const Customer want = make_customer("cu1", "co1", "ann@example.com");
      CHECK(got->company_id == want.company_id);
      CHECK(got->email == want.email);
      CHECK(got->name == want.name);
      CHECK(got->password_hash == want.password_hash);
      CHECK(got->created_at == want.created_at);
      CHECK_FALSE(tx.customer("cu2").has_value());
      CHECK_FALSE(tx.customer("cu3").has_value());
      CHECK_FALSE(tx.customer_by_email("new@example.com").has_value());
      auto by_email = tx.customer_by_email("ann@example.com");
      REQUIRE(by_email.has_value());
      CHECK(by_email->id == "cu1");
      auto upper = tx.customer_by_email("ANN@Example.COM");  // looked up lower-cased
      REQUIRE(upper.has_value());
      CHECK(upper->id == "cu1");
      CHECK_FALSE(tx.customer_by_email("bob@example.com").has_value());  // an agent, not a customer
      CHECK(sorted_ids(tx.company_customers("co1")) == ids({"cu1", "cu4"}));
      CHECK(sorted_ids(tx.company_customers("co2")) == ids({"cu5"}));
      CHECK(tx.company_customers("nope").empty());
    });
  }

  SUBCASE("agents: insert, get, by email, list, load") {
    store.write([&](StoreTx& tx) {
      CHECK(tx.insert_customer(make_customer("cu1", "co1", "ann@example.com")));
      CHECK(tx.insert_agent(make_agent("ag1", "bob@example.com", "L1")));
      CHECK(tx.insert_agent(make_agent("ag2", "carl@example.com", "L3")));
      CHECK_FALSE(tx.insert_agent(make_agent("ag3", "bob@example.com")));  // agent's email
      CHECK_FALSE(tx.insert_agent(make_agent("ag4", "ann@example.com")));  // customer's email
      CHECK_FALSE(tx.insert_agent(make_agent("ag1", "zed@example.com")));  // same id
      tx.put_company(make_company("c1", "ag1", ""));
      tx.put_company(make_company("c2", "ag1", "ag1"));  // counted once
      tx.put_company(make_company("c3", "ag2", "ag1"));
      tx.put_company(make_company("c4", "", ""));
    });
    store.read([&](StoreTx& tx) {
      auto a = tx.agent("ag2");
      REQUIRE(a.has_value());
      CHECK(a->email == "carl@example.com");
      CHECK(a->name == "Agent ag2");
      CHECK(a->level == Level::kL3);
      CHECK(a->password_hash == "hash-ag2");
      CHECK(a->created_at == 1'700'000'100);
      CHECK_FALSE(tx.agent("ag3").has_value());
      CHECK_FALSE(tx.agent("ag4").has_value());
      auto by_email = tx.agent_by_email("BOB@example.com");
      REQUIRE(by_email.has_value());
      CHECK(by_email->id == "ag1");
      CHECK(by_email->level == Level::kL1);
      CHECK_FALSE(tx.agent_by_email("ann@example.com").has_value());
      CHECK(sorted_ids(tx.agents()) == ids({"ag1", "ag2"}));
      CHECK(tx.agent_load("ag1") == 3);
      CHECK(tx.agent_load("ag2") == 1);
      CHECK(tx.agent_load("ag9") == 0);
    });
    // update_agent: name, level and password by id; the email stays; an unknown id changes nothing.
    Agent changed = make_agent("ag2", "other@example.com", "L1");
    changed.name = "Carl Changed";
    changed.password_hash = "hash-new";
    store.write([&](StoreTx& tx) {
      CHECK(tx.update_agent(changed));
      CHECK_FALSE(tx.update_agent(make_agent("ag9", "nine@example.com")));
    });
    store.read([&](StoreTx& tx) {
      auto a = tx.agent("ag2");
      REQUIRE(a.has_value());
      CHECK(a->email == "carl@example.com");
      CHECK(a->name == "Carl Changed");
      CHECK(a->level == Level::kL1);
      CHECK(a->password_hash == "hash-new");
      CHECK(a->created_at == 1'700'000'100);
      CHECK_FALSE(tx.agent("ag9").has_value());
      CHECK_FALSE(tx.agent_by_email("other@example.com").has_value());
    });
  }

  SUBCASE("sessions: put, get, replace, delete") {
    Session s1{"hash1", PrincipalKind::kCustomer, "cu1", 100, 200};
    Session s2{"hash2", PrincipalKind::kAgent, "ag1", 110, 210};
    store.write([&](StoreTx& tx) {
      tx.put_session(s1);
      tx.put_session(s2);
    });
    store.read([&](StoreTx& tx) {
      auto got = tx.session("hash2");
      REQUIRE(got.has_value());
      CHECK(got->token_hash == "hash2");
      CHECK(got->kind == PrincipalKind::kAgent);
      CHECK(got->principal_id == "ag1");
      CHECK(got->created_at == 110);
      CHECK(got->expires_at == 210);
      auto first = tx.session("hash1");
      REQUIRE(first.has_value());
      CHECK(first->kind == PrincipalKind::kCustomer);
      CHECK_FALSE(tx.session("hash3").has_value());
    });
    s1.expires_at = 999;
    store.write([&](StoreTx& tx) { tx.put_session(s1); });
    store.read([&](StoreTx& tx) { CHECK(tx.session("hash1")->expires_at == 999); });
    store.write([&](StoreTx& tx) {
      tx.delete_session("hash1");
      tx.delete_session("never-there");
    });
    store.read([&](StoreTx& tx) {
      CHECK_FALSE(tx.session("hash1").has_value());
      CHECK(tx.session("hash2").has_value());
    });
    // Everywhere at once: every session of one principal, no other.
    store.write([&](StoreTx& tx) {
      tx.put_session({"hash3", PrincipalKind::kAgent, "ag1", 120, 220});
      tx.put_session({"hash4", PrincipalKind::kAgent, "ag2", 130, 230});
      CHECK(tx.delete_sessions_of("ag1") == 2);
      CHECK(tx.delete_sessions_of("ag1") == 0);
    });
    store.read([&](StoreTx& tx) {
      CHECK_FALSE(tx.session("hash2").has_value());
      CHECK_FALSE(tx.session("hash3").has_value());
      CHECK(tx.session("hash4").has_value());
    });
  }

  SUBCASE("sessions: browser and last use, list of one principal, touch, purge of the expired") {
    store.write([&](StoreTx& tx) {
      Session a{"sa", PrincipalKind::kCustomer, "cu9", 100, 1000};
      a.last_used_at = 100;
      a.user_agent = "Firefox/130";
      tx.put_session(a);
      tx.put_session({"sb", PrincipalKind::kCustomer, "cu9", 50, 150});
      tx.put_session({"sc", PrincipalKind::kCustomer, "cu8", 60, 2000});
    });
    store.read([&](StoreTx& tx) {
      const auto mine = tx.sessions_of("cu9");
      REQUIRE(mine.size() == 2);
      CHECK(mine[0].token_hash == "sb");  // oldest first
      CHECK(mine[1].user_agent == "Firefox/130");
      CHECK(mine[1].last_used_at == 100);
      CHECK(tx.sessions_of("nobody").empty());
    });
    store.write([&](StoreTx& tx) {
      tx.touch_session("sa", 500);
      tx.touch_session("gone", 500);
      CHECK(tx.purge_expired_sessions(150) == 1);  // sb: expires_at <= now
      CHECK(tx.purge_expired_sessions(150) == 0);
    });
    store.read([&](StoreTx& tx) {
      CHECK(tx.session("sa")->last_used_at == 500);
      CHECK_FALSE(tx.session("sb").has_value());
      CHECK(tx.session("sc").has_value());
    });
  }

  SUBCASE("secrets: the first value stays") {
    std::string got;
    store.write([&](StoreTx& tx) { got = tx.keep_secret("k", "first"); });
    CHECK(got == "first");
    store.write([&](StoreTx& tx) { got = tx.keep_secret("k", "second"); });
    CHECK(got == "first");
    store.read([&](StoreTx& tx) { (void)tx; });
  }

  SUBCASE("customers: a new password hash") {
    store.write([&](StoreTx& tx) {
      tx.put_company(make_company("co5"));
      REQUIRE(tx.insert_customer(Customer{"cu5", "co5", "five@example.com", "Five", "old-hash", 10}));
      CHECK(tx.set_customer_password("cu5", "new-hash"));
      CHECK_FALSE(tx.set_customer_password("cu-none", "x"));
    });
    store.read([&](StoreTx& tx) { CHECK(tx.customer("cu5")->password_hash == "new-hash"); });
  }

  SUBCASE("requests: insert with messages, get, update appends messages") {
    Request r = make_request("req1", 41, "co1", 1000, "Subject", "Description", "open", "L2", "ag7");
    r.severity = 1;
    r.category = "onsite";
    r.address = "Hauptstraße 1, Berlin";
    r.first_response.met_at = 1500;
    r.follow_up = SlaClock{1600, 5200, std::nullopt, "policy-vip", Target{60, Clock::kCalendar}};
    r.follow_ups_met = 2;
    r.follow_ups_breached = 1;
    r.messages = {make_message("m1", "customer", "Hello", 1000), make_message("m2", "agent", "Hi", 1500),
                  make_message("m3", "customer", "More", 1600)};
    Request plain = make_request("req2", 42, "co1", 1100, "Plain", "No clocks met");
    store.read([&](StoreTx& tx) { CHECK_FALSE(tx.request("req1").has_value()); });
    store.write([&](StoreTx& tx) {
      tx.insert_request(r);
      tx.insert_request(plain);
    });
    store.read([&](StoreTx& tx) {
      auto got = tx.request("req1");
      REQUIRE(got.has_value());
      check_same_request(*got, r);
      auto got_plain = tx.request("req2");
      REQUIRE(got_plain.has_value());
      check_same_request(*got_plain, plain);
      CHECK_FALSE(got_plain->follow_up.has_value());
      CHECK_FALSE(got_plain->rating.has_value());
      CHECK_FALSE(got_plain->resolved_at.has_value());
      CHECK(got_plain->messages.empty());
    });
    // The router's way: read in the transaction, change, append a message, update.
    Request want;
    store.write([&](StoreTx& tx) {
      auto cur = tx.request("req1");
      REQUIRE(cur.has_value());
      cur->messages.push_back(make_message("m4", "agent", "Fixed", 2000));
      cur->status = RequestStatus::kResolved;
      cur->level = Level::kL3;
      cur->assignee_id = "ag8";
      cur->updated_at = 2000;
      cur->resolved_at = 2000;
      cur->follow_up->met_at = 2000;
      cur->follow_ups_met = 3;
      cur->rating = Rating{5, "Спасибо!", 2100};
      tx.update_request(*cur);
      want = *cur;
      auto inside = tx.request("req1");  // a transaction reads its own writes
      REQUIRE(inside.has_value());
      CHECK(inside->messages.size() == 4);
    });
    store.read([&](StoreTx& tx) {
      auto got = tx.request("req1");
      REQUIRE(got.has_value());
      check_same_request(*got, want);
      CHECK(ids_of(got->messages) == ids({"m1", "m2", "m3", "m4"}));
      CHECK_FALSE(got->next_due().has_value());
    });
    // Fields only, no new message.
    store.write([&](StoreTx& tx) {
      auto cur = tx.request("req1");
      cur->status = RequestStatus::kClosed;
      cur->closed_at = 3000;
      tx.update_request(*cur);
    });
    store.read([&](StoreTx& tx) {
      auto got = tx.request("req1");
      CHECK(got->status == RequestStatus::kClosed);
      CHECK(got->closed_at == std::optional<Instant>(3000));
      CHECK(got->messages.size() == 4);
    });
  }

  SUBCASE("list_requests: filters, text, paging, order") {
    //  id  co  created  status    level  assignee  next_due  text
    //  r1  A   100      new       L1               1000      Printer broken / Paper jam in tray 2
    //  r2  A   200      open      L2               500       Принтер не печатает / Ошибка драйвера
    //  r3  A   300      pending   L1     ag9       700 (fu)  Invoice question / Where is my ПРИНТЕР invoice
    //  r4  A   400      resolved  L1               -         VPN / cannot connect
    //  r5  A   500      new       L3               300       Ёлка / Новогодняя
    //  r6  B   150      new       L1               200       Printer B / toner
    //  r7  B   250      closed    L2     ag9       -         Other / misc
    const auto fixture = list_fixture();
    store.write([&](StoreTx& tx) {
      for (const Request& r : fixture) tx.insert_request(r);
    });
    auto list = [&](RequestQuery q) {
      RequestPage page;
      store.read([&](StoreTx& tx) { page = tx.list_requests(q); });
      return page;
    };
    RequestQuery a;
    a.company_id = "A";

    auto page = list(a);
    CHECK(page.total == 5);
    CHECK(ids_of(page.requests) == ids({"r5", "r4", "r3", "r2", "r1"}));
    for (const Request& r : page.requests) CHECK(r.messages.empty());
    check_same_request(page.requests[4], fixture[0], /*with_messages=*/false);
    check_same_request(page.requests[2], fixture[2], false);

    RequestQuery paged = a;
    paged.offset = 1;
    paged.limit = 2;
    page = list(paged);
    CHECK(page.total == 5);
    CHECK(ids_of(page.requests) == ids({"r4", "r3"}));
    paged.offset = 4;
    page = list(paged);
    CHECK(ids_of(page.requests) == ids({"r1"}));
    paged.offset = 10;
    page = list(paged);
    CHECK(page.total == 5);
    CHECK(page.requests.empty());
    paged.offset = 0;
    paged.limit = 0;
    page = list(paged);
    CHECK(page.total == 5);
    CHECK(page.requests.empty());

    page = list(RequestQuery{});
    CHECK(page.total == 7);
    CHECK(ids_of(page.requests) == ids({"r5", "r4", "r3", "r7", "r2", "r6", "r1"}));

    RequestQuery st = a;
    st.statuses = {RequestStatus::kNew, RequestStatus::kOpen};
    CHECK(ids_of(list(st).requests) == ids({"r5", "r2", "r1"}));
    RequestQuery closed;
    closed.statuses = {RequestStatus::kClosed};
    page = list(closed);
    CHECK(page.total == 1);
    CHECK(ids_of(page.requests) == ids({"r7"}));

    auto text = [&](const std::string& query, const std::string& company = "") {
      RequestQuery q;
      q.company_id = company;
      q.text = query;
      return ids_of(list(q).requests);
    };
    CHECK(text("printer") == ids({"r6", "r1"}));
    CHECK(text("PRINT") == ids({"r6", "r1"}));    // a word prefix, any case
    CHECK(text("принтер") == ids({"r3", "r2"}));  // subject or description, Cyrillic case
    CHECK(text("ПРИН") == ids({"r3", "r2"}));
    CHECK(text("принтер", "A") == ids({"r3", "r2"}));
    CHECK(text("елка") == ids({"r5"}));             // ё folds to е
    CHECK(text("новогодняя ЁЛКА") == ids({"r5"}));  // every word, subject and description
    CHECK(text("printer tray") == ids({"r1"}));     // subject word + description word
    CHECK(text("paper jam") == ids({"r1"}));
    CHECK(text("nothing-like-this").empty());
    CHECK(text("toner", "A").empty());

    RequestQuery combo = a;
    combo.text = "принтер";
    combo.statuses = {RequestStatus::kOpen};
    page = list(combo);
    CHECK(page.total == 1);
    CHECK(ids_of(page.requests) == ids({"r2"}));

    // An agent's queue: level == agent_level OR assignee == agent, earliest next_due first, none last.
    RequestQuery queue;
    queue.agent_id = "ag9";
    queue.agent_level = Level::kL1;
    queue.queue_order = true;
    page = list(queue);
    CHECK(page.total == 5);
    CHECK(ids_of(page.requests) == ids({"r6", "r3", "r1", "r4", "r7"}));
    queue.statuses = {RequestStatus::kNew, RequestStatus::kOpen, RequestStatus::kPending};
    page = list(queue);
    CHECK(page.total == 3);
    CHECK(ids_of(page.requests) == ids({"r6", "r3", "r1"}));
    queue.limit = 1;
    queue.offset = 1;
    page = list(queue);
    CHECK(page.total == 3);
    CHECK(ids_of(page.requests) == ids({"r3"}));

    RequestQuery l2;
    l2.agent_id = "agX";
    l2.agent_level = Level::kL2;
    l2.queue_order = true;
    CHECK(ids_of(list(l2).requests) == ids({"r2", "r7"}));
    RequestQuery all_queue;
    all_queue.queue_order = true;
    CHECK(ids_of(list(all_queue).requests) == ids({"r6", "r5", "r2", "r3", "r1", "r4", "r7"}));

    // next_due follows updates (the first response met, no follow-up: no due time left).
    store.write([&](StoreTx& tx) {
      auto r6 = tx.request("r6");
      r6->first_response.met_at = 180;
      tx.update_request(*r6);
    });
    queue.limit = 50;
    queue.offset = 0;
    CHECK(ids_of(list(queue).requests) == ids({"r3", "r1", "r6"}));
  }

  SUBCASE("list_requests: the agents' queue filters and search") { check_queue_filters(store, list_fixture()); }

  SUBCASE("requests_for_metrics: per company or all, without messages") {
    const auto fixture = list_fixture();
    store.write([&](StoreTx& tx) {
      for (const Request& r : fixture) tx.insert_request(r);
    });
    store.read([&](StoreTx& tx) {
      auto a = tx.requests_for_metrics("A");
      CHECK(sorted_ids(a) == ids({"r1", "r2", "r3", "r4", "r5"}));
      for (const Request& r : a) {
        CHECK(r.messages.empty());
        if (r.id == "r3") check_same_request(r, fixture[2], false);
      }
      CHECK(sorted_ids(tx.requests_for_metrics("")) == ids({"r1", "r2", "r3", "r4", "r5", "r6", "r7"}));
      CHECK(tx.requests_for_metrics("Z").empty());
    });
  }

  SUBCASE("bookings: one active booking per agent and start") {
    const Booking b1 = make_booking("b1", "agA", 10'000);
    store.write([&](StoreTx& tx) {
      CHECK(tx.insert_booking(b1));
      CHECK_FALSE(tx.insert_booking(make_booking("b2", "agA", 10'000)));  // slot taken
      CHECK(tx.insert_booking(make_booking("b3", "agB", 10'000)));        // another agent
      CHECK(tx.insert_booking(make_booking("b4", "agA", 11'800)));        // the next slot
      CHECK(tx.insert_booking(make_booking("b9", "agA", 50'000, "co2")));
    });
    store.write([&](StoreTx& tx) {
      CHECK_FALSE(tx.insert_booking(make_booking("b2", "agA", 10'000)));  // still taken, next tx
    });
    store.read([&](StoreTx& tx) {
      auto got = tx.booking("b1");
      REQUIRE(got.has_value());
      check_same_booking(*got, b1);
      CHECK_FALSE(tx.booking("b2").has_value());
    });

    // Reschedule into a taken slot: refused, nothing changed. Into a free one: moved.
    Booking moved = b1;
    moved.start = 11'800;
    moved.end = 13'600;
    moved.sequence = 1;
    store.write([&](StoreTx& tx) { CHECK_FALSE(tx.update_booking(moved)); });
    store.read([&](StoreTx& tx) { check_same_booking(*tx.booking("b1"), b1); });
    moved.start = 20'000;
    moved.end = 21'800;
    moved.note = "moved";
    moved.updated_at = 1'790'000'500;
    store.write([&](StoreTx& tx) { CHECK(tx.update_booking(moved)); });
    store.read([&](StoreTx& tx) { check_same_booking(*tx.booking("b1"), moved); });
    // The old slot is free again.
    store.write([&](StoreTx& tx) { CHECK(tx.insert_booking(make_booking("b2", "agA", 10'000))); });

    // Cancelling frees the slot; the cancelled booking cannot come back into a taken slot.
    Booking cancelled = *[&] {
      std::optional<Booking> b;
      store.read([&](StoreTx& tx) { b = tx.booking("b3"); });
      return b;
    }();
    cancelled.status = "cancelled";
    cancelled.sequence = 1;
    store.write([&](StoreTx& tx) {
      CHECK(tx.update_booking(cancelled));
      CHECK(tx.insert_booking(make_booking("b5", "agB", 10'000)));
    });
    Booking revived = cancelled;
    revived.status = "booked";
    store.write([&](StoreTx& tx) { CHECK_FALSE(tx.update_booking(revived)); });
    store.read([&](StoreTx& tx) {
      CHECK(tx.booking("b3")->status == "cancelled");
      CHECK(tx.booking("b5")->status == "booked");

      // company_bookings: all of them, cancelled too, by start.
      auto company = tx.company_bookings("co1");
      CHECK(sorted_ids(company) == ids({"b1", "b2", "b3", "b4", "b5"}));
      for (std::size_t i = 1; i < company.size(); ++i) CHECK(company[i - 1].start <= company[i].start);
      CHECK(ids_of(tx.company_bookings("co2")) == ids({"b9"}));
      CHECK(tx.company_bookings("none").empty());

      // agent_bookings: active ones overlapping [from, to).
      CHECK(sorted_ids(tx.agent_bookings("agA", 0, 100'000)) == ids({"b1", "b2", "b4", "b9"}));
      CHECK(tx.agent_bookings("agA", 0, 10'000).empty());  // ends at its start
      CHECK(sorted_ids(tx.agent_bookings("agA", 9'999, 10'001)) == ids({"b2"}));
      CHECK(sorted_ids(tx.agent_bookings("agA", 11'800, 11'801)) == ids({"b4"}));  // b2 ends at 11'800
      CHECK(sorted_ids(tx.agent_bookings("agA", 11'799, 11'801)) == ids({"b2", "b4"}));
      CHECK(tx.agent_bookings("agA", 13'600, 20'000).empty());
      CHECK(sorted_ids(tx.agent_bookings("agB", 0, 100'000)) == ids({"b5"}));  // b3 cancelled
      CHECK(tx.agent_bookings("agC", 0, 100'000).empty());
    });
  }

  SUBCASE("chats: put, read back with messages, lists oldest waiting first, availability") {
    auto make_chat = [](const std::string& id, const std::string& customer, const std::string& status, Instant since) {
      Chat c;
      c.id = id;
      c.company_id = "co1";
      c.customer_id = customer;
      c.customer_name = "Анна Ünïcödé";
      c.status = status;
      c.created_at = c.waiting_since = c.updated_at = since;
      c.messages = {make_message(id + "m1", "customer", "Здравствуйте 🎉", since),
                    make_message(id + "m2", "bot", "Try restarting", since + 1)};
      return c;
    };
    Chat later = make_chat("ch2", "cu1", "waiting", 200);
    Chat earlier = make_chat("ch1", "cu2", "waiting", 100);
    Chat active = make_chat("ch3", "cu3", "active", 50);
    active.agent_id = "ag1";
    active.agent_name = "Anna";
    active.accepted_at = 60;
    active.target_agent_id = "ag9";
    active.level = "L2";
    store.write([&](StoreTx& tx) {
      tx.put_chat(later);
      tx.put_chat(earlier);
      tx.put_chat(active);
      tx.set_agent_available("ag2", true);
      tx.set_agent_available("ag1", true);
      tx.set_agent_available("ag1", true);  // twice: still once
    });
    store.read([&](StoreTx& tx) {
      auto got = tx.chat("ch3");
      REQUIRE(got.has_value());
      CHECK(got->agent_id == "ag1");
      CHECK(got->agent_name == "Anna");
      CHECK(got->target_agent_id == "ag9");
      CHECK(got->level == "L2");
      CHECK(got->accepted_at == 60);
      REQUIRE(got->messages.size() == 2);
      CHECK(got->messages[0].body == "Здравствуйте 🎉");
      CHECK(got->messages[1].author_kind == "bot");
      CHECK(got->customer_name == "Анна Ünïcödé");
      CHECK_FALSE(tx.chat("none").has_value());
      auto waiting = tx.list_chats(ChatQuery{"waiting", "", "", "", 100});
      REQUIRE(waiting.size() == 2);
      CHECK(waiting[0].id == "ch1");
      CHECK(waiting[1].id == "ch2");
      CHECK(tx.list_chats(ChatQuery{"waiting", "", "", "", 1}).size() == 1);
      CHECK(tx.list_chats(ChatQuery{"", "", "cu1", "", 100}).size() == 1);
      CHECK(tx.list_chats(ChatQuery{"", "co1", "", "", 100}).size() == 3);
      CHECK(tx.list_chats(ChatQuery{"", "co2", "", "", 100}).empty());
      CHECK(tx.list_chats(ChatQuery{"active", "", "", "ag1", 100}).size() == 1);
      CHECK(tx.count_chats("waiting") == 2);
      CHECK(tx.count_chats("ended") == 0);
      CHECK(tx.available_agents() == std::vector<std::string>{"ag1", "ag2"});
    });
    // Replace: the chat moves on; a rolled-back write leaves it and the availability as they were.
    later.status = "ended";
    later.messages.push_back(make_message("ch2m3", "agent", "Done", 300));
    store.write([&](StoreTx& tx) {
      tx.put_chat(later);
      tx.set_agent_available("ag2", false);
    });
    CHECK_THROWS_AS(store.write([&](StoreTx& tx) {
      Chat gone = later;
      gone.status = "waiting";
      tx.put_chat(gone);
      tx.put_chat(make_chat("ch9", "cu9", "waiting", 1));
      tx.set_agent_available("ag1", false);
      tx.set_agent_available("ag7", true);
      throw Abort{};
    }),
                    Abort);
    store.read([&](StoreTx& tx) {
      CHECK(tx.chat("ch2")->status == "ended");
      CHECK(tx.chat("ch2")->messages.size() == 3);
      CHECK_FALSE(tx.chat("ch9").has_value());
      CHECK(tx.count_chats("waiting") == 1);
      CHECK(tx.available_agents() == std::vector<std::string>{"ag1"});
    });
  }

  SUBCASE("write: a transaction that throws leaves nothing behind") {
    store.write([&](StoreTx& tx) {
      tx.put_company(make_company("keep"));
      CHECK(tx.next_sequence("n") == 1);
      CHECK(tx.insert_booking(make_booking("bk", "agA", 10'000)));
    });
    CHECK_THROWS_AS(store.write([&](StoreTx& tx) {
      Company c = make_company("keep");
      c.name = "renamed";
      tx.put_company(c);
      tx.put_company(make_company("gone"));
      CHECK(tx.insert_customer(make_customer("cu1", "gone", "ann@example.com")));
      CHECK(tx.insert_agent(make_agent("ag1", "bob@example.com")));
      CHECK(tx.next_sequence("n") == 2);
      CHECK(tx.next_sequence("fresh") == 1);
      tx.insert_request(list_fixture()[0]);
      tx.put_session(Session{"h", PrincipalKind::kCustomer, "cu1", 1, 2});
      Booking cancel = make_booking("bk", "agA", 10'000);
      cancel.status = "cancelled";
      CHECK(tx.update_booking(cancel));
      CHECK(tx.insert_booking(make_booking("bk2", "agA", 10'000)));
      CHECK(tx.company("gone").has_value());  // visible inside
      throw Abort{};
    }),
                    Abort);
    CHECK_THROWS_AS(store.write([&](StoreTx& tx) {
      tx.put_company(make_company("gone2"));
      throw std::invalid_argument("bad input");
    }),
                    std::invalid_argument);
    store.read([&](StoreTx& tx) {
      CHECK(tx.company("keep")->name == "Company keep");
      CHECK_FALSE(tx.company("gone").has_value());
      CHECK_FALSE(tx.company("gone2").has_value());
      CHECK_FALSE(tx.customer("cu1").has_value());
      CHECK_FALSE(tx.agent("ag1").has_value());
      CHECK_FALSE(tx.request("r1").has_value());
      CHECK_FALSE(tx.session("h").has_value());
      CHECK(tx.booking("bk")->status == "booked");
      CHECK_FALSE(tx.booking("bk2").has_value());
      CHECK(tx.list_requests(RequestQuery{}).total == 0);
    });
    // The rolled-back names, emails and sequence values are free again.
    store.write([&](StoreTx& tx) {
      CHECK(tx.next_sequence("n") == 2);
      CHECK(tx.next_sequence("fresh") == 1);
      CHECK(tx.insert_customer(make_customer("cu1", "keep", "ann@example.com")));
      CHECK(tx.insert_agent(make_agent("ag1", "bob@example.com")));
    });
  }

  SUBCASE("write: a refused insert does not spoil the rest of the transaction") {
    store.write([&](StoreTx& tx) {
      CHECK(tx.insert_customer(make_customer("cu1", "co1", "ann@example.com")));
      CHECK(tx.insert_booking(make_booking("b1", "agA", 10'000)));
    });
    store.write([&](StoreTx& tx) {
      CHECK_FALSE(tx.insert_customer(make_customer("cu2", "co1", "ann@example.com")));
      CHECK_FALSE(tx.insert_booking(make_booking("b2", "agA", 10'000)));
      tx.put_company(make_company("after"));
      CHECK(tx.insert_customer(make_customer("cu3", "co1", "cat@example.com")));
    });
    store.read([&](StoreTx& tx) {
      CHECK(tx.company("after").has_value());
      CHECK(tx.customer("cu3").has_value());
      CHECK_FALSE(tx.customer("cu2").has_value());
    });
  }

  SUBCASE("read sees committed writes; write sees its own") {
    store.write([&](StoreTx& tx) {
      tx.put_company(make_company("c1"));
      CHECK(tx.company("c1").has_value());
      CHECK(tx.insert_agent(make_agent("ag1", "x@example.com")));
      CHECK(tx.agent_by_email("x@example.com").has_value());
      CHECK(tx.agent_load("ag1") == 0);
      tx.put_company(make_company("c2", "ag1"));
      CHECK(tx.agent_load("ag1") == 1);
    });
    bool seen = false;
    store.read([&](StoreTx& tx) { seen = tx.company("c1").has_value() && tx.company("c2").has_value(); });
    CHECK(seen);
    CHECK_THROWS_AS(store.read([&](StoreTx&) { throw Abort{}; }), Abort);
    store.read([&](StoreTx& tx) { CHECK(tx.agent("ag1").has_value()); });  // still usable
  }

  SUBCASE("text is kept byte for byte") {
    static constexpr char kOdd[] = "nul\0inside \xff\xfe invalid \xc3 cut";
    const std::string odd = bytes(kOdd, sizeof(kOdd) - 1);
    REQUIRE(odd.size() == 27);
    const std::string emoji = "emoji 🎉 Ünïcödé Ελληνικά Русский Български";
    std::string big(200'000, 'x');
    big[1234] = '\0';
    Company c = make_company("odd");
    c.name = odd;
    c.packages = {odd, "", emoji};
    Request r = make_request("rq", 1, "odd", 10, emoji, big);
    r.address = odd;
    r.messages = {make_message("m", "customer", odd, 11), make_message("e", "customer", "", 12)};
    store.write([&](StoreTx& tx) {
      tx.put_company(c);
      tx.insert_request(r);
      CHECK(tx.insert_customer(make_customer(odd, "odd", odd)));
      tx.put_session(Session{odd, PrincipalKind::kCustomer, odd, 1, 2});
    });
    store.read([&](StoreTx& tx) {
      auto got = tx.company("odd");
      REQUIRE(got.has_value());
      CHECK(got->name == odd);
      CHECK(got->packages == c.packages);
      auto req = tx.request("rq");
      REQUIRE(req.has_value());
      check_same_request(*req, r);
      auto cu = tx.customer(odd);
      REQUIRE(cu.has_value());
      CHECK(cu->email == odd);
      CHECK(tx.session(odd)->principal_id == odd);
      RequestQuery q;
      q.text = odd;  // odd query text: no crash
      CHECK_NOTHROW(tx.list_requests(q));
      q.text = "EMOJI ÜNÏCÖDÉ";
      CHECK(tx.list_requests(q).total == 1);
    });
  }
}

}  // namespace portal::contract
