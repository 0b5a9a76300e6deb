#include "domain/account_rules.h"

#include "domain/text.h"

namespace portal::account_rules {

namespace {

std::string problem(std::string_view label, const char* what) { return std::string(label) + what; }

}  // namespace

std::string normalise_email(std::string_view raw) {
  const auto begin = raw.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const auto end = raw.find_last_not_of(" \t");
  std::string e(raw.substr(begin, end - begin + 1));
  for (char& c : e)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return e;
}

std::optional<std::string> email_problem(const std::string& e, std::string_view label) {
  const auto at = e.find('@');
  const bool ok = e.size() >= 3 && e.size() <= kMaxEmailBytes && at != std::string::npos && at > 0 &&
                  at == e.rfind('@') && e.find('.', at) != std::string::npos && e.back() != '.' && e[at + 1] != '.' &&
                  e.find_first_of(" \t\r\n,") == std::string::npos && is_valid_utf8(e);
  if (ok) return std::nullopt;
  return problem(label, " must be an address like name@example.com");
}

std::optional<std::string> password_size_problem(const std::string& password, std::string_view label) {
  if (password.size() > kMaxPasswordBytes) return problem(label, " must be at most 1024 bytes");
  return std::nullopt;
}

std::optional<std::string> password_problem(const std::string& password, std::string_view label) {
  if (!is_valid_utf8(password) || utf8_length(password) < kMinPasswordChars)
    return problem(label, " must be at least 8 characters");
  return password_size_problem(password, label);
}

std::optional<std::string> name_problem(const std::string& name, std::string_view label, std::size_t max_chars) {
  if (!is_valid_utf8(name)) return problem(label, " must be valid UTF-8 text");
  if (name.find_first_not_of(" \t\r\n") == std::string::npos) return problem(label, " must not be empty");
  if (utf8_length(name) > max_chars)
    return std::string(label) + " must be at most " + std::to_string(max_chars) + " characters";
  return std::nullopt;
}

}  // namespace portal::account_rules
