#include "client_address.h"

#include <arpa/inet.h>

#include <cstring>
#include <stdexcept>

namespace portal {

bool parse_ip(std::string_view text, std::array<std::uint8_t, 16>& out) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 45) return false;
  const std::string s(text);
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out.fill(0);
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return true;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return true;
  }
  return false;
}

void TrustedProxies::add(std::string_view cidr) {
  const std::string text(cidr);
  Net net;
  const auto slash = cidr.find('/');
  const std::string_view addr = cidr.substr(0, slash);
  if (!parse_ip(addr, net.bytes))
    throw std::invalid_argument("--trusted-proxy " + text + ": not an IP address or CIDR");
  const bool v4 = addr.find(':') == std::string_view::npos;
  int bits = v4 ? 32 : 128;
  if (slash != std::string_view::npos) {
    const std::string n(cidr.substr(slash + 1));
    if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos || std::stoi(n) > bits)
      throw std::invalid_argument("--trusted-proxy " + text + ": the prefix length must be 0 to " +
                                  std::to_string(bits));
    bits = std::stoi(n);
  }
  net.prefix = v4 ? 96 + bits : bits;
  nets_.push_back(net);
}

bool TrustedProxies::contains(std::string_view address) const {
  std::array<std::uint8_t, 16> a{};
  if (!parse_ip(address, a)) return false;
  for (const Net& n : nets_) {
    bool match = true;
    for (int bit = 0; bit < n.prefix && match; bit += 8) {
      const int take = n.prefix - bit >= 8 ? 8 : n.prefix - bit;
      const std::uint8_t mask = static_cast<std::uint8_t>(0xff << (8 - take));
      match = (a[bit / 8] & mask) == (n.bytes[bit / 8] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string TrustedProxies::client(const std::string& peer, std::string_view forwarded_for) const {
  if (nets_.empty() || !contains(peer)) return peer;
  // From the right: skip our own proxies; the first other hop is the client.
  std::string_view rest = forwarded_for;
  int hops = 0;
  while (!rest.empty() && hops++ < 32) {
    const auto comma = rest.rfind(',');
    std::string_view hop = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
    while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
    std::array<std::uint8_t, 16> bytes{};
    if (!parse_ip(hop, bytes)) return peer;  // garbage: believe only the proxy itself
    if (!contains(hop)) return std::string(hop.front() == '[' ? hop.substr(1, hop.size() - 2) : hop);
  }
  return peer;  // every hop is ours (or no header): the nearest proxy is all we know
}

}  // namespace portal
