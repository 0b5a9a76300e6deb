// Content negotiation and compression for the HTTP layer (no RESTinio here): which encodings a
// client accepts, gzip via zlib, and which content types are worth compressing.
#pragma once
#include <string>
#include <string_view>

namespace portal::http {

struct AcceptedEncodings {
  bool gzip = false;
  bool br = false;
};

// Parses Accept-Encoding ("gzip, deflate, br;q=0.5", "*", "gzip;q=0"): q=0 refuses.
AcceptedEncodings parse_accept_encoding(std::string_view header);

// gzip (RFC 1952) of `data`; throws std::runtime_error if zlib fails.
std::string gzip(std::string_view data, int level = 6);

// Text-like types (JSON, HTML, JS, CSS, SVG, calendars, wasm) that shrink when compressed.
bool is_compressible(std::string_view content_type);

// Smallest body worth compressing.
constexpr std::size_t kMinCompressBytes = 1024;

}  // namespace portal::http
