// A request as its viewer sees it. Customers never see internal notes (author kind "internal").
// Agents also get who asked: the customer's name and email, the company, its plan and effective
// tier (the queue and the request view show them instead of a raw id).
#pragma once
#include <nlohmann/json.hpp>

#include "api/router_impl.h"

namespace portal {

nlohmann::json request_view_json(StoreTx& tx, const Catalog& catalog, const Request& request, const Principal& who,
                                 Instant now, bool detail);

}  // namespace portal
