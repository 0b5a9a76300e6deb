#include "api/quotas.h"

#include "domain/errors.h"

namespace portal {

void check_new_request_quota(StoreTx& tx, const Quotas& q, const std::string& company_id, Instant now) {
  // Only the quota-th newest request matters (newest first): one row, not the company's history.
  RequestQuery query;
  query.company_id = company_id;
  query.offset = q.new_requests_per_company_per_hour - 1;
  query.limit = 1;
  const RequestPage page = tx.list_requests(query);
  if (page.requests.empty()) return;
  const Instant oldest = page.requests.front().created_at;
  if (oldest + 3600 <= now) return;
  fail_retry_later(ErrorKind::kRateLimited, oldest + 3600 - now,
                   "your company has opened " + std::to_string(q.new_requests_per_company_per_hour) +
                       " requests in the last hour, the most allowed; add to an open request or try again later",
                   "request_quota");
}

void check_message_quota(const Quotas& q, const Request& r, const std::string& author_id, Instant now) {
  int recent = 0;
  Instant oldest = now;
  for (const Message& m : r.messages)
    if (m.author_id == author_id && m.created_at > now - 60) {
      ++recent;
      oldest = std::min(oldest, m.created_at);
    }
  if (recent < q.messages_per_request_per_minute) return;
  fail_retry_later(ErrorKind::kRateLimited, oldest + 60 - now,
                   "at most " + std::to_string(q.messages_per_request_per_minute) +
                       " messages a minute on one request; please wait a moment",
                   "message_quota", "body");
}

void check_booking_quota(StoreTx& tx, const Quotas& q, const std::string& company_id, Instant now) {
  int ahead = 0;
  for (const Booking& b : tx.company_bookings(company_id))
    if (b.status == "booked" && b.start > now) ++ahead;
  if (ahead < q.future_bookings_per_company) return;
  throw PortalError(ErrorKind::kConflict,
                    "your company can have at most " + std::to_string(q.future_bookings_per_company) +
                        " calls booked ahead; cancel one before booking another",
                    "start", "booking_quota");
}

}  // namespace portal
