#include "screens/catalog_words.h"

#include "client/i18n.h"
#include "locale/format.h"
#include "screens/common.h"
#include "ui/icons.h"

namespace portal::screens {

std::string tier_name(const std::string& tier) { return tr_or("tier." + tier, tier); }
std::string offer_name(const nlohmann::json& offer) { return tr_or("offer." + str(offer, "id"), str(offer, "name")); }
std::string channel_name(const nlohmann::json& channel) {
  return tr_or("channel." + str(channel, "id"), str(channel, "name"));
}

const char* channel_icon(const std::string& id) {
  if (id == "email" || id == "dedicated_email") return icon::kEnvelope;
  if (id == "phone" || id == "dedicated_phone") return icon::kPhone;
  if (id == "chat" || id == "dedicated_chat") return icon::kComments;
  if (id == "chatbot") return icon::kQuestion;
  if (id == "kb") return icon::kBook;
  if (id == "forum") return icon::kGlobe;
  if (id == "personal_manager") return icon::kUser;
  if (id == "onsite") return icon::kHome;
  return icon::kInfo;
}

std::string target_amount(const TargetWording& wording) {
  switch (wording.unit) {
    case TargetUnit::kDays: return plural("dur.days", wording.amount);
    case TargetUnit::kHours: return plural("dur.hours", wording.amount);
    case TargetUnit::kMinutes: return plural("dur.minutes", wording.amount);
    case TargetUnit::kBusinessDays: return plural("dur.business_days", wording.amount);
    case TargetUnit::kBusinessHours: return plural("dur.business_hours", wording.amount);
    case TargetUnit::kBusinessMinutes: return plural("dur.business_minutes", wording.amount);
  }
  return plural("dur.minutes", wording.amount);
}

std::string money_cents(std::int64_t cents, const std::string& currency) {
  return format_money(cents, currency, i18n::format(), true);
}

std::string money(const nlohmann::json& price) {
  if (!price.is_object()) return {};
  return money_cents(price.value("amount_cents", std::int64_t{0}), price.value("currency", std::string("EUR")));
}

}  // namespace portal::screens
