// The account rules of shared/domain/account_rules.* (router, operator commands, sign-in screen).
#include <doctest/doctest.h>

#include <string>

#include "domain/account_rules.h"
#include "test_router_support.h"

namespace portal {
namespace {

namespace rules = account_rules;

TEST_CASE("account rules: emails") {
  CHECK(rules::normalise_email("  Ann.Lee@Example.COM\t") == "ann.lee@example.com");
  CHECK(rules::normalise_email(" \t ").empty());
  CHECK(rules::normalise_email("ÄNN@example.com") == "Änn@example.com");  // ASCII letters only
  for (const char* good : {"a@b.c", "ann@example.com", "ann+x@mail.example.org", "анна@пример.рф"}) {
    CAPTURE(good);
    CHECK_FALSE(rules::email_problem(good, "email"));
  }
  for (const char* bad : {"", "a@b", "@example.com", "ann@@example.com", "ann@example.", "ann@.example.com",
                          "ann lee@example.com", "ann@example.com,bob@example.com", "ann.example.com"}) {
    CAPTURE(bad);
    CHECK(rules::email_problem(bad, "email") == std::string("email must be an address like name@example.com"));
  }
  CHECK(rules::email_problem(std::string("a@b.") + std::string(251, 'c'), "x"));  // 255 bytes
  CHECK_FALSE(rules::email_problem(std::string("a@b.") + std::string(250, 'c'), "x"));
  CHECK(rules::email_problem("ann@ex\xff.com", "--email") ==
        std::string("--email must be an address like name@example.com"));
}

TEST_CASE("account rules: passwords and names") {
  CHECK(rules::password_problem("1234567", "password") == std::string("password must be at least 8 characters"));
  CHECK_FALSE(rules::password_problem("12345678", "password"));
  CHECK(rules::password_problem("пароль7", "password"));  // 7 characters, 13 bytes
  CHECK_FALSE(rules::password_problem("пароль78", "password"));
  CHECK(rules::password_problem("\xff\xff\xff\xff\xff\xff\xff\xff", "password"));
  CHECK(rules::password_problem(std::string(1025, 'x'), "the password") ==
        std::string("the password must be at most 1024 bytes"));
  CHECK_FALSE(rules::password_problem(std::string(1024, 'x'), "password"));
  CHECK_FALSE(rules::password_size_problem("", "password"));  // sign-in checks only the size
  CHECK(rules::password_size_problem(std::string(1025, 'x'), "password"));

  CHECK_FALSE(rules::name_problem("Ann", "name", rules::kMaxPersonNameChars));
  CHECK(rules::name_problem(" \t\n", "name", 100) == std::string("name must not be empty"));
  CHECK(rules::name_problem("", "--name", 100) == std::string("--name must not be empty"));
  CHECK(rules::name_problem("a\xc3", "name", 100) == std::string("name must be valid UTF-8 text"));
  CHECK_FALSE(rules::name_problem(std::string(100, 'x'), "name", 100));
  CHECK(rules::name_problem(std::string(101, 'x'), "company", 100) ==
        std::string("company must be at most 100 characters"));
  std::string cyrillic;
  for (int i = 0; i < 100; ++i) cyrillic += "ж";
  CHECK_FALSE(rules::name_problem(cyrillic, "name", 100));  // characters, not bytes
}

TEST_CASE("account rules: the router registers and changes passwords by them") {
  using namespace testing;
  Api api;
  const json base = {{"email", "ann@example.com"}, {"password", "long enough"}, {"name", "Ann"}, {"company", "Acme"}};
  auto with = [&](const char* key, const json& value) {
    json b = base;
    b[key] = value;
    return post(api, "/auth/register", b);
  };
  check_validation(api, with("email", "ann@example"), "email");
  check_validation(api, with("password", "short"), "password");
  check_validation(api, with("name", "  "), "name");
  check_validation(api, with("company", std::string(201, 'c')), "company");
  const json ok_body = ok(api, with("email", "  ANN@Example.com "), 201);
  CHECK(ok_body["customer"]["email"] == "ann@example.com");
  const std::string token = ok_body["token"];
  check_validation(api,
                   post(api, "/me/password", {{"current_password", "long enough"}, {"new_password", "short"}}, token),
                   "new_password");
}

}  // namespace
}  // namespace portal
