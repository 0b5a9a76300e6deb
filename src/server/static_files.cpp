#include "static_files.h"

#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "domain/text.h"
#include "http_encoding.h"

namespace portal {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxCachedFile = 16u << 20;   // bigger files are read on every request
constexpr std::size_t kMaxCacheBytes = 128u << 20;  // the whole cache

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

StaticResponse error_response(int status, std::string_view code, std::string_view message) {
  StaticResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/json; charset=utf-8"}, {"Cache-Control", "no-store"}};
  r.body = std::make_shared<const std::string>(error_json(code, message));
  return r;
}

// "name.3f9a1c0b.js", "name-3f9a1c0b7d.css": a content hash in the name → cache for a year.
bool is_hashed_name(std::string_view filename) {
  static const std::regex hashed(R"(.*[.-][0-9a-fA-F]{8,}\.[A-Za-z0-9]+(\.(gz|br))?$)");
  return std::regex_match(filename.begin(), filename.end(), hashed);
}

// Does If-None-Match name this entity tag? (weak comparison, as RFC 9110 asks for GET)
bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  auto strip = [](std::string_view t) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    if (t.substr(0, 2) == "W/") t.remove_prefix(2);
    return t;
  };
  const std::string_view want = strip(etag);
  std::size_t pos = 0;
  while (pos <= if_none_match.size() && !if_none_match.empty()) {
    std::size_t comma = if_none_match.find(',', pos);
    if (comma == std::string_view::npos) comma = if_none_match.size();
    std::string_view item = strip(if_none_match.substr(pos, comma - pos));
    if (item == "*" || item == want) return true;
    pos = comma + 1;
  }
  return false;
}

struct FileInfo {
  bool ok = false;
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
};

FileInfo regular_file_info(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  return {true, static_cast<std::uintmax_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

std::string make_etag(const FileInfo& info, std::string_view variant) {
  std::ostringstream s;
  s << '"' << std::hex << info.size << '-' << info.mtime_ns;
  if (!variant.empty()) s << '-' << variant;
  s << '"';
  return s.str();
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

}  // namespace

std::string error_json(std::string_view code, std::string_view message) {
  nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec || !fs::is_directory(root_)) throw std::runtime_error("web folder not found: " + root.string());
}

StaticFiles::Resolved StaticFiles::resolve(std::string_view raw) {
  if (raw.empty() || raw.front() != '/') return {400, {}};
  if (raw.size() > 1024) return {404, {}};
  // Decode, refusing encoded separators and NULs outright: they have no business in a file name.
  std::string decoded;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size()) return {400, {}};
      const int hi = hex_value(raw[i + 1]), lo = hex_value(raw[i + 2]);
      if (hi < 0 || lo < 0) return {400, {}};
      c = static_cast<char>(hi * 16 + lo);
      if (c == '/' || c == '\\' || c == '\0') return {400, {}};
      i += 2;
    }
    if (c == '\0' || c == '\\') return {400, {}};
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return {400, {}};
    decoded.push_back(c);
  }
  if (decoded.back() == '/') decoded += "index.html";
  std::vector<std::string> parts;
  std::size_t pos = 1;
  while (pos <= decoded.size()) {
    std::size_t slash = decoded.find('/', pos);
    if (slash == std::string::npos) slash = decoded.size();
    std::string seg = decoded.substr(pos, slash - pos);
    if (seg == "." || seg == "..") return {400, {}};
    if (seg.empty() || seg.front() == '.') return {404, {}};  // "//" or hidden files
    parts.push_back(std::move(seg));
    pos = slash + 1;
  }
  if (parts.empty()) return {404, {}};
  std::string rel;
  for (const auto& p : parts) rel += (rel.empty() ? "" : "/") + p;
  return {0, rel};
}

std::string StaticFiles::content_type_for(std::string_view filename) {
  const auto dot = filename.rfind('.');
  const std::string ext = dot == std::string_view::npos ? "" : ascii_lower(filename.substr(dot + 1));
  static const std::map<std::string, std::string> types = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"map", "application/json; charset=utf-8"},
      {"webmanifest", "application/manifest+json"},
      {"wasm", "application/wasm"},
      {"data", "application/octet-stream"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"ttf", "font/ttf"},
      {"otf", "font/otf"},
      {"txt", "text/plain; charset=utf-8"},
      {"ics", "text/calendar; charset=utf-8"},
      {"xml", "application/xml"},
      {"gz", "application/gzip"},
      {"br", "application/octet-stream"},
  };
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

fs::path StaticFiles::inside(const fs::path& candidate) const {
  std::error_code ec;
  fs::path real = fs::canonical(candidate, ec);
  if (ec) return {};
  const std::string& r = root_.native();
  const std::string& c = real.native();
  if (c.size() <= r.size() || c.compare(0, r.size(), r) != 0 || (r.back() != '/' && c[r.size()] != '/')) return {};
  return real;
}

