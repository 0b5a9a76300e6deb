// The one error type of the core: what went wrong, in which field, and of which kind. The router
// turns the kind into its HTTP status (shared/api/README.md "Errors").
#pragma once
#include <stdexcept>
#include <string>

namespace portal {

enum class ErrorKind {
  kBadRequest,        // 400 malformed JSON or query
  kUnauthorized,      // 401
  kForbidden,         // 403
  kNotFound,          // 404 (also: not yours)
  kMethodNotAllowed,  // 405
  kConflict,          // 409
  kTooLarge,          // 413
  kValidation,        // 422
  kRateLimited,       // 429 (with Retry-After)
  kUnavailable,       // 503 (with Retry-After): the database is locked or full, hashing is busy
};

struct PortalError : std::runtime_error {
  PortalError(ErrorKind error_kind, std::string message, std::string error_field = {}, std::string error_code = {})
      : std::runtime_error(message), kind(error_kind), field(std::move(error_field)), code(std::move(error_code)) {}
  ErrorKind kind;
  std::string field;          // the field at fault, if one is
  std::string code;           // a more specific machine-readable code (e.g. "slot_taken"); default by kind
  long long retry_after = 0;  // seconds, sent as Retry-After when > 0 (429 and 503)
};

// A refusal that the caller may retry later: 429 or 503 with Retry-After.
[[noreturn]] inline void fail_retry_later(ErrorKind kind, long long seconds, const std::string& message,
                                          const std::string& code, const std::string& field = {}) {
  PortalError e(kind, message, field, code);
  e.retry_after = seconds < 1 ? 1 : seconds;
  throw e;
}

[[noreturn]] inline void fail_validation(const std::string& field, const std::string& message) {
  throw PortalError(ErrorKind::kValidation, message, field, "validation");
}

}  // namespace portal
