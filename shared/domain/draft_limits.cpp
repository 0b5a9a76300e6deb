#include "domain/draft_limits.h"

#include <algorithm>

namespace portal::drafts {

std::string clamp_draft(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back to the start of the character that would be cut (continuation bytes are 10xxxxxx).
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

DraftIndex DraftIndex::parse(const std::string& stored) {
  DraftIndex index;
  std::size_t pos = 0;
  while (pos < stored.size()) {
    std::size_t nl = stored.find('\n', pos);
    if (nl == std::string::npos) nl = stored.size();
    std::string key = stored.substr(pos, nl - pos);
    if (!key.empty() && std::find(index.keys.begin(), index.keys.end(), key) == index.keys.end())
      index.keys.push_back(std::move(key));
    pos = nl + 1;
  }
  return index;
}

std::string DraftIndex::text() const {
  std::string out;
  for (const std::string& k : keys) out += k + "\n";
  return out;
}

std::vector<std::string> DraftIndex::touch(const std::string& key, std::size_t max_drafts) {
  drop(key);
  keys.push_back(key);
  std::vector<std::string> over;
  while (keys.size() > max_drafts && keys.size() > 1) {
    over.push_back(keys.front());
    keys.erase(keys.begin());
  }
  return over;
}

void DraftIndex::drop(const std::string& key) { keys.erase(std::remove(keys.begin(), keys.end(), key), keys.end()); }

}  // namespace portal::drafts
