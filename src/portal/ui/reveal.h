// Brings what just appeared fully into view, once: a form's first error after sending it, a
// confirmation card below the fold. `key` names the thing; it is revealed on the first frame it
// is drawn after a frame without it, and only the first reveal of a frame counts (the FIRST error).
#pragma once

#include <string>

struct ImRect;

namespace portal::ui {

void reveal(const std::string& key, const ImRect& rect);
void reveal_last_item(const std::string& key, float above = 0);  // also `above` px over it (a label)
void reveal_last_card(const std::string& key);                   // the card just ended (end_card)

}  // namespace portal::ui
