// The offline demo's tabs (issues #10, #11): every tab of the demo runs its own router over its
// own copy of the state, and they share one saved state in IndexedDB (database "portal-demo",
// store "state": the state under "v1", its revision under "rev"). Each call takes the Web Lock
// "portal-demo-state", reloads the state when another tab saved a newer revision, runs, saves
// with revision + 1 and releases; the events it caused go to the other tabs over the
// BroadcastChannel "portal-demo", so their screens update as online ones do from the server's
// stream. No tab overwrites another's changes. A failed save is flagged (save_failed) and kept
// as the latest text, written again when the page is hidden or closed.
#pragma once
#include <string>
#include <string_view>

namespace portal::client::demo_tabs {

class Handler {
 public:
  virtual ~Handler() = default;
  // The state saved at start-up (has_saved false: nothing saved yet).
  virtual void loaded(std::string_view saved, bool has_saved) = 0;
  // The lock is held: `newer` is another tab's state, saved after the one this tab has (or
  // has_newer false). The handler ends with commit(), which releases the lock.
  virtual void locked(std::string_view newer, bool has_newer) = 0;
  // Events another tab caused: a JSON array of {"data", "company_id", "levels", "agent_ids"}.
  virtual void remote(std::string_view events_json) = 0;
};

// Reads the saved state (handler->loaded later) and listens to the other tabs.
void start(Handler* handler);
void stop(Handler* handler);
// Asks for the lock; handler->locked runs once it is held.
void lock();
// While holding the lock: saves `state` with the next revision (nothing when save is false),
// then tells the other tabs `events_json` (nothing when empty) and releases the lock.
void commit(bool save, const std::string& state, const std::string& events_json);
bool save_failed();
// A saved state that cannot be read: kept under "unreadable-<time>", never overwritten.
void keep_aside(std::string_view text);

}  // namespace portal::client::demo_tabs
