// Who may hold an account, in one place: the rules for an email, a password and a person's or
// company's name, used by the router (register, sign-in, password change), the operator commands
// (add-agent, set-agent-password) and the sign-in screen (which checks before it sends). An agent's
// level is parse_level (domain/model.h).
//
// Each check returns nullopt when the value is acceptable, else the problem in English, starting
// with `label` ("password must be at least 8 characters"; the operator commands pass "--email",
// the router the JSON field name). Screens show their own translated words; they only ask whether
// there is a problem.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace portal::account_rules {

constexpr std::size_t kMaxEmailBytes = 254;
constexpr std::size_t kMinPasswordChars = 8;
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::size_t kMaxPersonNameChars = 100;
constexpr std::size_t kMaxCompanyNameChars = 200;

// Spaces and tabs trimmed, ASCII letters lower-cased (the address as stored and compared).
std::string normalise_email(std::string_view raw);
// A normalised address: one "@" with text before it, a dot after it (not right after the "@" nor
// at the end), no spaces or commas, valid UTF-8, at most kMaxEmailBytes.
std::optional<std::string> email_problem(const std::string& email, std::string_view label);
// At least kMinPasswordChars characters (UTF-8), at most kMaxPasswordBytes bytes.
std::optional<std::string> password_problem(const std::string& password, std::string_view label);
// The length alone (sign-in: nothing oversized reaches the throttle tables or the hash).
std::optional<std::string> password_size_problem(const std::string& password, std::string_view label);
// Valid UTF-8, not blank, at most max_chars characters.
std::optional<std::string> name_problem(const std::string& name, std::string_view label, std::size_t max_chars);

}  // namespace portal::account_rules
