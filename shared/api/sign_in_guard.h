// Throttles sign-ins and registrations without ever locking the owner out (OWASP's guidance):
//  - failures per (account, address): after 3 the guesser is slowed (at least 1, 2, 4 … 60 s
//    between tries), after 10 refused for the rest of the 15-minute window;
//  - failures per address (any account): 30 per 15 minutes, then refused;
//  - failures per account from every address: 20 per 15 minutes, then refused, EXCEPT for a
//    browser that signed in to that account before: it carries a device cookie (a token signed
//    by the server at a successful sign-in, bound to the email) and is not held by this cap;
//  - registrations per address: the catalog's quota per 10 minutes.
// Unknown and known emails count alike (the router also hashes a dummy password for unknown
// ones), so throttling tells nothing about which accounts exist. Every table is bounded
// (rate_limiter.h); keys are digests, never the raw email.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "api/rate_limiter.h"

namespace portal {

class SignInGuard {
 public:
  static constexpr Instant kWindow = 15 * 60;
  static constexpr int kSlowAfterPairFailures = 3;
  static constexpr int kMaxPairFailures = 10;
  static constexpr int kMaxAddressFailures = 30;
  static constexpr int kMaxAccountFailures = 20;
  static constexpr std::size_t kMaxEntries = 100000;  // per table
  static constexpr const char* kDeviceCookie = "portal_device";
  static constexpr Instant kDeviceCookieSeconds = 365 * 24 * 3600;

  // digest: a collision-resistant hash (the Env's token hash).
  explicit SignInGuard(std::function<std::string(std::string_view)> digest) : digest_(std::move(digest)) {}
  void set_secret(std::string secret) { secret_ = std::move(secret); }
  // Every table counted together with the other server instances (their keys differ by kind).
  void share_counters(const std::shared_ptr<RateLimiter::Shared>& shared) {
    for (RateLimiter* t : {&pairs_, &addresses_, &accounts_, &registrations_}) t->share(shared);
  }

  // Throws PortalError 429 (Retry-After) when this attempt must wait. `email` is normalised and
  // length-checked already; `address` may be "" (the offline demo: no address limits).
  void before_login(const std::string& email, const std::string& address, bool known_device, Instant now);
  void login_failed(const std::string& email, const std::string& address, Instant now);
  void login_succeeded(const std::string& email, const std::string& address);
  // Counts a registration attempt of the address; throws 429 beyond `per_10_minutes`.
  void before_register(const std::string& address, int per_10_minutes, Instant now);

  // The device cookie's value for a browser that just signed in as `email`, and its check.
  std::string device_token(const std::string& email, Instant now) const;
  bool device_valid(std::string_view cookie_header, const std::string& email, Instant now) const;

  // For the memory benchmark: entries held in all tables.
  std::size_t entries() const { return pairs_.size() + addresses_.size() + accounts_.size() + registrations_.size(); }

 private:
  std::string key(std::string_view kind, std::string_view a, std::string_view b = {}) const;
  std::string sign(const std::string& email, const std::string& issued) const;

  std::function<std::string(std::string_view)> digest_;
  std::string secret_ = "unset";
  RateLimiter pairs_{kWindow, kMaxEntries};
  RateLimiter addresses_{kWindow, kMaxEntries};
  RateLimiter accounts_{kWindow, kMaxEntries};
  RateLimiter registrations_{10 * 60, kMaxEntries};
};

}  // namespace portal
