#include "screens/catalog_words.h"

#include <cstdio>
#include <optional>
#include <vector>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "locale/format.h"
#include "screens/common.h"
#include "ui/icons.h"

namespace portal::screens {

namespace {

std::string hhmm(int minutes) {
  minutes = ((minutes % 1440) + 1440) % 1440;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string times_text(const DayGroup& g) {
  std::string times;  // "09:00–18:00, 19:00–21:00"
  for (const auto& [open, close] : g.hours) {
    if (!times.empty()) times += ", ";
    times += hhmm(open) + "–" + (close == 1440 ? std::string("24:00") : hhmm(close));
  }
  return times;
}

std::string days_text(const DayGroup& g) {
  const auto& names = i18n::format().weekdays_short;
  if (g.first == 0 && g.last == 6) return i18n::tr("support.daily");
  if (g.first == g.last) return names[static_cast<std::size_t>(g.first)];
  return names[static_cast<std::size_t>(g.first)] + "–" + names[static_cast<std::size_t>(g.last)];
}

std::string groups_text(const std::vector<DayGroup>& groups) {
  std::string out;
  for (const DayGroup& g : groups) {
    if (!out.empty()) out += ", ";
    out += days_text(g) + " " + times_text(g);
  }
  return out;
}

}  // namespace

// ---- catalog texts -----------------------------------------------------------------------------

std::string catalog_text(const std::string& key, const std::string& english, const std::string& shared_key) {
  if (i18n::language() == "en") return english;
  for (const std::string* k : {&key, &shared_key}) {
    if (k->empty()) continue;
    const char* t = tr(k->c_str());
    if (*k != t && *t) return t;  // tr() hands back the key when there is no translation
  }
  return english;
}

std::string plan_name(const Catalog& catalog, const std::string& id) {
  const Plan* p = catalog.find_plan(id);
  return catalog_text("plans.name." + id, p ? p->name : id, p ? "tier." + p->tier : "");
}

std::string tier_name(const Catalog& catalog, const std::string& tier) {
  const Plan* p = catalog.plan_for_tier(tier);
  return p ? plan_name(catalog, p->id) : tier;
}

std::string offer_name(const Offer& o) {
  return catalog_text("plans.offer." + o.id + ".name", o.name.empty() ? o.id : o.name, "offer." + o.id);
}

std::string offer_name(const Offer* o) { return o ? offer_name(*o) : ""; }

std::string offer_description(const Offer& o) {
  return catalog_text("plans.offer." + o.id + ".description", o.description);
}

std::string channel_name(const std::string& plan_id, const Channel& channel) {
  std::string specific = catalog_text("plans.channel." + plan_id + "." + channel.id, "");
  if (!specific.empty()) return specific;
  return catalog_text("plans.channel." + channel.id, channel.name.empty() ? channel.id : channel.name,
                      "channel." + channel.id);
}

std::string severity_name(const Catalog& catalog, int severity) {
  std::string english = std::to_string(severity);
  for (const SeverityInfo& s : catalog.severities)
    if (s.severity == severity && !s.name.empty()) english = s.name;
  return catalog_text("plans.severity." + std::to_string(severity), english,
                      "severity." + std::to_string(severity) + ".name");
}

std::string schedule_name(const Catalog& catalog, const std::string& id) {
  const Schedule* s = catalog.find_schedule(id);
  return catalog_text("plans.schedule." + id, s && !s->name.empty() ? s->name : id);
}

// ---- the portal's terms ------------------------------------------------------------------------

std::string tier_source_name(const Catalog& catalog, const std::string& kind, const std::string& id,
                             const std::string& english) {
  if (kind == "plan") return catalog.find_plan(id) ? plan_name(catalog, id) : english;
  return tr_or((kind == "package" ? "offer." : "rule.") + id, english);
}

std::string channel_name(const nlohmann::json& channel) {
  return tr_or("channel." + str(channel, "id"), str(channel, "name"));
}

std::string severity_definition(const Catalog& catalog, int severity) {
  std::string english;
  for (const SeverityInfo& s : catalog.severities)
    if (s.severity == severity) english = s.definition;
  return tr_or("severity." + std::to_string(severity) + ".definition", english);
}

const char* channel_icon(const std::string& id) {
  if (id == "email" || id == "dedicated_email") return icon::kEnvelope;
  if (id == "phone" || id == "dedicated_phone") return icon::kPhone;
  if (id == "chat" || id == "dedicated_chat") return icon::kComments;
  if (id == "chatbot") return icon::kQuestion;
  if (id == "kb") return icon::kBook;
  if (id == "forum") return icon::kGlobe;
  if (id == "personal_manager") return icon::kUser;
  if (id == "onsite") return icon::kHome;
  return icon::kInfo;
}

// ---- hours -------------------------------------------------------------------------------------

ScheduleHours schedule_hours(const Schedule& s, Instant now) {
  const WeekHours sw = schedule_week(s);
  if (is_always_open(sw)) return {i18n::tr("support.hours_247"), {}};
  const auto sg = group_days(sw);
  ScheduleHours out;
  out.schedule = groups_text(sg) + " (" + s.tz_name + ")";
  const auto cg = group_days(week_on_clock(s, now, [](Instant t) { return client::browser_utc_offset(t); }));
  const std::string mine = groups_text(cg);
  if (mine == groups_text(sg)) return out;
  bool same_days = cg.size() == sg.size();
  for (std::size_t i = 0; same_days && i < cg.size(); i++)
    same_days = cg[i].first == sg[i].first && cg[i].last == sg[i].last;
  out.yours = i18n::trf("support.your_time", {{"hours", (same_days && cg.size() == 1) ? times_text(cg[0]) : mine}});
  return out;
}

std::string hours_text(const Catalog& catalog, const std::string& id, bool yours) {
  std::string text = schedule_name(catalog, id);
  if (!yours) return text;
  if (const Schedule* s = catalog.find_schedule(id)) {
    const ScheduleHours hours = schedule_hours(*s, client::now());
    if (!hours.yours.empty()) text += " · " + hours.yours;
  }
  return text;
}

// ---- targets -----------------------------------------------------------------------------------

std::string target_amount(const TargetWording& wording) {
  switch (wording.unit) {
    case TargetUnit::kDays: return plural("dur.days", wording.amount);
    case TargetUnit::kHours: return plural("dur.hours", wording.amount);
    case TargetUnit::kMinutes: return plural("dur.minutes", wording.amount);
    case TargetUnit::kBusinessDays: return plural("dur.business_days", wording.amount);
    case TargetUnit::kBusinessHours: return plural("dur.business_hours", wording.amount);
    case TargetUnit::kBusinessMinutes: return plural("dur.business_minutes", wording.amount);
  }
  return plural("dur.minutes", wording.amount);
}

std::string target_text(const Policy* policy, int severity) {
  if (!policy || severity < 1 || severity > 5) return tr("plans.target.none");
  const std::optional<Target>& t = policy->targets[static_cast<std::size_t>(severity - 1)].first_response;
  if (!t) return tr("plans.target.none");
  const TargetWording w = describe_target(*t, policy->schedule);
  if (w.around_the_clock()) return i18n::trf("plans.target.around_the_clock", {{"amount", target_amount(w)}});
  return target_amount(w);
}

// ---- money -------------------------------------------------------------------------------------

std::string money_cents(std::int64_t cents, const std::string& currency) {
  return format_money(cents, currency, i18n::format(), true);
}

std::string money(const Money& price) { return money_cents(price.amount_cents, price.currency); }

std::string money(const nlohmann::json& price) {
  if (!price.is_object()) return {};
  return money_cents(price.value("amount_cents", std::int64_t{0}), price.value("currency", std::string("EUR")));
}

}  // namespace portal::screens
