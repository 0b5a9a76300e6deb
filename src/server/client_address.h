// Who the client is: the TCP peer, or, when the peer is one of the operator's trusted proxies
// (--trusted-proxy CIDR, repeatable), the last untrusted hop of X-Forwarded-For (read from the
// right: every proxy appends the address it saw). Without trusted proxies the header is ignored:
// anyone can write it.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portal {

class TrustedProxies {
 public:
  // "10.0.0.0/8", "127.0.0.1", "::1/128", "fd00::/8"; throws std::invalid_argument naming it.
  void add(std::string_view cidr);
  bool empty() const { return nets_.empty(); }
  bool contains(std::string_view address) const;  // false for text that is not an address

  // The client's address for a request from `peer` with this X-Forwarded-For value (may be "").
  std::string client(const std::string& peer, std::string_view forwarded_for) const;

 private:
  struct Net {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as ::ffff:a.b.c.d
    int prefix = 0;                        // bits, over the 16 bytes
  };
  std::vector<Net> nets_;
};

// Parses an IPv4 or IPv6 address (IPv4 mapped into IPv6); false when it is not one.
bool parse_ip(std::string_view text, std::array<std::uint8_t, 16>& out);

}  // namespace portal
