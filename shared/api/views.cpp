#include "api/views.h"

#include <algorithm>

#include "time/iso8601.h"

namespace portal {

using nlohmann::json;

namespace {

json instant_or_null(const std::optional<Instant>& t) { return t ? json(format_instant(*t)) : json(nullptr); }

// `until`: when the clock stopped running (the request's resolution), else now.
json clock_json(const SlaClock& c, const Catalog& catalog, Instant until, bool detail) {
  json j = {{"due", format_instant(c.due)},
            {"met_at", instant_or_null(c.met_at)},
            {"breached", c.breached_at(until)},
            {"started_at", format_instant(c.started_at)},
            {"policy", c.policy_id},
            {"target", target_json(c.target)}};
  if (detail && c.target.clock == Clock::kBusiness) j["explanation"] = clock_explanation_json(c, catalog);
  return j;
}

json schedule_state_json(const Schedule* s, Instant now) {
  if (!s) return {{"open_now", true}, {"next_change", nullptr}};
  if (s->is_always_open()) return {{"open_now", true}, {"next_change", nullptr}};
  auto span = next_open_span(*s, now);
  if (!span) return {{"open_now", false}, {"next_change", nullptr}};
  const bool open = span->begin <= now;
  return {{"open_now", open}, {"next_change", format_instant(open ? span->end : span->begin)}};
}

}  // namespace

json money_json(std::int64_t cents, const std::string& currency) {
  return {{"amount_cents", cents}, {"currency", currency}};
}

json target_json(const Target& t) {
  return {{"minutes", t.minutes}, {"clock", t.clock == Clock::kBusiness ? "business" : "calendar"}};
}

json customer_json(const Customer& c, const Company& company) {
  return {{"id", c.id},
          {"email", c.email},
          {"name", c.name},
          {"company", {{"id", company.id}, {"name", company.name}}},
          {"created_at", format_instant(c.created_at)}};
}

json agent_json(const Agent& a) {
  return {{"id", a.id}, {"email", a.email}, {"name", a.name}, {"level", a.level}};
}

json clock_explanation_json(const SlaClock& c, const Catalog& catalog) {
  const Policy* policy = catalog.find_policy(c.policy_id);
  if (!policy || !policy->schedule) return nullptr;
  const Schedule& s = *policy->schedule;
  json days = json::array();
  for (const DueDay& d : explain_business_due(s, c.started_at, c.due))
    days.push_back({{"date", format_date(d.date)},
                    {"counted_minutes", d.counted_seconds / 60},
                    {"holiday", d.holiday},
                    {"closed", d.closed}});
  return {{"schedule", s.id}, {"tz", s.tz_name}, {"minutes", c.target.minutes}, {"days", days}};
}

json request_json(const Request& r, const Catalog& catalog, Instant now, bool detail) {
  json j = {{"id", r.id},
            {"number", r.number},
            {"subject", r.subject},
            {"description", r.description},
            {"severity", r.severity},
            {"category", r.category},
            {"status", r.status},
            {"level", r.level},
            {"created_at", format_instant(r.created_at)},
            {"updated_at", format_instant(r.updated_at)},
            {"resolved_at", instant_or_null(r.resolved_at)},
            {"closed_at", instant_or_null(r.closed_at)},
            {"customer_id", r.customer_id},
            {"assignee_id", r.assignee_id.empty() ? json(nullptr) : json(r.assignee_id)},
            {"next_due", instant_or_null(r.next_due())}};
  if (!r.address.empty()) j["address"] = r.address;
  // A resolved or closed request's unmet clocks stopped then: they cannot breach afterwards (as in
  // compute_metrics, so that the badges and the SLA compliance agree).
  Instant until = now;
  if (r.status == "resolved" || r.status == "closed") until = std::min(now, r.resolved_at.value_or(r.closed_at.value_or(now)));
  j["sla"] = {{"first_response", clock_json(r.first_response, catalog, until, detail)},
              {"follow_up", r.follow_up ? clock_json(*r.follow_up, catalog, until, detail) : json(nullptr)},
              {"follow_ups_met", r.follow_ups_met},
              {"follow_ups_breached", r.follow_ups_breached}};
  j["rating"] = r.rating ? json{{"score", r.rating->score},
                                {"comment", r.rating->comment},
                                {"created_at", format_instant(r.rating->created_at)}}
                         : json(nullptr);
  if (detail) {
    json messages = json::array();
    for (const Message& m : r.messages)
      messages.push_back({{"id", m.id},
                          {"author", {{"kind", m.author_kind}, {"id", m.author_id}, {"name", m.author_name}}},
                          {"body", m.body},
                          {"created_at", format_instant(m.created_at)}});
    j["messages"] = messages;
  }
  return j;
}

json booking_json(const Booking& b, const Agent* agent) {
  return {{"id", b.id},
          {"start", format_instant(b.start)},
          {"end", format_instant(b.end)},
          {"topic", b.topic},
          {"note", b.note},
          {"status", b.status},
          {"sequence", b.sequence},
          {"agent", agent ? json{{"id", agent->id}, {"name", agent->name}} : json{{"id", b.agent_id}, {"name", ""}}},
          {"created_at", format_instant(b.created_at)}};
}

json plan_change_json(const PlanChange& c) {
  return {{"kind", c.kind},
          {"from_plan", c.from_plan},
          {"to_plan", c.to_plan},
          {"old_monthly", money_json(c.old_monthly_cents, c.currency)},
          {"new_monthly", money_json(c.new_monthly_cents, c.currency)},
          {"charge_now", money_json(c.charge_now_cents, c.currency)},
          {"effective_at", format_instant(c.effective_at)},
          {"addons_dropped", c.addons_dropped}};
}

json me_json(const Catalog& catalog, const Customer& customer, const Company& company, const Agent* manager,
             const Agent* dedicated, Instant now) {
  const EffectiveTier tier = effective_tier(catalog, company, now);
  json sources = json::array();
  for (const TierSource& s : tier.sources)
    sources.push_back({{"kind", s.kind}, {"id", s.id}, {"name", s.name}, {"tier", s.tier}});

  json channels = json::array(), locked = json::array();
  for (const ChannelAccess& a : channel_access(catalog, company, now)) {
    json ch = {{"id", a.channel->id}, {"name", a.channel->name}};
    if (!a.channel->contact.empty()) ch["contact"] = a.channel->contact;
    if (!a.channel->schedule_id.empty()) ch["schedule"] = a.channel->schedule_id;
    if (a.locked) {
      ch["unlock"] = {{"kind", a.unlock_kind}, {"id", a.unlock_id}, {"price", money_json(a.unlock_price_cents, "EUR")}};
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
    pending = {{"plan", company.pending_plan}, {"effective_at", format_instant(company.period_end)},
               {"addons_dropped", c.addons_dropped}};
  }
  return {{"role", "customer"},
          {"customer", customer_json(customer, company)},
          {"plan", company.plan},
          {"pending_plan", pending},
          {"packages", company.packages},
          {"addons", company.addons},
          {"effective_tier", tier.tier},
          {"tier_sources", sources},
          {"manager", manager ? json{{"id", manager->id}, {"name", manager->name}} : json(nullptr)},
          {"dedicated_agent", dedicated ? json{{"id", dedicated->id}, {"name", dedicated->name}, {"email", dedicated->email}}
                                        : json(nullptr)},
          {"channels", channels},
          {"locked_channels", locked},
          {"policies", policies},
          {"has_calls", tier_has_calls(catalog, company, now)},
          {"has_onsite", tier_has_onsite(catalog, company, now)},
          {"period", {{"start", format_instant(company.period_start)}, {"end", format_instant(company.period_end)}}},
          {"monthly_total", money_json(monthly, "EUR")}};
}

}  // namespace portal
