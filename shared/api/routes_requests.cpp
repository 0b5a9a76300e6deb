// Support requests and metrics.
#include <algorithm>
#include <functional>

#include "api/quotas.h"
#include "api/request_view.h"
#include "api/router_impl.h"
#include "api/views.h"
#include "domain/json_values.h"
#include "domain/metrics.h"
#include "domain/requests.h"
#include "domain/subscription.h"
#include "domain/text.h"
#include "time/iso8601.h"

namespace portal {

using nlohmann::json;

namespace {

constexpr Instant kDueSoonSeconds = 4 * 3600;  // "due soon": within the next four hours

json distribution_json(const Distribution& d) {
  json j;
  j["median"] = or_null(d.median);
  j["p90"] = or_null(d.p90);
  j["count"] = d.count;
  return j;
}

std::vector<RequestStatus> split_statuses(const std::string& raw) {
  std::vector<RequestStatus> out;
  std::size_t pos = 0;
  while (pos <= raw.size()) {
    std::size_t comma = raw.find(',', pos);
    if (comma == std::string::npos) comma = raw.size();
    std::string s = raw.substr(pos, comma - pos);
    if (!s.empty()) {
      const auto status = parse_request_status(s);
      if (!status)
        throw PortalError(ErrorKind::kBadRequest, "status must be one of new, open, pending, resolved, closed",
                          "status");
      out.push_back(*status);
    }
    pos = comma + 1;
  }
  return out;
}

// The agents' queue filters: ?assignee=me|none, level=L1|L2|L3, due=breached|soon; a q that is a
// number ("1011", "#1011") finds that request; q also matches the customer's and company's names.
void add_queue_filters(RequestQuery& q, const QueryParams& query, const Agent& agent, Instant now) {
  const std::string assignee = query.get("assignee");
  if (assignee == "me") q.assignee_id = agent.id;
  else if (assignee == "none") q.unassigned = true;
  else if (!assignee.empty()) throw PortalError(ErrorKind::kBadRequest, "assignee must be me or none", "assignee");
  if (const std::string level = query.get("level"); !level.empty()) {
    q.level = parse_level(level);
    if (!q.level) throw PortalError(ErrorKind::kBadRequest, "level must be L1, L2 or L3", "level");
  }
  const std::string due = query.get("due");
  if (due == "breached") {
    q.due_before = now;
  } else if (due == "soon") {
    q.due_from = now;
    q.due_before = now + kDueSoonSeconds;
  } else if (!due.empty()) {
    throw PortalError(ErrorKind::kBadRequest, "due must be breached or soon", "due");
  }
  q.text_in_names = true;
}

// A search that is a request number ("1011", "#1011") finds that request.
std::int64_t searched_number(const std::string& text) {
  std::size_t i = 0, end = text.size();
  while (i < end && (text[i] == ' ' || text[i] == '#')) ++i;
  while (end > i && text[end - 1] == ' ') --end;
  if (i == end || end - i > 15) return 0;
  std::int64_t n = 0;
  for (; i < end; ++i) {
    if (text[i] < '0' || text[i] > '9') return 0;
    n = n * 10 + (text[i] - '0');
  }
  return n;
}

}  // namespace

HttpResponse Router::Impl::post_request(Call& call) {
  const Principal& who = customer_only(call);
  json body = parse_json_body(call.http);
  BodyReader in(body, {"subject", "description", "severity", "category", "address"});
  NewRequest input;
  input.subject = in.text("subject");
  input.description = in.text("description");
  input.severity = in.integer("severity", 1, 5);
  input.category = in.text("category");
  input.address = in.optional_text("address");
  Request created;
  json out;
  store.write([&](StoreTx& tx) {
    Company company = load_company(tx, who, call.now);
    validate_new_request(catalog, input, tier_has_onsite(catalog, company, call.now));
    check_new_request_quota(tx, catalog.quotas, company.id, call.now);
    created = open_request(input, company, applicable_policies(catalog, company, call.now), call.now);
    created.id = new_id("req");
    created.number = tx.next_sequence("request");
    created.customer_id = who.customer.id;
    tx.insert_request(created);
    out = request_view_json(tx, catalog, created, who, call.now, true);
  });
  emit_request_created(created, call.now);
  return json_response(201, out);
}

HttpResponse Router::Impl::get_requests(Call& call) {
  const Principal& who = *call.who;
  RequestQuery q;
  q.statuses = split_statuses(call.query.get("status"));
  q.text = call.query.get("q");
  if (utf8_length(q.text) > 200) throw PortalError(ErrorKind::kBadRequest, "q must be at most 200 characters", "q");
  q.offset = call.query.integer("offset", 0, 0, 1'000'000);
  q.limit = call.query.integer("limit", 50, 1, 200);
  q.number = searched_number(q.text);
  if (who.is_agent()) {
    const std::string scope = call.query.get("scope", "queue");
    if (scope != "queue" && scope != "all")
      throw PortalError(ErrorKind::kBadRequest, "scope must be queue or all", "scope");
    if (scope == "queue") {
      q.agent_id = who.agent.id;
      q.agent_level = who.agent.level;
      if (q.statuses.empty()) q.statuses = {RequestStatus::kNew, RequestStatus::kOpen, RequestStatus::kPending};
    }
    q.queue_order = call.query.get("order", "due") == "due";
    add_queue_filters(q, call.query, who.agent, call.now);
  } else {
    q.company_id = who.company.id;
  }
  RequestPage page;
  json list = json::array();
  store.read([&](StoreTx& tx) {
    page = tx.list_requests(q);
    for (const Request& r : page.requests) list.push_back(request_view_json(tx, catalog, r, who, call.now, false));
  });
  return json_response(200, {{"requests", list}, {"total", page.total}, {"offset", q.offset}, {"limit", q.limit}});
}

HttpResponse Router::Impl::get_request(Call& call) {
  json out;
  store.read([&](StoreTx& tx) {
    const Request r = visible_request(tx, *call.who, call.params[0]);
    out = request_view_json(tx, catalog, r, *call.who, call.now, true);
  });
  return json_response(200, out);
}

namespace {

// One change of a request the caller can see, the same for every action: in one write `change`
// edits it, it is stored and its view made; then the change is announced. Returns the view.
json change_request(Router::Impl& impl, Call& call, const std::function<void(StoreTx&, Request&)>& change) {
  const Principal& who = *call.who;
  Request r, before;
  json out;
  impl.store.write([&](StoreTx& tx) {
    r = impl.visible_request(tx, who, call.params[0]);
    before = r;
    change(tx, r);
    tx.update_request(r);
    out = request_view_json(tx, impl.catalog, r, who, call.now, true);
  });
  impl.emit_request_change(before, r, who, call.now);
  return out;
}

}  // namespace

HttpResponse Router::Impl::post_message(Call& call) {
  const Principal& who = *call.who;
  json body = parse_json_body(call.http);
  BodyReader in(body, {"body"});
  const std::string text = in.text("body");
  const Message m = message_by(who, new_id("msg"), text, call.now);
  json out = change_request(*this, call, [&](StoreTx& tx, Request& r) {
    if (!who.is_agent()) check_message_quota(catalog.quotas, r, m.author_id, call.now);
    std::optional<Company> company = tx.company(r.company_id);
    if (company) roll_period(catalog, *company, call.now);
    const auto policies = company ? applicable_policies(catalog, *company, call.now) : std::vector<const Policy*>{};
    add_message(r, m, policies);
  });
  out["message"] = out["messages"].back();
  return json_response(201, out);
}

HttpResponse Router::Impl::post_status(Call& call) {
  const Principal& who = *call.who;
  json body = parse_json_body(call.http);
  BodyReader in(body, {"status"});
  const std::string status = in.text("status");
  return json_response(200, change_request(*this, call, [&](StoreTx&, Request& r) {
                         change_status(r, parse_status_field(status), who.is_agent(), call.now);
                       }));
}

HttpResponse Router::Impl::post_escalate(Call& call) {
  const Principal& who = agent_only(call);
  std::string reason;
  if (!call.http.body.empty()) {
    json body = parse_json_body(call.http);
    reason = BodyReader(body, {"reason"}).optional_text("reason");
  }
  return json_response(200, change_request(*this, call, [&](StoreTx&, Request& r) {
                         const std::size_t had = r.messages.size();
                         escalate(r, who.agent.name, call.now, reason);
                         for (std::size_t i = had; i < r.messages.size(); ++i) {  // the event, and the reason's note
                           r.messages[i].id = new_id("msg");
                           r.messages[i].author_id = who.agent.id;
                         }
                       }));
}

HttpResponse Router::Impl::post_take(Call& call) {
  const Principal& who = agent_only(call);
  if (!call.http.body.empty()) BodyReader(parse_json_body(call.http), {});
  return json_response(200, change_request(*this, call, [&](StoreTx&, Request& r) {
                         const std::size_t had = r.messages.size();
                         take(r, who.agent, call.now);
                         if (r.messages.size() > had) r.messages.back().id = new_id("msg");
                       }));
}

HttpResponse Router::Impl::post_rating(Call& call) {
  customer_only(call);
  json body = parse_json_body(call.http);
  BodyReader in(body, {"score", "comment"});
  const int score = in.integer("score", 1, 5);
  const std::string comment = in.optional_text("comment");
  return json_response(201,
                       change_request(*this, call, [&](StoreTx&, Request& r) { rate(r, score, comment, call.now); }));
}

HttpResponse Router::Impl::get_metrics(Call& call) {
  const Principal& who = *call.who;
  std::vector<Request> requests;
  store.read([&](StoreTx& tx) { requests = tx.requests_for_metrics(who.is_agent() ? "" : who.company.id); });
  if (who.is_agent())
    std::erase_if(requests,
                  [&](const Request& r) { return r.level != who.agent.level && r.assignee_id != who.agent.id; });
  const Metrics m = compute_metrics(requests, call.now);

  // Eight weeks of history for the charts: requests created and resolved per week.
  json weeks = json::array();
  const Instant week = 7 * kSecondsPerDay;
  const Instant this_week = floor_div(call.now - 4 * kSecondsPerDay, week) * week + 4 * kSecondsPerDay;  // Mondays
  for (int i = 7; i >= 0; --i) {
    const Instant from = this_week - i * week, to = from + week;
    int created = 0, resolved = 0;
    for (const Request& r : requests) {
      if (r.created_at >= from && r.created_at < to) ++created;
      if (r.resolved_at && *r.resolved_at >= from && *r.resolved_at < to) ++resolved;
    }
    json& week_json = weeks.emplace_back();
    week_json["week_start"] = format_instant(from);
    week_json["created"] = created;
    week_json["resolved"] = resolved;
  }
  int open = 0;
  for (const Request& r : requests) open += !is_finished(r.status);
  json out;
  out["first_response_minutes"] = distribution_json(m.first_response_minutes);
  out["resolution_minutes"] = distribution_json(m.resolution_minutes);
  out["sla_met_percent"] = or_null(m.sla_met_percent);
  out["sla_targets_decided"] = m.sla_targets_decided;
  out["csi"] = or_null(m.csi);
  out["average_rating"] = or_null(m.average_rating);
  out["ratings"] = m.ratings;
  out["requests_total"] = requests.size();
  out["requests_open"] = open;
  out["weekly"] = std::move(weeks);
  return json_response(200, out);
}

}  // namespace portal
