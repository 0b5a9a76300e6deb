// CLDR plural categories per language (issue #9 point 10: "1 звезда", "2 звезды", "5 звёзд").
#include <doctest/doctest.h>

#include "locale/plural.h"

using namespace portal;

TEST_CASE("plural: Russian one, few, many (CLDR)") {
  const auto ru = [](std::int64_t n) { return std::string(plural_name(plural_category("ru", n))); };
  CHECK(ru(1) == "one");
  CHECK(ru(21) == "one");
  CHECK(ru(101) == "one");
  CHECK(ru(11) == "many");
  CHECK(ru(111) == "many");
  CHECK(ru(2) == "few");
  CHECK(ru(4) == "few");
  CHECK(ru(22) == "few");
  CHECK(ru(34) == "few");
  CHECK(ru(12) == "many");
  CHECK(ru(14) == "many");
  CHECK(ru(112) == "many");
  CHECK(ru(5) == "many");
  CHECK(ru(0) == "many");
  CHECK(ru(20) == "many");
  CHECK(ru(1000) == "many");
}

TEST_CASE("plural: Bulgarian and English have one and other") {
  for (const char* lang : {"bg", "en"}) {
    CHECK(plural_category(lang, 1) == PluralCategory::kOne);
    CHECK(plural_category(lang, 0) == PluralCategory::kOther);
    CHECK(plural_category(lang, 2) == PluralCategory::kOther);
    CHECK(plural_category(lang, 5) == PluralCategory::kOther);
    CHECK(plural_category(lang, 21) == PluralCategory::kOther);  // unlike Russian
    CHECK(plural_category(lang, 11) == PluralCategory::kOther);
  }
  CHECK(plural_category("de", 1) == PluralCategory::kOne);  // unknown: as English
}
