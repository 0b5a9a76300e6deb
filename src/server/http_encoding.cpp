#include "http_encoding.h"

#include <zlib.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "domain/text.h"

namespace portal::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The q value of one list item ("gzip;q=0.5" → 0.5); 1 when absent, 0 when unreadable.
double quality(std::string_view params) {
  std::size_t pos = 0;
  while (pos < params.size()) {
    std::size_t semi = params.find(';', pos);
    if (semi == std::string_view::npos) semi = params.size();
    std::string_view p = trim(params.substr(pos, semi - pos));
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string value(trim(p.substr(2)));
      char* end = nullptr;
      double q = std::strtod(value.c_str(), &end);
      if (end == value.c_str()) return 0;
      return q;
    }
    pos = semi + 1;
  }
  return 1;
}

}  // namespace

AcceptedEncodings parse_accept_encoding(std::string_view header) {
  AcceptedEncodings out;
  int gzip_q = -1, br_q = -1;  // -1: not named
  double star = -1;
  std::size_t pos = 0;
  while (pos <= header.size() && !header.empty()) {
    std::size_t comma = header.find(',', pos);
    if (comma == std::string_view::npos) comma = header.size();
    std::string_view item = trim(header.substr(pos, comma - pos));
    std::size_t semi = item.find(';');
    std::string_view name = trim(item.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1.0 : quality(item.substr(semi + 1));
    if (ascii_iequals(name, "gzip") || ascii_iequals(name, "x-gzip")) gzip_q = q > 0 ? 1 : 0;
    else if (ascii_iequals(name, "br")) br_q = q > 0 ? 1 : 0;
    else if (name == "*") star = q;
    pos = comma + 1;
  }
  out.gzip = gzip_q == 1 || (gzip_q == -1 && star > 0);
  out.br = br_q == 1 || (br_q == -1 && star > 0);
  return out;
}

std::string gzip(std::string_view data, int level) {
  z_stream zs{};
  // windowBits 15 + 16: a gzip header and trailer; memLevel 8 is zlib's default.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  const std::size_t written = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate failed");
  out.resize(written);
  return out;
}

bool is_compressible(std::string_view type) {
  const std::size_t semi = type.find(';');
  std::string_view t = trim(type.substr(0, semi));
  return t.substr(0, 5) == "text/" || t == "application/json" || t == "application/javascript" ||
         t == "application/wasm" || t == "image/svg+xml" || t == "application/xml" ||
         t == "application/manifest+json" || t == "application/octet-stream";
}

}  // namespace portal::http
