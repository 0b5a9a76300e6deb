#include "api/views.h"

#include <algorithm>

#include "domain/json_values.h"
#include "time/iso8601.h"

namespace portal {

using nlohmann::json;

// The views assign field by field: nlohmann's {{"key", value}, ...} initializer lists compile to
// several times the code (13 KB gzip of the browser's wasm for this file alone).
namespace {

// `until`: when the clock stopped running (the request's resolution), else now.
json clock_json(const SlaClock& c, const Catalog& catalog, Instant until, bool detail) {
  json j;
  j["due"] = format_instant(c.due);
  j["met_at"] = instant_or_null(c.met_at);
  j["breached"] = c.breached_at(until);
  j["started_at"] = format_instant(c.started_at);
  j["policy"] = c.policy_id;
  j["target"] = target_json(c.target);
  if (detail && c.target.clock == Clock::kBusiness) j["explanation"] = clock_explanation_json(c, catalog);
  return j;
}

json schedule_state_json(const Schedule* s, Instant now) {
  json j;
  j["open_now"] = true;
  j["next_change"] = nullptr;
  if (!s || s->is_always_open()) return j;
  auto span = next_open_span(*s, now);
  if (!span) {
    j["open_now"] = false;
    return j;
  }
  const bool open = span->begin <= now;
  j["open_now"] = open;
  j["next_change"] = format_instant(open ? span->end : span->begin);
  return j;
}

}  // namespace

json id_name_json(const std::string& id, const std::string& name) {
  json j;
  j["id"] = id;
  j["name"] = name;
  return j;
}

json money_json(std::int64_t cents, const std::string& currency) {
  json j;
  j["amount_cents"] = cents;
  j["currency"] = currency;
  return j;
}

json target_json(const Target& t) {
  json j;
  j["minutes"] = t.minutes;
  j["clock"] = t.clock == Clock::kBusiness ? "business" : "calendar";
  return j;
}

json customer_json(const Customer& c, const Company& company) {
  json j;
  j["id"] = c.id;
  j["email"] = c.email;
  j["name"] = c.name;
  j["company"] = id_name_json(company.id, company.name);
  j["created_at"] = format_instant(c.created_at);
  return j;
}

json agent_json(const Agent& a) {
  json j;
  j["id"] = a.id;
  j["email"] = a.email;
  j["name"] = a.name;
  j["level"] = to_string(a.level);
  return j;
}

json clock_explanation_json(const SlaClock& c, const Catalog& catalog) {
  const Policy* policy = catalog.find_policy(c.policy_id);
  if (!policy || !policy->schedule) return nullptr;
  const Schedule& s = *policy->schedule;
  json days = json::array();
  for (const DueDay& d : explain_business_due(s, c.started_at, c.due)) {
    json& day = days.emplace_back();
    day["date"] = format_date(d.date);
    day["counted_minutes"] = d.counted_seconds / 60;
    day["holiday"] = d.holiday;
    day["closed"] = d.closed;
  }
  json j;
  j["schedule"] = s.id;
  j["tz"] = s.tz_name;
  j["minutes"] = c.target.minutes;
  j["days"] = std::move(days);
  return j;
}

json request_json(const Request& r, const Catalog& catalog, Instant now, bool detail) {
  json j;
  j["id"] = r.id;
  j["number"] = r.number;
  j["subject"] = r.subject;
  j["description"] = r.description;
  j["severity"] = r.severity;
  j["category"] = r.category;
  j["status"] = to_string(r.status);
  j["level"] = to_string(r.level);
  j["created_at"] = format_instant(r.created_at);
  j["updated_at"] = format_instant(r.updated_at);
  j["resolved_at"] = instant_or_null(r.resolved_at);
  j["closed_at"] = instant_or_null(r.closed_at);
  j["customer_id"] = r.customer_id;
  j["assignee_id"] = text_or_null(r.assignee_id);
  j["next_due"] = instant_or_null(r.next_due());
  if (!r.address.empty()) j["address"] = r.address;
  // A resolved or closed request's unmet clocks stopped then: they cannot breach afterwards (as in
  // compute_metrics, so that the badges and the SLA compliance agree).
  Instant until = now;
  if (is_finished(r.status)) until = std::min(now, r.resolved_at.value_or(r.closed_at.value_or(now)));
  json& sla = j["sla"];
  sla["first_response"] = clock_json(r.first_response, catalog, until, detail);
  sla["follow_up"] = or_null(r.follow_up, [&](const SlaClock& c) { return clock_json(c, catalog, until, detail); });
  sla["follow_ups_met"] = r.follow_ups_met;
  sla["follow_ups_breached"] = r.follow_ups_breached;
  json& rating = j["rating"];  // null without a rating
  if (r.rating) {
    rating["score"] = r.rating->score;
    rating["comment"] = r.rating->comment;
    rating["created_at"] = format_instant(r.rating->created_at);
  }
  if (detail) {
    json& messages = j["messages"] = json::array();
    for (const Message& m : r.messages) {
      json& msg = messages.emplace_back();
      msg["id"] = m.id;
      json& author = msg["author"] = id_name_json(m.author_id, m.author_name);
      author["kind"] = m.author_kind;
      msg["body"] = m.body;
      msg["created_at"] = format_instant(m.created_at);
    }
  }
  return j;
}

json booking_json(const Booking& b, const Agent* agent) {
  json j;
  j["id"] = b.id;
  j["start"] = format_instant(b.start);
  j["end"] = format_instant(b.end);
  j["topic"] = b.topic;
  j["note"] = b.note;
  j["status"] = b.status;
  j["sequence"] = b.sequence;
  j["agent"] = agent ? id_name_json(agent->id, agent->name) : id_name_json(b.agent_id, "");
  j["created_at"] = format_instant(b.created_at);
  return j;
}

json plan_change_json(const PlanChange& c) {
  json j;
  j["kind"] = c.kind;
  j["from_plan"] = c.from_plan;
  j["to_plan"] = c.to_plan;
  j["old_monthly"] = money_json(c.old_monthly_cents, c.currency);
  j["new_monthly"] = money_json(c.new_monthly_cents, c.currency);
  j["charge_now"] = money_json(c.charge_now_cents, c.currency);
  j["effective_at"] = format_instant(c.effective_at);
  j["addons_dropped"] = c.addons_dropped;
  return j;
}

json me_json(const Catalog& catalog, const Customer& customer, const Company& company, const Agent* manager,
             const Agent* dedicated, Instant now) {
  const EffectiveTier tier = effective_tier(catalog, company, now);
  json sources = json::array();
  for (const TierSource& s : tier.sources) {
    json& source = sources.emplace_back(id_name_json(s.id, s.name));
    source["kind"] = s.kind;
    source["tier"] = s.tier;
  }

  json channels = json::array(), locked = json::array();
  for (const ChannelAccess& a : channel_access(catalog, company, now)) {
    json ch = id_name_json(a.channel->id, a.channel->name);
    if (!a.channel->contact.empty()) ch["contact"] = a.channel->contact;
    if (!a.channel->schedule_id.empty()) ch["schedule"] = a.channel->schedule_id;
    if (a.locked) {
      json& unlock = ch["unlock"];
      unlock["kind"] = a.unlock_kind;
      unlock["id"] = a.unlock_id;
      unlock["price"] = money_json(a.unlock_price_cents, "EUR");
      locked.push_back(ch);
    } else {
      if (a.channel->id == "dedicated_email" && dedicated) ch["contact"] = dedicated->email;
      ch.update(schedule_state_json(a.channel->schedule, now));
      channels.push_back(ch);
    }
  }
  json policies = json::array();
  for (const Policy* p : applicable_policies(catalog, company, now)) policies.push_back(p->id);

  std::int64_t monthly = 0;
  if (const Plan* plan = catalog.find_plan(company.plan)) monthly += plan->price.amount_cents;
  for (const std::string& id : company.packages)
    if (const Offer* o = catalog.find_package(id)) monthly += o->price.amount_cents;
  for (const std::string& id : company.addons)
    if (const Offer* o = catalog.find_addon(id)) monthly += o->price.amount_cents;

  json pending = nullptr;
  if (!company.pending_plan.empty()) {
    PlanChange c = quote_plan_change(catalog, company, company.pending_plan, now);
    pending["plan"] = company.pending_plan;
    pending["effective_at"] = format_instant(company.period_end);
    pending["addons_dropped"] = c.addons_dropped;
  }
  json j;
  j["role"] = "customer";
  j["customer"] = customer_json(customer, company);
  j["plan"] = company.plan;
  j["pending_plan"] = std::move(pending);
  j["packages"] = company.packages;
  j["addons"] = company.addons;
  j["effective_tier"] = tier.tier;
  j["tier_sources"] = std::move(sources);
  j["manager"] = manager ? id_name_json(manager->id, manager->name) : json(nullptr);
  json& agent = j["dedicated_agent"];  // null without the add-on
  if (dedicated) {
    agent = id_name_json(dedicated->id, dedicated->name);
    agent["email"] = dedicated->email;
  }
  j["channels"] = std::move(channels);
  j["locked_channels"] = std::move(locked);
  j["policies"] = std::move(policies);
  j["has_calls"] = tier_has_calls(catalog, company, now);
  j["has_onsite"] = tier_has_onsite(catalog, company, now);
  json& period = j["period"];
  period["start"] = format_instant(company.period_start);
  period["end"] = format_instant(company.period_end);
  j["monthly_total"] = money_json(monthly, "EUR");
  return j;
}

}  // namespace portal
