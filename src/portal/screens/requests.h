// Requests (customer): the list with filters, search and paging, the new-request form with knowledge-base suggestions, and a request's detail: conversation, level, live SLA countdowns with the explanation of each due time, reply, close, reopen, rate.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"

namespace portal::screens {

class RequestsScreen {
 public:
  void draw(app::Context& ctx);
  // Shows one request's detail (from a link elsewhere, e.g. a toast or the chat-bot).
  void open(const std::string& request_id);
  // Opens the new-request form prefilled: {subject, description, severity, category} (any may be
  // missing), e.g. the chat-bot's conversation handed over.
  void start_new(const nlohmann::json& draft);

 private:
};

}  // namespace portal::screens
