// How much the portal keeps of what people type but have not sent (app/drafts.h): a bounded
// number of drafts per user, each of bounded size. The browser's localStorage holds about 5 MB
// per site, shared by everyone who signs in on that browser; without a bound, replies typed into
// many requests and never sent would fill it and make every later save fail.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace portal::drafts {

// Per user and mode (online, demo): the least recently written drafts are removed first.
constexpr std::size_t kMaxDrafts = 20;
// A request's description is at most 20000 characters (up to 80 kB of UTF-8) plus its subject.
constexpr std::size_t kMaxDraftBytes = 96 * 1024;

// `text` cut to at most max_bytes without splitting a UTF-8 character.
std::string clamp_draft(std::string text, std::size_t max_bytes = kMaxDraftBytes);

// The keys of one user's drafts, the most recently written last; stored as one line per key.
struct DraftIndex {
  std::vector<std::string> keys;

  static DraftIndex parse(const std::string& stored);
  std::string text() const;
  // `key` was written: it moves to the end. Returns the keys over `max_drafts`, oldest first,
  // which are no longer in the index (their drafts are to be removed).
  std::vector<std::string> touch(const std::string& key, std::size_t max_drafts = kMaxDrafts);
  // `key`'s draft was removed (sent, or emptied).
  void drop(const std::string& key);
};

}  // namespace portal::drafts
