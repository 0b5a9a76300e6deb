// The core's in-memory Store: the Store contract, and its JSON snapshot for the offline demo.
#include <doctest/doctest.h>

#include "domain/demo_data.h"
#include "store_contract.h"
#include "test_support.h"

using namespace portal;

TEST_CASE("memory store: meets the Store contract") {
  contract::check_store_contract([] { return std::make_unique<MemoryStore>(); });
}

TEST_CASE("memory store: the JSON snapshot restores the same state") {
  testing::FakeEnv env;
  env.clock = testing::at("2026-11-23T09:00:00Z");
  MemoryStore a;
  seed_demo(a, testing::real_catalog(), env, env.clock);
  const std::string saved = a.to_json();
  MemoryStore b;
  b.from_json(saved);
  CHECK(b.to_json() == saved);
  int requests = 0;
  b.read([&](StoreTx& tx) { requests = static_cast<int>(tx.requests_for_metrics("").size()); });
  CHECK(requests > 5);
  CHECK(b.revision() > 0);
}

TEST_CASE("memory store: a damaged snapshot is refused and the state is kept") {
  MemoryStore s;
  s.write([](StoreTx& tx) { tx.put_company(Company{.id = "co_1", .name = "Kept"}); });
  CHECK_THROWS_AS(s.from_json("not json"), std::runtime_error);
  CHECK_THROWS_AS(s.from_json(R"({"format": 99})"), std::runtime_error);
  CHECK_THROWS_AS(s.from_json(R"({"format": 1, "sequences": {}})"), std::runtime_error);
  bool kept = false;
  s.read([&](StoreTx& tx) { kept = tx.company("co_1").has_value(); });
  CHECK(kept);
}

TEST_CASE("memory store: demo seeding is idempotent and makes the listed logins") {
  testing::FakeEnv env;
  env.clock = testing::at("2026-11-23T09:00:00Z");
  MemoryStore s;
  seed_demo(s, testing::real_catalog(), env, env.clock);
  const std::string once = s.to_json();
  seed_demo(s, testing::real_catalog(), env, env.clock);
  CHECK(s.to_json() == once);
  for (const DemoLogin& login : demo_logins()) {
    bool found = false;
    s.read([&](StoreTx& tx) {
      found = login.role == "agent" ? tx.agent_by_email(login.email).has_value()
                                    : tx.customer_by_email(login.email).has_value();
    });
    CHECK_MESSAGE(found, login.email);
  }
}
