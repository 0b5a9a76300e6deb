#include "catalog/catalog.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "time/iso8601.h"

namespace portal {

using nlohmann::json;

namespace {

// Reads one JSON node and knows its path, so every error names the key at fault.
class Node {
 public:
  Node(const json& j, std::string path) : j_(j), path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& problem) const {
    throw CatalogError("catalog: " + (path_.empty() ? std::string("(top level)") : path_) + ": " + problem);
  }
  const std::string& path() const { return path_; }
  const json& raw() const { return j_; }
  bool has(const char* key) const { return j_.is_object() && j_.contains(key) && !j_[key].is_null(); }

  Node at(const char* key) const {
    if (!j_.is_object()) fail("must be an object");
    std::string p = path_.empty() ? key : path_ + "." + key;
    if (!j_.contains(key)) Node(j_, p).fail("is missing");
    return Node(j_[key], p);
  }
  Node at(std::size_t i) const { return Node(j_[i], path_ + "[" + std::to_string(i) + "]"); }

  std::string str() const {
    if (!j_.is_string()) fail("must be a string");
    return j_.get<std::string>();
  }
  std::string nonempty_str() const {
    std::string s = str();
    if (s.empty()) fail("must not be empty");
    return s;
  }
  std::int64_t integer(std::int64_t lo, std::int64_t hi) const {
    if (!j_.is_number_integer()) fail("must be an integer");
    std::int64_t v = j_.get<std::int64_t>();
    if (v < lo || v > hi)
      fail("is " + std::to_string(v) + ", must be " + std::to_string(lo) + ".." + std::to_string(hi));
    return v;
  }
  bool boolean() const {
    if (!j_.is_boolean()) fail("must be true or false");
    return j_.get<bool>();
  }
  std::size_t array_size() const {
    if (!j_.is_array()) fail("must be an array");
    return j_.size();
  }
  std::vector<std::string> strings() const {
    std::vector<std::string> out;
    for (std::size_t i = 0, n = array_size(); i < n; ++i) out.push_back(at(i).str());
    return out;
  }

 private:
  const json& j_;
  std::string path_;
};

Money read_money(const Node& n) {
  Money m;
  m.amount_cents = n.at("amount_cents").integer(0, 100'000'000'00);
  m.currency = n.at("currency").nonempty_str();
  if (m.currency.size() != 3) n.at("currency").fail("must be an ISO 4217 code like \"EUR\"");
  m.period = n.at("period").nonempty_str();
  if (m.period != "month") n.at("period").fail("must be \"month\"");
  return m;
}

Schedule read_schedule(const Node& n) {
  Schedule s;
  s.id = n.at("id").nonempty_str();
  s.tz_name = n.at("tz").nonempty_str();
  if (n.has("name")) s.name = n.at("name").str();
  std::string error;
  auto tz = PosixTz::parse(n.at("posix_tz").str(), &error);
  if (!tz) n.at("posix_tz").fail(error);
  s.tz = *tz;
  Node weekly = n.at("weekly");
  if (weekly.array_size() != 7) weekly.fail("must list 7 days, Monday first");
  bool any_open = false;
  for (std::size_t d = 0; d < 7; ++d) {
    Node day = weekly.at(d);
    int previous_close = -1;
    for (std::size_t i = 0, k = day.array_size(); i < k; ++i) {
      Node iv = day.at(i);
      auto open = parse_hhmm(iv.at("open").str(), false, &error);
      if (!open) iv.at("open").fail(error);
      auto close = parse_hhmm(iv.at("close").str(), true, &error);
      if (!close) iv.at("close").fail(error);
      if (*close <= *open) iv.fail("close must be after open");
      if (*open < previous_close) iv.fail("overlaps or precedes the interval before it");
      previous_close = *close;
      s.weekly[d].push_back({*open, *close});
      any_open = true;
    }
  }
  if (!any_open) weekly.fail("has no open hours at all");
  if (n.has("holidays")) {
    Node hol = n.at("holidays");
    for (std::size_t i = 0, k = hol.array_size(); i < k; ++i) {
      auto date = parse_date(hol.at(i).str(), &error);
      if (!date) hol.at(i).fail(error);
      s.holidays.push_back(days_from_civil(*date));
    }
    std::sort(s.holidays.begin(), s.holidays.end());
  }
  return s;
}

std::optional<Target> read_target(const Node& n) {
  if (n.raw().is_null()) return std::nullopt;
  Target t;
  t.minutes = static_cast<int>(n.at("minutes").integer(0, 60 * 24 * 366));
  std::string clock = n.at("clock").str();
  if (clock == "business") t.clock = Clock::kBusiness;
  else if (clock == "calendar") t.clock = Clock::kCalendar;
  else n.at("clock").fail("must be \"business\" or \"calendar\"");
  return t;
}

}  // namespace

const Plan* Catalog::find_plan(std::string_view id) const {
  for (const Plan& p : plans)
    if (p.id == id) return &p;
  return nullptr;
}
const Offer* Catalog::find_package(std::string_view id) const {
  for (const Offer& o : packages)
    if (o.id == id) return &o;
  return nullptr;
}
const Offer* Catalog::find_addon(std::string_view id) const {
  for (const Offer& o : addons)
    if (o.id == id) return &o;
  return nullptr;
}
const Schedule* Catalog::find_schedule(std::string_view id) const {
  for (const Schedule& s : schedules)
    if (s.id == id) return &s;
  return nullptr;
}
const Policy* Catalog::find_policy(std::string_view id) const {
  for (const Policy& p : policies)
    if (p.id == id) return &p;
  return nullptr;
}
int Catalog::tier_rank(std::string_view tier) const {
  for (std::size_t i = 0; i < tiers.size(); ++i)
    if (tiers[i] == tier) return static_cast<int>(i) + 1;
  return 0;
}
const Plan* Catalog::plan_for_tier(std::string_view tier) const {
  for (const Plan& p : plans)
    if (p.tier == tier) return &p;
  return nullptr;
}

namespace {

// What is being read: the operator's whole file, or the public part GET /plans serves (no
// request categories, no manager schedule, no sessions or quotas).
enum class Source { kOperatorFile, kPublicCatalog };

Catalog read_catalog(std::string_view json_text, Source source) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) throw CatalogError("catalog: not valid JSON");
  Node root(doc, "");
  if (!doc.is_object()) root.fail("must be a JSON object");

