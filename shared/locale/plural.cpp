#include "locale/plural.h"

namespace portal {

PluralCategory plural_category(std::string_view lang, std::int64_t n) {
  const std::int64_t i = n < 0 ? -n : n;
  if (lang == "ru") {
    // one: i%10=1 and i%100!=11; few: i%10=2..4 and i%100!=12..14; many: the rest.
    const std::int64_t mod10 = i % 10, mod100 = i % 100;
    if (mod10 == 1 && mod100 != 11) return PluralCategory::kOne;
    if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return PluralCategory::kFew;
    return PluralCategory::kMany;
  }
  // bg and en: one: n = 1; other: the rest.
  return i == 1 ? PluralCategory::kOne : PluralCategory::kOther;
}

const char* plural_name(PluralCategory category) {
  switch (category) {
    case PluralCategory::kOne: return "one";
    case PluralCategory::kFew: return "few";
    case PluralCategory::kMany: return "many";
    case PluralCategory::kOther: return "other";
  }
  return "other";
}

}  // namespace portal
