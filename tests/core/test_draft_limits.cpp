// The portal's drafts cap (shared/domain/draft_limits.*).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "domain/draft_limits.h"
#include "domain/text.h"

namespace portal {
namespace {

using Keys = std::vector<std::string>;

TEST_CASE("drafts: a draft is cut to the size cap on a character boundary") {
  CHECK(drafts::clamp_draft("short") == "short");
  CHECK(drafts::clamp_draft("abcdef", 4) == "abcd");
  CHECK(drafts::clamp_draft("жжж", 5) == "жж");  // 2 bytes each: the third would be split
  CHECK(drafts::clamp_draft("a😀b", 4) == "a");   // a 4-byte emoji is kept whole or not at all
  CHECK(drafts::clamp_draft("a😀b", 5) == "a😀");
  std::string long_text;
  for (int i = 0; i < 60000; ++i) long_text += "ж";  // 120 kB
  const std::string kept = drafts::clamp_draft(long_text);
  CHECK(kept.size() <= drafts::kMaxDraftBytes);
  CHECK(kept.size() >= drafts::kMaxDraftBytes - 1);
  CHECK(is_valid_utf8(kept));
  // The longest valid description (20000 characters of 4 bytes) fits whole.
  std::string widest;
  for (int i = 0; i < 20000; ++i) widest += "😀";
  CHECK(drafts::clamp_draft(widest) == widest);
}

TEST_CASE("drafts: at most kMaxDrafts per user, the least recently written go first") {
  drafts::DraftIndex index;
  CHECK(index.touch("a", 3).empty());
  CHECK(index.touch("b", 3).empty());
  CHECK(index.touch("c", 3).empty());
  CHECK(index.touch("a", 3).empty());  // written again: now the newest
  CHECK(index.keys == Keys{"b", "c", "a"});
  CHECK(index.touch("d", 3) == Keys{"b"});
  CHECK(index.keys == Keys{"c", "a", "d"});
  index.drop("a");
  CHECK(index.keys == Keys{"c", "d"});
  CHECK(index.touch("e", 3).empty());
  // Stored as text and read back (blank lines and repeats ignored).
  CHECK(drafts::DraftIndex::parse(index.text()).keys == index.keys);
  CHECK(drafts::DraftIndex::parse("x\n\nx\ny").keys == Keys{"x", "y"});
  CHECK(drafts::DraftIndex::parse("").keys.empty());
  // With the default cap.
  drafts::DraftIndex many;
  std::vector<std::string> dropped;
  for (std::size_t i = 0; i < drafts::kMaxDrafts + 5; ++i)
    for (const std::string& k : many.touch("reply." + std::to_string(i))) dropped.push_back(k);
  CHECK(many.keys.size() == drafts::kMaxDrafts);
  CHECK(dropped == Keys{"reply.0", "reply.1", "reply.2", "reply.3", "reply.4"});
  CHECK(many.keys.back() == "reply." + std::to_string(drafts::kMaxDrafts + 4));
}

}  // namespace
}  // namespace portal
