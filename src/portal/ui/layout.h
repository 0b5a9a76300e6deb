// The layout of the current window beyond ImGui's public API, in one place: the content column
// (narrowed or moved for a scope), the last item's id, the keyboard-focus ring, a bare hit area and
// ImVec2 arithmetic. Screens use these (and ImGui's public API), never imgui_internal.h.
#pragma once

#include <imgui.h>

#include <functional>

struct ImGuiWindow;

namespace portal::ui {

// The current window's content column, saved by push() and put back by pop(): for begin/end pairs
// whose state the caller keeps (the shell, cards). Scoped code uses Column.
struct ColumnEdges {
  ImGuiWindow* window = nullptr;
  float work_max = 0, content_max = 0, shift = 0;
  // Moves the left edge `left` px right (the indent and the cursor follow) and sets the right
  // edge to `right(edge)` of each of ImGui's two right edges (the work and content rectangles).
  template <class Right>
  void push(float left, Right right) {
    save(left);
    set(right(work_max), right(content_max));
  }
  void push(float right_inset) {
    push(0, [&](float edge) { return edge - right_inset; });
  }
  void pop() const;

 private:
  void save(float left);
  void set(float work, float content) const;
};

// Narrows (or moves, or widens) the content column until the scope ends. ImGui wraps text, sizes
// full-width widgets (-FLT_MIN) and places cards by the content region, which its public API
// cannot change: cards side by side, a text beside a picture, a wider page all go through here.
class Column {
 public:
  // The column ends at screen x `right`.
  explicit Column(float right);
  // It starts at screen x `left` (the indent and the cursor move there) and ends at `right`.
  Column(float left, float right);
  // Edges moved inwards by px (negative: outwards); the left one moves the indent and the cursor.
  struct Inset {
    float left = 0, right = 0;
  };
  explicit Column(Inset inset);
  // The column ends at screen x `right` unless it already ends before.
  struct AtMost {};
  Column(AtMost, float right);
  ~Column();
  Column(const Column&) = delete;
  Column& operator=(const Column&) = delete;

 private:
  ColumnEdges edges_;
};

// The right edge of the content column on screen (GetContentRegionMaxAbs().x, internal in 1.86).
float content_right();

// The current window's inner edges on screen (inside its borders, without its scrollbar).
struct Span {
  float left = 0, right = 0;
};
Span window_inner();

// `n` cards side by side, `cols` of equal width across the column (whole pixels, `gap` apart),
// row by row, each row as tall as its tallest card; `draw(i)` draws card i (begin_card … end_card)
// in a column of its own. The cursor ends under the grid.
void card_grid(int n, int cols, float gap, const std::function<void(int index)>& draw);

// The id of the item just added (ImGui 1.86 keeps GetItemID() internal).
ImGuiID last_item_id();
// The keyboard-navigation ring around [min, max] when `id` has the keyboard focus.
void nav_highlight(ImVec2 min, ImVec2 max, ImGuiID id);
// Whether `id` has the keyboard focus and its ring is shown (for a ring drawn by the caller).
bool nav_focus_visible(ImGuiID id);

// A clickable area of `size` at the cursor, drawn by the caller: ImGui's button behaviour without
// its look. `visible` false: clipped (nothing to draw).
struct Hit {
  ImGuiID id = 0;
  bool visible = false, pressed = false, hovered = false, held = false;
};
Hit hit_area(const char* str_id, ImVec2 size);

// One line of text clipped at `max_x` with an ellipsis, in the current font and text colour.
void text_ellipsis(ImDrawList* dl, ImVec2 pos, float max_y, float max_x, const char* text);

// ImVec2 arithmetic (imgui_internal.h's operators, for code that does not include it):
// `using namespace ui::vec_math;` in a namespace of one's own.
namespace vec_math {
inline ImVec2 operator+(const ImVec2& a, const ImVec2& b) { return ImVec2(a.x + b.x, a.y + b.y); }
inline ImVec2 operator-(const ImVec2& a, const ImVec2& b) { return ImVec2(a.x - b.x, a.y - b.y); }
inline ImVec2 operator*(const ImVec2& a, float s) { return ImVec2(a.x * s, a.y * s); }
inline ImVec2 operator/(const ImVec2& a, float s) { return ImVec2(a.x / s, a.y / s); }
inline ImVec2& operator+=(ImVec2& a, const ImVec2& b) { return a = a + b; }
inline ImVec2& operator-=(ImVec2& a, const ImVec2& b) { return a = a - b; }
}  // namespace vec_math

}  // namespace portal::ui
