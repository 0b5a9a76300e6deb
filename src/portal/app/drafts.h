// Drafts that survive leaving a screen and reloading the page: a new request's form, a reply.
// Kept in localStorage per mode and per signed-in user ("draft.<mode>.<role>:<id>.<what>"), so
// that one user never sees another's; removed once sent (the text becomes empty) and, for the
// user who signs out on purpose, at sign-out (an ended session keeps them: nothing typed is lost).
// Bounded (domain/draft_limits.h): each draft is kept up to kMaxDraftBytes, and a user keeps at
// most kMaxDrafts of them; writing one more removes the least recently written.
#pragma once
#include <string>

#include "app/context.h"

namespace portal::app {

class Draft {
 public:
  // Call every frame the text is shown. Under a new key (another user, another request) the kept
  // draft is loaded into `text` when `text` is empty (returns true then); afterwards every change
  // of `text` is kept, and an empty text removes the draft.
  bool sync(const std::string& key, std::string& text);

 private:
  std::string key_, saved_;
};

// The key of `what` ("new", "reply.<request id>") for the signed-in user ("" when signed out).
std::string draft_key(const Context& ctx, const std::string& what);
// Removes every draft of the signed-in user (an explicit sign-out).
void forget_drafts(const Context& ctx);

}  // namespace portal::app
