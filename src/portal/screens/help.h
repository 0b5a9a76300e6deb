// Help: the knowledge base and FAQ with instant search, and a chat-bot that answers from it and hands over to a new request with the conversation attached.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"

namespace portal::screens {

class HelpScreen {
 public:
  void draw(app::Context& ctx);

 private:
};

}  // namespace portal::screens
