// The JSON shapes of the API (assets/openapi.json), built from model structs.
#pragma once
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "domain/model.h"
#include "domain/subscription.h"

namespace portal {

// {"id", "name"}: how the API names a company, an agent, a message's author, a channel.
nlohmann::json id_name_json(const std::string& id, const std::string& name);
nlohmann::json money_json(std::int64_t cents, const std::string& currency);
nlohmann::json target_json(const Target& target);
nlohmann::json customer_json(const Customer& customer, const Company& company);
nlohmann::json agent_json(const Agent& agent);
// `detail`: with messages and, for business-clock targets, the explanation of each due time.
nlohmann::json request_json(const Request& request, const Catalog& catalog, Instant now, bool detail);
nlohmann::json booking_json(const Booking& booking, const Agent* agent);
nlohmann::json plan_change_json(const PlanChange& change);
// The /me body of a customer: subscription, tier and why, channels with live open state.
nlohmann::json me_json(const Catalog& catalog, const Customer& customer, const Company& company, const Agent* manager,
                       const Agent* dedicated, Instant now);
nlohmann::json clock_explanation_json(const SlaClock& clock, const Catalog& catalog);

}  // namespace portal
