// CLDR plural categories for the portal's languages (cardinal, whole numbers): which form of a
// counted word to show. "1 звезда, 2 звезды, 5 звёзд, 21 звезда"; Bulgarian and English have
// "one" and "other" only.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace portal {

enum class PluralCategory { kOne, kFew, kMany, kOther };

// CLDR rules (plurals.xml) for en, ru and bg; any other language follows English.
PluralCategory plural_category(std::string_view lang, std::int64_t n);
// "one", "few", "many", "other": the suffix of the translation key ("requests.rate.star.few").
const char* plural_name(PluralCategory category);

}  // namespace portal
