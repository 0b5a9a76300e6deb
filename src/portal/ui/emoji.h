// Emoji and symbols in ImGui text, downloaded only when text on screen has them.
//
// The first load carries no emoji font. When ImGui draws a character that no embedded font has
// (ImFont::FindGlyph calls portal_imgui_missing_glyph, see src/portal/CMakeLists.txt), and it is
// in Symbola's symbol or emoji blocks, the chunk of 64 code points that holds it is fetched from
// emoji/<first code point in hex>.ttf (scripts/subset-emoji). Once it is here the atlas is built
// again with only the code points seen so far merged into every text font, so the atlas grows by
// a few glyphs, not by thousands. Until then, and for code points Symbola lacks, ImGui draws "?".
// Variation selectors, the zero-width joiner and skin-tone modifiers take no room.
#pragma once

#include <imgui.h>

namespace portal::ui::emoji {

// Merges the emoji seen so far into `font` (called by the font builder after each text font).
void merge_into(ImFontAtlas& atlas, ImFont* font, float px);

}  // namespace portal::ui::emoji
