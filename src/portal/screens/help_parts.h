// Small pieces shared by the Help screen's files (help*.cpp) and the Metrics screen.
#pragma once
#include <imgui.h>

#include <nlohmann/json.hpp>
#include <string>

#include "screens/common.h"
#include "ui/widgets.h"

namespace portal::screens::help {

using screens::str;  // the shared ones: screens/common.h and ui/widgets.h
using screens::url_encode;
using screens::with_id;
using ui::icon_tile;
using ui::text;
// The translated name of a KB category ("plans" → "Plans and tiers").
std::string category_name(const std::string& category);

// An article's body: paragraphs separated by blank lines, "- " lines as bullets.
void article_text(const std::string& body);

// A full-width clickable row (keyboard reachable) drawn by `draw` inside [min, max]; `height` is
// the row's height. Reported to the tests as `label##id`. Returns true when activated.
bool clickable_row(const std::string& id, const std::string& label, float height, bool* hovered);

}  // namespace portal::screens::help
