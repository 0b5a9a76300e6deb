// Public endpoints (no sign-in): the catalog, SLA previews, the knowledge base.
#include "api/router_impl.h"
#include "api/views.h"
#include "domain/json_values.h"
#include "domain/subscription.h"
#include "domain/text.h"
#include "time/iso8601.h"

namespace portal {

using nlohmann::json;

namespace {

std::vector<std::string> split_ids(const std::string& raw) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= raw.size() && !raw.empty()) {
    std::size_t comma = raw.find(',', pos);
    if (comma == std::string::npos) comma = raw.size();
    if (comma > pos) out.push_back(raw.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

std::string kb_lang(const KnowledgeBase& kb, const QueryParams& q) {
  const std::string lang = q.get("lang", "en");
  if (!kb.has_language(lang)) throw PortalError(ErrorKind::kBadRequest, "lang must be en, ru or bg", "lang");
  return lang;
}

// What every knowledge-base answer says of an article: search results, the list, the article.
json article_summary_json(const KbArticle& a) {
  json j;
  j["id"] = a.id;
  j["title"] = a.title;
  j["kind"] = a.kind;
  j["category"] = a.category;
  return j;
}

}  // namespace

HttpResponse Router::Impl::get_plans(Call&) {
  HttpResponse r;
  r.status = 200;
  r.headers = {{"Content-Type", "application/json; charset=utf-8"}, {"Cache-Control", "public, max-age=300"}};
  r.body = catalog.public_json;
  return r;
}

HttpResponse Router::Impl::get_sla_preview(Call& call) {
  const QueryParams& q = call.query;
  Company company;
  company.plan = q.get("plan");
  if (company.plan.empty()) throw PortalError(ErrorKind::kBadRequest, "plan is required", "plan");
  if (!catalog.find_plan(company.plan)) fail_validation("plan", "unknown plan \"" + company.plan + "\"");
  company.addons = split_ids(q.get("addons"));
  for (const std::string& id : company.addons)
    if (!catalog.find_addon(id)) fail_validation("addons", "unknown add-on \"" + id + "\"");
  company.packages = split_ids(q.get("packages"));
  for (const std::string& id : company.packages)
    if (!catalog.find_package(id)) fail_validation("packages", "unknown package \"" + id + "\"");
  if (!q.has("severity")) throw PortalError(ErrorKind::kBadRequest, "severity is required (1-5)", "severity");
  const int severity = q.integer("severity", 3, 1, 5);
  Instant at = call.now;
  if (q.has("at")) {
    std::string error;
    auto t = parse_instant(instant_param(q, "at"), &error);
    if (!t) throw PortalError(ErrorKind::kBadRequest, "at: " + error, "at");
    at = *t;
  }
  const auto policies = applicable_policies(catalog, company, at);
  auto first = earliest_due(policies, severity, TargetKind::kFirstResponse, at);
  auto follow = earliest_due(policies, severity, TargetKind::kFollowUp, at);
  auto describe = [&](const std::optional<PolicyDue>& d) -> json {
    if (!d) return nullptr;
    SlaClock clock{at, d->due, std::nullopt, d->policy->id, d->target};
    json j;
    j["due"] = format_instant(d->due);
    j["policy"] = d->policy->id;
    j["target"] = target_json(d->target);
    if (d->target.clock == Clock::kBusiness) j["explanation"] = clock_explanation_json(clock, catalog);
    return j;
  };
  json out;
  auto due_text = [](const auto& d) { return format_instant(d.due); };
  out["first_response_due"] = or_null(first, due_text);
  out["follow_up_due"] = or_null(follow, due_text);
  out["at"] = format_instant(at);
  out["effective_tier"] = effective_tier(catalog, company, at).tier;
  out["first_response"] = describe(first);
  out["follow_up"] = describe(follow);
  return json_response(200, out);
}

HttpResponse Router::Impl::get_kb_search(Call& call) {
  const std::string lang = kb_lang(kb, call.query);
  const std::string text = call.query.get("q");
  if (utf8_length(text) > 500) throw PortalError(ErrorKind::kBadRequest, "q must be at most 500 characters", "q");
  const int limit = call.query.integer("limit", 10, 1, 50);
  json results = json::array();
  // Across languages unless ?all_languages=false: results say their language.
  const std::string all_text = call.query.get("all_languages", "true");
  if (all_text != "true" && all_text != "false")
    throw PortalError(ErrorKind::kBadRequest, "all_languages must be true or false", "all_languages");
  const bool all = all_text == "true";
  const auto found = all ? kb.search_all_languages(lang, text, static_cast<std::size_t>(limit))
                         : kb.search(lang, text, static_cast<std::size_t>(limit));
  for (const KbResult& r : found) {
    json& result = results.emplace_back(article_summary_json(*r.article));
    result["snippet"] = r.snippet;
    result["score"] = r.score;
    result["lang"] = r.lang;
  }
  return json_response(200, {{"results", results}, {"lang", lang}});
}

HttpResponse Router::Impl::get_kb_articles(Call& call) {
  const std::string lang = kb_lang(kb, call.query);
  json list = json::array();
  for (const KbArticle& a : kb.articles(lang)) list.push_back(article_summary_json(a));
  return json_response(200, {{"articles", list}, {"lang", lang}});
}

HttpResponse Router::Impl::get_kb_article(Call& call) {
  const std::string lang = kb_lang(kb, call.query);
  const KbArticle* a = kb.article(lang, call.params[0]);
  if (!a) throw PortalError(ErrorKind::kNotFound, "no article " + call.params[0], "id");
  json out = article_summary_json(*a);
  out["body"] = a->body;
  out["tags"] = a->tags;
  out["lang"] = lang;
  return json_response(200, out);
}

}  // namespace portal
