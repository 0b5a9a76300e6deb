// Store contract, the agents' queue filters and search (issue #9): assignee, unassigned, level,
// due-time windows (breached, due soon), a request number, and the customer's and company's names.
// Part of check_store_contract (store_contract.h), so both stores meet it.
#pragma once
#include <doctest/doctest.h>

#include "domain/store.h"

namespace portal::contract {

inline void check_queue_filters(Store& store, const std::vector<Request>& fixture) {
  store.write([&](StoreTx& tx) {
    for (const Request& r : fixture) tx.insert_request(r);
    Company a = make_company("A");
    a.name = "Globex Corporation";
    tx.put_company(a);
    Company b = make_company("B");
    b.name = "Initech";
    tx.put_company(b);
    Customer hans = make_customer("cust-A", "A", "hans@example.com");
    hans.name = "Hans Müller";
    CHECK(tx.insert_customer(hans));
    Customer oleg = make_customer("cust-B", "B", "oleg@example.com");
    oleg.name = "Олег Петров";
    CHECK(tx.insert_customer(oleg));
  });
  auto list = [&](const RequestQuery& q) {
    RequestPage page;
    store.read([&](StoreTx& tx) { page = tx.list_requests(q); });
    std::vector<std::string> out;
    for (const Request& r : page.requests) out.push_back(r.id);
    CHECK(page.total == static_cast<std::int64_t>(out.size()));
    return out;
  };
  // next_due: r1 1000, r2 500, r3 700, r4 -, r5 300, r6 200, r7 -; assignee ag9: r3, r7.
  RequestQuery q;
  q.queue_order = true;
  q.assignee_id = "ag9";
  CHECK(list(q) == ids({"r3", "r7"}));

  q = RequestQuery{};
  q.queue_order = true;
  q.unassigned = true;
  q.statuses = {RequestStatus::kNew, RequestStatus::kOpen, RequestStatus::kPending};
  CHECK(list(q) == ids({"r6", "r5", "r2", "r1"}));

  q = RequestQuery{};
  q.queue_order = true;
  q.level = Level::kL1;
  CHECK(list(q) == ids({"r6", "r3", "r1", "r4"}));
  q.level = Level::kL3;
  CHECK(list(q) == ids({"r5"}));

  q = RequestQuery{};  // breached at 600
  q.queue_order = true;
  q.due_before = 600;
  CHECK(list(q) == ids({"r6", "r5", "r2"}));
  q.due_from = 400;  // due within [400, 800): "due soon" at 400
  q.due_before = 800;
  CHECK(list(q) == ids({"r2", "r3"}));

  // A number finds that request (and only text matches besides it).
  q = RequestQuery{};
  q.text = "3";
  q.number = 3;
  CHECK(list(q) == ids({"r3"}));
  q.text = "6";
  q.number = 6;
  q.company_id = "A";  // other filters still apply
  CHECK(list(q).empty());

  // Names: the customer's and the company's, when asked for (agents).
  auto names = [&](const std::string& text, bool in_names) {
    RequestQuery n;
    n.text = text;
    n.text_in_names = in_names;
    return list(n);
  };
  CHECK(names("globex", true) == ids({"r5", "r4", "r3", "r2", "r1"}));
  CHECK(names("globex", false).empty());
  CHECK(names("олег", true) == ids({"r7", "r6"}));
  CHECK(names("MÜLLER printer", true) == ids({"r1"}));  // a name word and a subject word
  CHECK(names("initech toner", true) == ids({"r6"}));
}

}  // namespace portal::contract