  Catalog c;
  c.tiers = root.at("tiers").strings();
  if (c.tiers.empty()) root.at("tiers").fail("must not be empty");

  Node schedules = root.at("schedules");
  for (std::size_t i = 0, n = schedules.array_size(); i < n; ++i) {
    Schedule s = read_schedule(schedules.at(i));
    if (c.find_schedule(s.id)) schedules.at(i).at("id").fail("duplicate schedule id \"" + s.id + "\"");
    c.schedules.push_back(std::move(s));
  }
  auto schedule_ref = [&](const Node& n) -> const Schedule* {
    std::string id = n.str();
    const Schedule* s = c.find_schedule(id);
    if (!s) n.fail("unknown schedule \"" + id + "\"");
    return s;
  };

  Node policies = root.at("policies");
  for (std::size_t i = 0, n = policies.array_size(); i < n; ++i) {
    Node pn = policies.at(i);
    Policy p;
    p.id = pn.at("id").nonempty_str();
    if (c.find_policy(p.id)) pn.at("id").fail("duplicate policy id \"" + p.id + "\"");
    p.schedule_id = pn.at("schedule").str();
    p.schedule = schedule_ref(pn.at("schedule"));
    Node targets = pn.at("targets");
    if (targets.array_size() != 5) targets.fail("must give targets for severities 1 to 5");
    for (std::size_t k = 0; k < 5; ++k) {
      Node tn = targets.at(k);
      if (tn.at("severity").integer(1, 5) != static_cast<std::int64_t>(k) + 1)
        tn.at("severity").fail("must be " + std::to_string(k + 1) + " (severities in order)");
      p.targets[k].first_response = read_target(tn.at("first_response"));
      if (!p.targets[k].first_response) tn.at("first_response").fail("is required");
      if (tn.has("follow_up")) p.targets[k].follow_up = read_target(tn.at("follow_up"));
    }
    c.policies.push_back(std::move(p));
  }
  auto policy_ref = [&](const Node& n) -> const Policy* {
    std::string id = n.str();
    const Policy* p = c.find_policy(id);
    if (!p) n.fail("unknown policy \"" + id + "\"");
    return p;
  };
  auto read_channels = [&](const Node& n) {
    std::vector<Channel> out;
    std::set<std::string> seen;
    for (std::size_t i = 0, k = n.array_size(); i < k; ++i) {
      Node cn = n.at(i);
      Channel ch;
      ch.id = cn.at("id").nonempty_str();
      if (!seen.insert(ch.id).second) cn.at("id").fail("duplicate channel \"" + ch.id + "\"");
      ch.name = cn.at("name").nonempty_str();
      if (cn.has("contact")) ch.contact = cn.at("contact").str();
      if (cn.has("schedule")) {
        ch.schedule_id = cn.at("schedule").str();
        ch.schedule = schedule_ref(cn.at("schedule"));
      }
      out.push_back(std::move(ch));
    }
    return out;
  };
  auto tier_ref = [&](const Node& n) {
    std::string tier = n.str();
    if (!c.tier_rank(tier)) n.fail("unknown tier \"" + tier + "\"");
    return tier;
  };

