// HTTP message helpers shared by the server's HTTP layer, the offline portal and the tests.
#include "api/http.h"

#include "domain/text.h"

namespace portal {

const std::string* find_header(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers)
    if (ascii_iequals(key, name)) return &value;
  return nullptr;
}

std::string_view HttpRequest::header(std::string_view name) const {
  const std::string* value = find_header(headers, name);
  return value ? std::string_view(*value) : std::string_view();
}

HttpRequest HttpRequest::to(std::string method, std::string_view target) {
  HttpRequest r;
  r.method = std::move(method);
  const auto q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  return r;
}

}  // namespace portal
