#include "api/sign_in_guard.h"

#include <algorithm>

#include "domain/errors.h"

namespace portal {

namespace {

std::string wait_text(Instant seconds) {
  if (seconds < 120) return std::to_string(seconds) + " s";
  return std::to_string((seconds + 59) / 60) + " min";
}

[[noreturn]] void refuse(Instant wait, const std::string& why) {
  fail_retry_later(ErrorKind::kRateLimited, wait, why + "; try again in " + wait_text(wait), "rate_limited");
}

}  // namespace

std::string SignInGuard::key(std::string_view kind, std::string_view a, std::string_view b) const {
  std::string in(kind);
  in += '\n';
  in += a;
  in += '\n';
  in += b;
  std::string d = digest_(in);
  // 128 bits of a hex digest (BLAKE2b on the server, SHA-256 in the demo): no crafted collisions,
  // and a small entry. (Test fakes that do not hash keep their whole text.)
  if (d.size() > 32 && d.find_first_not_of("0123456789abcdef") == std::string::npos) d.resize(32);
  return d;
}

void SignInGuard::before_login(const std::string& email, const std::string& address, bool known_device, Instant now) {
  if (!address.empty()) {
    const auto pair = pairs_.get(key("pair", email, address), now);
    if (pair.count >= kMaxPairFailures)
      refuse(pairs_.until_reset(pair, now), "too many failed sign-ins to this account from your address");
    if (pair.count >= kSlowAfterPairFailures) {
      const Instant pause = std::min<Instant>(60, Instant{1} << std::min(pair.count - kSlowAfterPairFailures, 6));
      // The clock counts whole seconds: the last failure happened somewhere inside second
      // `pair.last`, so a full pause has surely passed only from second last + pause + 1 on.
      // (Comparing with last + pause let a guesser through at the next second boundary, after
      // anything between 0 and 1 s.) Retry-After names that second, so obeying it succeeds.
      if (now - pair.last <= pause) refuse(pair.last + pause + 1 - now, "several failed sign-ins to this account");
    }
    const auto addr = addresses_.get(key("address", address), now);
    if (addr.count >= kMaxAddressFailures)
      refuse(addresses_.until_reset(addr, now), "too many failed sign-ins from your address");
  }
  if (!known_device) {
    const auto account = accounts_.get(key("account", email), now);
    if (account.count >= kMaxAccountFailures)
      refuse(accounts_.until_reset(account, now),
             "this account had too many failed sign-ins; a browser that signed in to it before can still sign in");
  }
}

void SignInGuard::login_failed(const std::string& email, const std::string& address, Instant now) {
  accounts_.hit(key("account", email), now);
  if (address.empty()) return;
  pairs_.hit(key("pair", email, address), now);
  addresses_.hit(key("address", address), now);
}

void SignInGuard::login_succeeded(const std::string& email, const std::string& address) {
  if (!address.empty()) pairs_.clear(key("pair", email, address));
}

void SignInGuard::before_register(const std::string& address, int per_10_minutes, Instant now) {
  if (address.empty()) return;
  const std::string k = key("register", address);
  const auto e = registrations_.get(k, now);
  if (e.count >= per_10_minutes)
    fail_retry_later(ErrorKind::kRateLimited, registrations_.until_reset(e, now),
                     "too many new accounts from your address (at most " + std::to_string(per_10_minutes) +
                         " in 10 minutes); try again in " + wait_text(registrations_.until_reset(e, now)),
                     "rate_limited");
  registrations_.hit(k, now);
}

std::string SignInGuard::sign(const std::string& email, const std::string& issued) const {
  return digest_(secret_ + "\ndevice\n" + email + "\n" + issued);
}

std::string SignInGuard::device_token(const std::string& email, Instant now) const {
  const std::string issued = std::to_string(now);
  return issued + "." + sign(email, issued);
}

bool SignInGuard::device_valid(std::string_view cookies, const std::string& email, Instant now) const {
  // Cookie: a=b; portal_device=<issued>.<signature>; c=d
  const std::string name = std::string(kDeviceCookie) + "=";
  std::size_t pos = 0;
  while (pos < cookies.size()) {
    while (pos < cookies.size() && (cookies[pos] == ' ' || cookies[pos] == ';')) ++pos;
    std::size_t end = cookies.find(';', pos);
    if (end == std::string_view::npos) end = cookies.size();
    const std::string_view item = cookies.substr(pos, end - pos);
    pos = end;
    if (item.substr(0, name.size()) != name) continue;
    const std::string_view value = item.substr(name.size());
    const auto dot = value.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot > 20 || value.size() > 200) continue;
    const std::string issued(value.substr(0, dot));
    if (!std::all_of(issued.begin(), issued.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    const Instant at = std::stoll(issued);
    if (at > now + 60 || at + kDeviceCookieSeconds < now) continue;
    const std::string want = sign(email, issued);
    const std::string_view got = value.substr(dot + 1);
    if (got.size() != want.size()) continue;
    unsigned char diff = 0;  // constant time: the signature leaks nothing through timing
    for (std::size_t i = 0; i < want.size(); ++i) diff |= static_cast<unsigned char>(want[i] ^ got[i]);
    if (diff == 0) return true;
  }
  return false;
}

}  // namespace portal
