#include "domain/model.h"

namespace portal {

std::optional<Instant> Request::next_due() const {
  if (status == "resolved" || status == "closed") return std::nullopt;
  if (!first_response.met_at) return first_response.due;
  if (follow_up && !follow_up->met_at) return follow_up->due;
  return std::nullopt;
}

}  // namespace portal
