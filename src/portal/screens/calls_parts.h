// Shared by the Calls screen's files (calls*.cpp): times in the browser's zone, topic names and a
// few small visual pieces built from the ui:: widgets. Not for other screens.
#pragma once
#include <imgui.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "time/civil.h"
#include "screens/catalog_words.h"
#include "screens/common.h"
#include "ui/widgets.h"

namespace portal::screens::calls {

using nlohmann::json;

const json& items(const json& j, const char* key);

// ---- time in the browser's zone ----------------------------------------------------------------
std::int64_t local_day(Instant t);         // the browser-local date as days since 1970-01-01
Instant local_midnight(std::int64_t day);  // the instant that day starts in the browser's zone
std::int64_t monday_of(std::int64_t day);
std::string day_text(std::int64_t day, bool weekday = true);  // "Tue, 24 Nov"
std::string week_text(std::int64_t monday);                   // "23 – 29 Nov 2026"
std::string iso(Instant t);                                   // wire format

// ---- words -------------------------------------------------------------------------------------
extern const char* const kTopics[3];  // support, training, analysis
std::string topic_name(const std::string& topic);
using screens::offer_name;  // catalog_words.h
using screens::tier_name;
std::string first_name(const std::string& full);

// ---- pieces ------------------------------------------------------------------------------------
using screens::money;
using screens::str;
using screens::with_id;
using ui::note;
using ui::text;
using ui::wrap_before;
using Note = ui::NoteKind;
// A compact time button for the calendar ("10:30##slot-…"): outlined, brand text. width -1 = full
// width of the column, 0 = fit the text. Reports itself to the test hooks.
bool slot_button(const std::string& label, float width);
using ui::icon_tile;
using ui::with_alpha;

}  // namespace portal::screens::calls
