// Every string the portal shows comes from assets/i18n/<lang>.json (plus <area>.<lang>.json
// files). English is embedded and is the fallback for a missing key; Russian and Bulgarian are
// downloaded (one bundle each) the first time they are chosen.
#pragma once
#include <initializer_list>
#include <string>
#include <utility>

#include "locale/format.h"

namespace portal::i18n {

// "en", "ru", "bg". Unknown languages fall back to "en". A language not yet downloaded is shown
// from the frame after its bundle arrives; language() is the language shown now.
void set_language(const std::string& lang);
const std::string& language();
// The chosen language could not be downloaded (the page stays in the one it shows).
bool language_failed();

// The text for a key ("plans.title"), or the English text, or the key itself.
const char* tr(const char* key);
// With {name} placeholders filled: trf("calls.with", {{"name", agent}}).
std::string trf(const char* key, std::initializer_list<std::pair<const char*, std::string>> args);

// Dates, money and durations for the current language (shared/locale/format.h).
const LocaleFormat& format();

}  // namespace portal::i18n
