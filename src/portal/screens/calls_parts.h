// Shared by the Calls screen's files (calls*.cpp): times in the browser's zone, topic names and a
// few small visual pieces built from the ui:: widgets. Not for other screens.
#pragma once
#include <imgui.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "time/civil.h"
#include "ui/widgets.h"

namespace portal::screens::calls {

using nlohmann::json;

std::string str(const json& j, const char* key, const std::string& fallback = {});
const json& items(const json& j, const char* key);

// ---- time in the browser's zone ----------------------------------------------------------------
std::int64_t local_day(Instant t);            // the browser-local date as days since 1970-01-01
Instant local_midnight(std::int64_t day);     // the instant that day starts in the browser's zone
std::int64_t monday_of(std::int64_t day);
std::string day_text(std::int64_t day, bool weekday = true);  // "Tue, 24 Nov"
std::string week_text(std::int64_t monday);   // "23 – 29 Nov 2026"
std::string iso(Instant t);                   // wire format

// ---- words -------------------------------------------------------------------------------------
extern const char* const kTopics[3];          // support, training, analysis
std::string topic_name(const std::string& topic);
std::string tier_name(const std::string& tier);
std::string offer_name(const json& offer);
std::string money(const json& price);
std::string with_id(const std::string& label, const std::string& id);
std::string first_name(const std::string& full);

// ---- pieces ------------------------------------------------------------------------------------
void text(ui::Font font, ImU32 color, const std::string& s, bool wrap = true);
enum class Note { Info, Success, Warning, Danger };
// A soft, rounded box with an icon and wrapped text; `body` draws more content inside (buttons).
void note(Note kind, const std::string& s, const std::function<void()>& body = {});
// After SameLine(): moves to a new line when a widget this wide would not fit.
void wrap_before(float width);
// A compact time button for the calendar ("10:30##slot-…"): outlined, brand text. width -1 = full
// width of the column, 0 = fit the text. Reports itself to the test hooks.
bool slot_button(const std::string& label, float width);
// A rounded square with an icon in it.
void icon_tile(const char* icon, ImU32 fg, ImU32 bg, float size = 44);
ImU32 with_alpha(ImU32 c, unsigned a);

}  // namespace portal::screens::calls