  Node plans = root.at("plans");
  for (std::size_t i = 0, n = plans.array_size(); i < n; ++i) {
    Node pn = plans.at(i);
    Plan p;
    p.id = pn.at("id").nonempty_str();
    if (c.find_plan(p.id)) pn.at("id").fail("duplicate plan id \"" + p.id + "\"");
    p.tier = tier_ref(pn.at("tier"));
    p.rank = static_cast<int>(pn.at("rank").integer(1, 100));
    if (p.rank != c.tier_rank(p.tier)) pn.at("rank").fail("must equal the rank of tier \"" + p.tier + "\"");
    p.name = pn.at("name").nonempty_str();
    p.price = read_money(pn.at("price"));
    p.channels = read_channels(pn.at("channels"));
    p.schedule_id = pn.at("schedule").str();
    schedule_ref(pn.at("schedule"));
    p.policy_id = pn.at("policy").str();
    p.policy = policy_ref(pn.at("policy"));
    if (pn.has("personal_manager")) p.personal_manager = pn.at("personal_manager").boolean();
    if (pn.has("onsite")) p.onsite = pn.at("onsite").boolean();
    if (pn.has("pros")) p.pros = pn.at("pros").strings();
    if (pn.has("cons")) p.cons = pn.at("cons").strings();
    c.plans.push_back(std::move(p));
  }
  for (const char* required : {"basic", "standard", "priority", "premium"})
    if (!c.find_plan(required)) plans.fail(std::string("must include the plan \"") + required + "\"");
  for (std::size_t i = 1; i < c.plans.size(); ++i)
    if (c.plans[i].rank <= c.plans[i - 1].rank) plans.at(i).at("rank").fail("plans must be listed by rising rank");

  auto read_offers = [&](const char* key, std::vector<Offer>& out) {
    Node list = root.at(key);
    for (std::size_t i = 0, n = list.array_size(); i < n; ++i) {
      Node on = list.at(i);
      Offer o;
      o.id = on.at("id").nonempty_str();
      if (c.find_package(o.id) || c.find_addon(o.id)) on.at("id").fail("duplicate offer id \"" + o.id + "\"");
      o.name = on.at("name").nonempty_str();
      if (on.has("description")) o.description = on.at("description").str();
      o.price = read_money(on.at("price"));
      if (on.has("tier")) o.tier = tier_ref(on.at("tier"));
      if (on.has("requires_plan")) {
        o.requires_plan = on.at("requires_plan").str();
        if (!c.find_plan(o.requires_plan)) on.at("requires_plan").fail("unknown plan \"" + o.requires_plan + "\"");
      }
      if (on.has("policy")) {
        o.policy_id = on.at("policy").str();
        o.policy = policy_ref(on.at("policy"));
      }
      if (on.has("schedule")) {
        o.schedule_id = on.at("schedule").str();
        o.schedule = schedule_ref(on.at("schedule"));
      }
      if (on.has("channels")) o.channels = read_channels(on.at("channels"));
      out.push_back(std::move(o));
    }
  };
  read_offers("packages", c.packages);
  read_offers("addons", c.addons);
  if (c.packages.empty() ||
      std::none_of(c.packages.begin(), c.packages.end(), [](const Offer& o) { return !o.tier.empty(); }))
    root.at("packages").fail("must offer at least one support package that raises the tier");
  const Offer* dedicated = c.find_addon("dedicated_agent");
  if (!dedicated) root.at("addons").fail("must include the \"dedicated_agent\" add-on");
  if (dedicated->requires_plan != "premium") root.at("addons").fail("dedicated_agent must require the premium plan");
  if (!dedicated->policy || !dedicated->schedule)
    root.at("addons").fail("dedicated_agent must bring a policy and a schedule");

