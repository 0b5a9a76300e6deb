// The online back end's events: GET /api/v1/events read with fetch() streaming (the token goes
// in the Authorization header, never in a URL), parsed as Server-Sent Events in the page, and
// reconnected with backoff (1, 2, 4 … 30 s) and Last-Event-ID after a lost stream. Heartbeats
// (comment lines) draw no frame: with nothing changing the portal stays at zero frames.
#pragma once
#include <string>

#include "client/backend.h"

namespace portal::client {

class OnlineEvents {
 public:
  ~OnlineEvents();
  void listen(const std::string& token, EventFn fn);
  void unlisten();
  const char* state() const;
};

}  // namespace portal::client
