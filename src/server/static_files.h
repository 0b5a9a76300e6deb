// Serves the static portal (the --web folder, e.g. dist/) safely: `/` is index.html; percent-
// encoded tricks (.., %2F, %5C, NUL, backslashes) are refused and no path ever leaves the folder
// (checked on the canonical path, so symlinks cannot escape either). Picks a pre-compressed
// sibling (file.br, file.gz) when the client accepts it, else gzips text on the fly (cached);
// ETag per variant with If-None-Match → 304; Cache-Control: no-cache for pages and unhashed
// names, a year (immutable) for names with a content hash.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "api/http.h"

namespace portal {

struct StaticResponse {
  int status = 200;
  HeaderList headers;
  std::shared_ptr<const std::string> body;  // shared with the cache; null for no body
};

class StaticFiles {
 public:
  // Throws std::runtime_error when root is not a readable folder.
  explicit StaticFiles(const std::filesystem::path& root);

  // GET or HEAD of `raw_path` (percent-encoded as received, no query). Errors come back as
  // 400/404/405 StaticResponses whose body is the api.md error JSON. `versioned`: the URL carries
  // a version (?v=...), so it may be cached for a year like a hashed name.
  StaticResponse serve(std::string_view method, std::string_view raw_path, std::string_view accept_encoding,
                       std::string_view if_none_match, bool versioned = false);

  const std::filesystem::path& root() const { return root_; }

  // The relative file a request path maps to, or the status that refuses it (400 for tricks,
  // 404 otherwise). Exposed for tests of the path rules.
  struct Resolved {
    int status = 0;        // 0: ok
    std::string relative;  // decoded, '/'-separated, no leading '/'
  };
  static Resolved resolve(std::string_view raw_path);

  static std::string content_type_for(std::string_view filename);

 private:
  struct Entry {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const std::string> gzipped;  // on-the-fly gzip of body, made on demand
  };
  // File content, from the cache when size and mtime still match.
  std::shared_ptr<const std::string> load(const std::filesystem::path& file, std::uintmax_t size, std::int64_t mtime_ns,
                                          bool gzip_it);
  // The canonical file inside root_, or empty when missing / outside / not a regular file.
  std::filesystem::path inside(const std::filesystem::path& candidate) const;

  std::filesystem::path root_;  // canonical
  std::mutex mutex_;
  std::map<std::string, Entry> cache_;
  std::size_t cached_bytes_ = 0;
};

// The api.md error body: {"error": {"code", "message"}}.
std::string error_json(std::string_view code, std::string_view message);

}  // namespace portal
