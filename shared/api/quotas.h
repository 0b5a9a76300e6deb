// The customers' quotas of the catalog (catalog.h Quotas), checked inside the write transaction
// that would exceed them, so that racing calls cannot slip past: 429 with Retry-After for the
// rates, 409 naming the limit for the bookings cap.
#pragma once
#include "catalog/catalog.h"
#include "domain/store.h"

namespace portal {

// New requests of a company in the last hour.
void check_new_request_quota(StoreTx& tx, const Quotas& q, const std::string& company_id, Instant now);
// Messages of this author on this request in the last minute (customers only; agents are staff).
void check_message_quota(const Quotas& q, const Request& r, const std::string& author_id, Instant now);
// Calls booked ahead by a company (active, not yet started).
void check_booking_quota(StoreTx& tx, const Quotas& q, const std::string& company_id, Instant now);

}  // namespace portal