  if (root.has("tier_rules")) {
    Node rules = root.at("tier_rules");
    for (std::size_t i = 0, n = rules.array_size(); i < n; ++i) {
      Node rn = rules.at(i);
      TierRule r;
      r.id = rn.at("id").nonempty_str();
      r.name = rn.at("name").nonempty_str();
      r.tier = tier_ref(rn.at("tier"));
      if (rn.has("category")) r.category = rn.at("category").nonempty_str();
      if (rn.has("min_tenure_months"))
        r.min_tenure_months = static_cast<int>(rn.at("min_tenure_months").integer(0, 1200));
      if (rn.has("min_monthly_volume_cents"))
        r.min_monthly_volume_cents = rn.at("min_monthly_volume_cents").integer(0, INT64_MAX / 4);
      if (!r.category && !r.min_tenure_months && !r.min_monthly_volume_cents)
        rn.fail("needs a condition: category, min_tenure_months or min_monthly_volume_cents");
      c.tier_rules.push_back(std::move(r));
    }
  }

  Node sev = root.at("severities");
  if (sev.array_size() != 5) sev.fail("must describe severities 1 to 5");
  for (std::size_t i = 0; i < 5; ++i) {
    Node sn = sev.at(i);
    SeverityInfo s;
    s.severity = static_cast<int>(sn.at("severity").integer(1, 5));
    if (s.severity != static_cast<int>(i) + 1) sn.at("severity").fail("severities must be listed 1 to 5");
    s.name = sn.at("name").nonempty_str();
    s.definition = sn.at("definition").nonempty_str();
    c.severities.push_back(std::move(s));
  }

  Node booking = root.at("booking");
  c.booking.slot_minutes = static_cast<int>(booking.at("slot_minutes").integer(5, 240));
  c.booking.min_notice_minutes = static_cast<int>(booking.at("min_notice_minutes").integer(0, 60 * 24 * 14));
  c.booking.horizon_days = static_cast<int>(booking.at("horizon_days").integer(1, 366));
  if (source == Source::kOperatorFile || booking.has("manager_schedule")) {
    c.booking.manager_schedule_id = booking.at("manager_schedule").str();
    c.booking.manager_schedule = schedule_ref(booking.at("manager_schedule"));
  }

  if (root.has("sessions")) c.session_ttl_days = static_cast<int>(root.at("sessions").at("ttl_days").integer(1, 365));
  if (root.has("quotas")) {
    Node q = root.at("quotas");
    auto quota = [&](const char* key, int& out) {
      if (q.has(key)) out = static_cast<int>(q.at(key).integer(1, 1000000));
    };
    quota("new_requests_per_company_per_hour", c.quotas.new_requests_per_company_per_hour);
    quota("messages_per_request_per_minute", c.quotas.messages_per_request_per_minute);
    quota("future_bookings_per_company", c.quotas.future_bookings_per_company);
    quota("registrations_per_address_per_10_minutes", c.quotas.registrations_per_address_per_10_minutes);
  }
  const char* const required_categories[] = {"technical", "billing", "account", "onsite", "other"};
  if (source == Source::kPublicCatalog && !root.has("requests")) {
    c.categories.assign(std::begin(required_categories), std::end(required_categories));
  } else {
    c.categories = root.at("requests").at("categories").strings();
    for (const char* required : required_categories)
      if (std::find(c.categories.begin(), c.categories.end(), required) == c.categories.end())
        root.at("requests").at("categories").fail(std::string("must include \"") + required + "\"");
  }

  // The public catalog (GET /plans): the same document minus operator-only parts.
  json pub = json::object();
  for (const char* key : {"plans", "packages", "addons", "schedules", "policies", "severities", "tiers"})
    pub[key] = doc[key];
  pub["booking"] = {{"slot_minutes", c.booking.slot_minutes},
                    {"min_notice_minutes", c.booking.min_notice_minutes},
                    {"horizon_days", c.booking.horizon_days}};
  pub["tier_rules"] = doc.value("tier_rules", json::array());
  c.public_json = pub.dump();
  return c;
}

}  // namespace

Catalog load_catalog(std::string_view json_text) { return read_catalog(json_text, Source::kOperatorFile); }

Catalog load_public_catalog(std::string_view json_text) { return read_catalog(json_text, Source::kPublicCatalog); }

}  // namespace portal
