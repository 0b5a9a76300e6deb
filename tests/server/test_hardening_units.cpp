// Units behind issue #11's limits: the client address behind trusted proxies, the connection
// counts per address (with the event-stream allowance), the throttle table's expiry and cap, and
// the escaping of customer text for the operator's terminal.
#include <doctest/doctest.h>

#include "api/rate_limiter.h"
#include "client_address.h"
#include "connection_limits.h"
#include "terminal_text.h"

using namespace portal;

TEST_CASE("trusted proxies: X-Forwarded-For is read only from them; the last untrusted hop is the client") {
  TrustedProxies none;
  CHECK(none.client("203.0.113.5", "198.51.100.1") == "203.0.113.5");
  TrustedProxies p;
  p.add("127.0.0.1");
  p.add("10.0.0.0/8");
  p.add("fd00::/8");
  CHECK(p.contains("10.200.3.4"));
  CHECK_FALSE(p.contains("11.0.0.1"));
  CHECK(p.contains("fd12::1"));
  CHECK_FALSE(p.contains("fe80::1"));
  CHECK_FALSE(p.contains("not an address"));
  CHECK(p.client("127.0.0.1", "198.51.100.7") == "198.51.100.7");
  CHECK(p.client("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.1.1") == "198.51.100.7");  // spoofed left part ignored
  CHECK(p.client("127.0.0.1", "") == "127.0.0.1");
  CHECK(p.client("127.0.0.1", "10.1.1.1") == "127.0.0.1");  // only our own hops
  CHECK(p.client("127.0.0.1", "garbage, 198.51.100.7") == "198.51.100.7");
  CHECK(p.client("127.0.0.1", "198.51.100.7, garbage") == "127.0.0.1");  // a broken hop: trust nothing past it
  CHECK(p.client("127.0.0.1", "[2001:db8::1]") == "2001:db8::1");
  CHECK(p.client("203.0.113.9", "198.51.100.7") == "203.0.113.9");  // not a trusted peer
  CHECK_THROWS_AS(p.add("10.0.0.0/33"), std::invalid_argument);
  CHECK_THROWS_AS(p.add("nonsense"), std::invalid_argument);
}

TEST_CASE("connection limits: per address, in total, streams apart, failed handshakes released") {
  ConnectionLimits l(2, 1, 5);
  CHECK(l.admit("a", false));
  CHECK(l.admit("a", false));
  CHECK_FALSE(l.admit("a", false));  // the newest beyond the cap
  CHECK(l.admit("b", false));
  l.accepted(1, "a", false);
  l.accepted(2, "a", false);
  CHECK(l.promote_to_stream(1));  // leaves the connection count, takes the stream allowance
  CHECK(l.admit("a", false));
  l.accepted(3, "a", false);
  CHECK_FALSE(l.promote_to_stream(3));  // the address's one stream is taken
  CHECK(l.admit("x", true));            // exempt (a trusted proxy), still counted in the total
  CHECK_FALSE(l.admit("c", false));     // the total of 5 is reached
  l.closed(1, "a", false);
  l.closed(99, "b", false);  // admitted, never accepted (a failed TLS handshake)
  CHECK(l.open_connections("b") == 0);
  CHECK(l.admit("c", false));
}

TEST_CASE("rate limiter: windows expire, the table never exceeds its cap") {
  RateLimiter r(60, 3);
  CHECK(r.hit("a", 100).count == 1);
  CHECK(r.hit("a", 110).count == 2);
  CHECK(r.get("a", 159).count == 2);
  CHECK(r.get("a", 160).count == 0);  // the window ended
  CHECK(r.until_reset(r.get("a", 130), 130) == 30);
  r.hit("b", 120);
  r.hit("c", 121);
  r.hit("d", 122);  // full: the oldest window ("a") goes
  CHECK(r.size() == 3);
  CHECK(r.get("a", 122).count == 0);
  CHECK(r.hit("e", 200).count == 1);  // expired entries are swept first
  CHECK(r.size() == 1);
  r.clear("e");
  CHECK(r.size() == 0);
}

TEST_CASE("terminal text: control and bidi characters escaped, other text kept") {
  CHECK(terminal_safe("Acme Ltd") == "Acme Ltd");
  CHECK(terminal_safe("Щука ООД ✓") == "Щука ООД ✓");
  CHECK(terminal_safe("a\x1b[2Jb") == "a\\x1b[2Jb");
  CHECK(terminal_safe("x\u202Ey") == "x\\u202ey");
  CHECK(terminal_safe("tab\there") == "tab\\x09here");
  CHECK(terminal_safe("\xff") == "\\xff");
  CHECK(terminal_safe("\xc2\x85") == "\\u0085");  // C1 control
  CHECK(terminal_safe("back\\slash") == "back\\\\slash");
}