std::shared_ptr<const std::string> StaticFiles::load(const fs::path& file, std::uintmax_t size, std::int64_t mtime_ns,
                                                     bool gzip_it) {
  const std::string key = file.native();
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.size == size && it->second.mtime_ns == mtime_ns) {
      if (!gzip_it) return it->second.body;
      if (it->second.gzipped) return it->second.gzipped;
    }
  }
  // Read (and compress) outside the lock; two threads may do it at once, which is harmless.
  auto body = std::make_shared<const std::string>(read_file(file));
  std::shared_ptr<const std::string> gz;
  if (gzip_it) gz = std::make_shared<const std::string>(http::gzip(*body, 9));
  if (body->size() <= kMaxCachedFile) {
    std::lock_guard lock(mutex_);
    Entry& e = cache_[key];
    if (e.size != size || e.mtime_ns != mtime_ns) {
      cached_bytes_ -= std::min(cached_bytes_, (e.body ? e.body->size() : 0) + (e.gzipped ? e.gzipped->size() : 0));
      e = Entry{size, mtime_ns, body, nullptr};
      cached_bytes_ += body->size();
    }
    if (gz && !e.gzipped) {
      e.gzipped = gz;
      cached_bytes_ += gz->size();
    }
    if (cached_bytes_ > kMaxCacheBytes) {  // simple: start over (the folder rarely changes)
      cache_.clear();
      cached_bytes_ = 0;
    }
  }
  return gzip_it ? gz : body;
}

StaticResponse StaticFiles::serve(std::string_view method, std::string_view raw_path, std::string_view accept_encoding,
                                  std::string_view if_none_match, bool versioned) {
  if (method != "GET" && method != "HEAD") {
    StaticResponse r = error_response(405, "method_not_allowed", "static files are read with GET or HEAD");
    r.headers.push_back({"Allow", "GET, HEAD"});
    return r;
  }
  const Resolved res = resolve(raw_path);
  if (res.status == 400) return error_response(400, "bad_request", "bad path");
  if (res.status != 0) return error_response(404, "not_found", "no such page");
  const fs::path file = inside(root_ / res.relative);
  const FileInfo info = file.empty() ? FileInfo{} : regular_file_info(file);
  if (!info.ok) return error_response(404, "not_found", "no such page");

  const std::string filename = file.filename().string();
  const std::string type = content_type_for(filename);
  const bool compressible = http::is_compressible(type);
  const http::AcceptedEncodings accepted = http::parse_accept_encoding(accept_encoding);

  // Pick the variant: a pre-compressed sibling, gzip made here, or the file itself.
  fs::path variant_file = file;
  FileInfo variant_info = info;
  std::string encoding, variant_tag;
  bool gzip_here = false;
  bool has_siblings = false;
  for (const char* ext : {"br", "gz"}) {
    const fs::path sibling = inside(fs::path(file.native() + "." + ext));
    const FileInfo si = sibling.empty() ? FileInfo{} : regular_file_info(sibling);
    if (!si.ok) continue;
    has_siblings = true;
    const bool wanted = std::string_view(ext) == "br" ? accepted.br : accepted.gzip;
    if (wanted && encoding.empty()) {
      variant_file = sibling;
      variant_info = si;
      encoding = std::string_view(ext) == "br" ? "br" : "gzip";
      variant_tag = ext;
    }
  }
  if (encoding.empty() && accepted.gzip && compressible && info.size >= http::kMinCompressBytes) {
    gzip_here = true;
    encoding = "gzip";
    variant_tag = "gzip";
  }

  StaticResponse r;
  r.headers.push_back({"Content-Type", type});
  const std::string etag = make_etag(variant_info, variant_tag);
  r.headers.push_back({"ETag", etag});
  const bool page = type.rfind("text/html", 0) == 0;
  r.headers.push_back({"Cache-Control", !page && (versioned || is_hashed_name(filename))
                                            ? "public, max-age=31536000, immutable"
                                            : "no-cache"});
  if (compressible || has_siblings) r.headers.push_back({"Vary", "Accept-Encoding"});
  if (!if_none_match.empty() && etag_matches(if_none_match, etag)) {
    r.status = 304;
    return r;
  }
  if (!encoding.empty()) r.headers.push_back({"Content-Encoding", encoding});
  try {
    r.body = load(variant_file, variant_info.size, variant_info.mtime_ns, gzip_here);
  } catch (const std::exception&) {
    return error_response(404, "not_found", "no such page");  // vanished or unreadable meanwhile
  }
  r.status = 200;
  return r;
}

}  // namespace portal
