// Small pieces shared by the Help screen's files (help*.cpp) and the Metrics screen.
#pragma once
#include <imgui.h>

#include <nlohmann/json.hpp>
#include <string>

#include "ui/theme.h"

namespace portal::screens::help {

std::string str(const nlohmann::json& j, const char* key, const std::string& fallback = {});
// Percent-encoding for a query parameter (UTF-8 bytes as %XX).
std::string url_encode(const std::string& s);
// "title##stable-id": a label whose id does not change with the language.
std::string with_id(const std::string& label, const std::string& id);
// The translated name of a KB category ("plans" → "Plans and tiers").
std::string category_name(const std::string& category);

// Text in a font and colour, wrapped at the column's edge unless wrap is false.
void text(ui::Font font, ImU32 color, const std::string& s, bool wrap = true);
// An article's body: paragraphs separated by blank lines, "- " lines as bullets.
void article_text(const std::string& body);
// A rounded square with an icon in it.
void icon_tile(const char* icon, ImU32 fg, ImU32 bg, float size = 40);

// A full-width clickable row (keyboard reachable) drawn by `draw` inside [min, max]; `height` is
// the row's height. Reported to the tests as `label##id`. Returns true when activated.
bool clickable_row(const std::string& id, const std::string& label, float height, bool* hovered);

}  // namespace portal::screens::help
