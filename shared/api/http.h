// Transport-agnostic HTTP messages: what the server's HTTP layer and the offline portal both
// hand to the router.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portal {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup of a header's value; nullptr when absent.
const std::string* find_header(const HeaderList& headers, std::string_view name);

struct HttpRequest {
  std::string method;  // "GET", "POST", "DELETE", …
  std::string path;    // "/api/v1/requests/req_1/messages", percent-encoded as received
  std::string query;   // "status=open&q=vpn" (without '?'), percent-encoded as received
  HeaderList headers;  // names in any case
  std::string body;
  std::string peer;  // the client's address, for login rate limits ("" when unknown)

  // Case-insensitive header lookup; "" when absent.
  std::string_view header(std::string_view name) const;

  // method + "/path?query" (the target as a client writes it) split into path and query.
  static HttpRequest to(std::string method, std::string_view target);
};

struct HttpResponse {
  int status = 200;
  HeaderList headers;  // always includes Content-Type
  std::string body;
};

}  // namespace portal
