#include "api/request_view.h"

#include "api/views.h"
#include "domain/json_values.h"
#include "domain/requests.h"
#include "domain/subscription.h"
#include "time/iso8601.h"

namespace portal {

using nlohmann::json;

json request_view_json(StoreTx& tx, const Catalog& catalog, const Request& r, const Principal& who, Instant now,
                       bool detail) {
  json j = request_json(r, catalog, now, detail);
  const auto until = reopen_until(r, now);
  j["reopen_until"] = instant_or_null(until);
  if (detail) {  // a list's summaries carry no messages, which the rule needs
    json actions = json::array();
    for (RequestAction a : request_actions(r, who.is_agent() ? &who.agent : nullptr, now))
      actions.push_back(to_string(a));
    j["actions"] = std::move(actions);
  }
  if (!who.is_agent()) {
    if (j.contains("messages")) {
      json& messages = j["messages"];
      json kept = json::array();
      for (json& m : messages)
        if (m["author"].value("kind", "") != "internal") kept.push_back(std::move(m));
      messages = std::move(kept);
    }
    return j;
  }
  json customer;
  customer["id"] = r.customer_id;
  if (auto c = tx.customer(r.customer_id)) {
    customer["name"] = c->name;
    customer["email"] = c->email;
  }
  if (auto company = tx.company(r.company_id)) {
    customer["company"] = id_name_json(company->id, company->name);
    customer["plan"] = company->plan;
    customer["effective_tier"] = effective_tier(catalog, *company, now).tier;
  }
  if (!r.assignee_id.empty())
    if (auto a = tx.agent(r.assignee_id)) j["assignee"] = id_name_json(a->id, a->name);
  j["customer"] = std::move(customer);
  return j;
}

}  // namespace portal
