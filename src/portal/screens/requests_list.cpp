// The customer's request list: status chips, a debounced search box, and rows drawn through a
// list clipper over the server's total, pages fetched only for the rows in view.
#include <imgui.h>

#include <algorithm>
#include <iterator>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/requests.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

using parts::str;

namespace {

struct Chip {
  const char* id;
  const char* key;
  const char* statuses;  // the ?status= value
};
constexpr Chip kChips[] = {
    {"all", "requests.filter.all", ""},
    {"open", "requests.filter.open", "new,open"},
    {"pending", "requests.filter.pending", "pending"},
    {"resolved", "requests.filter.resolved", "resolved"},
    {"closed", "requests.filter.closed", "closed"},
};

// A pill drawn at pos (rows are drawn by hand so that every row has the same height).
float pill(ImDrawList* dl, ImVec2 pos, const std::string& text, ImU32 fg, ImU32 bg) {
  ImFont* f = ui::font(ui::Font::Small);
  const float fs = f->FontSize * ImGui::GetIO().FontGlobalScale;
  const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, text.c_str());
  const ImVec2 size(ts.x + 16, ts.y + 6);
  dl->AddRectFilled(pos, pos + size, bg, size.y * 0.5f);
  dl->AddText(f, fs, pos + ImVec2(8, 3), fg, text.c_str());
  return size.x;
}

ImU32 severity_color(int sev) {
  const ui::Palette& p = ui::palette();
  const ImU32 colors[5] = {p.danger, p.warning, p.brand, p.text_muted, p.text_muted};
  return colors[std::clamp(sev, 1, 5) - 1];
}

void text_at(ImDrawList* dl, ui::Font font, ImVec2 pos, float max_x, ImU32 color, const std::string& text) {
  ImFont* f = ui::font(font);
  const float fs = f->FontSize * ImGui::GetIO().FontGlobalScale;
  ImGui::PushFont(f);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
  ui::text_ellipsis(dl, pos, pos.y + fs + 4, max_x, text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace

// Shared by the customer list and the agent queue: one request as a clickable row (wide) or a
// compact card (narrow). Returns true when clicked.
namespace parts {
float request_row_height() { return ui::wide_layout() ? 78.0f : 120.0f; }

bool request_row(const json* r, int index, Instant now, std::string* due_out, bool unread) {
  const ui::Palette& p = ui::palette();
  const bool wide = ui::wide_layout();
  const float h = request_row_height();
  const float w = ImGui::GetContentRegionAvail().x;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(index);
  const std::string id_text = r ? "##req-" + std::to_string(r->value("number", 0)) : "##req-loading";
  const ImGuiID id = ImGui::GetID(id_text.c_str());
  const bool clicked = ImGui::InvisibleButton(id_text.c_str(), ImVec2(w, h)) && r;
  const bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, pos + ImVec2(w, h), ImGui::GetColorU32(hovered && r ? p.surface_alt : p.surface), 14);
  dl->AddRect(pos, pos + ImVec2(w, h), ImGui::GetColorU32(p.border), 14);
  if (!r) {  // a page not loaded yet: a quiet placeholder
    dl->AddRectFilled(pos + ImVec2(18, 18), pos + ImVec2(std::min(w - 36, 320.0f), 34),
                      ImGui::GetColorU32(p.surface_alt), 6);
    dl->AddRectFilled(pos + ImVec2(18, 46), pos + ImVec2(std::min(w - 36, 180.0f), 58),
                      ImGui::GetColorU32(p.surface_alt), 6);
    return false;
  }
  const std::string number = "#" + std::to_string(r->value("number", 0));
  const std::string subject = str(*r, "subject");
  const std::string status = str(*r, "status");
  const int sev = r->value("severity", 3);
  const ClockText due = next_due_text(*r, now);
  if (due_out) *due_out = due.text;
  ImU32 due_color = p.text_muted;
  const char* due_icon = icon::kClock;
  if (due.state == ClockState::Running) due_color = p.brand, due_icon = icon::kHourglass;
  else if (due.state == ClockState::Met) due_color = p.success, due_icon = icon::kCheckCircle;
  else if (due.state == ClockState::Breached) due_color = p.danger, due_icon = icon::kWarning;
  const std::string due_text = std::string(due_icon) + "  " + due.text;

  const float pad = 18;
  const float right = pos.x + w - pad;
  float due_w = 0;
  {
    ImFont* f = ui::font(ui::Font::Small);
    due_w = f->CalcTextSizeA(f->FontSize * ImGui::GetIO().FontGlobalScale, FLT_MAX, 0, due_text.c_str()).x;
  }
  const float title_right = wide ? right - std::min(due_w, w * 0.42f) - 16 : right;
  text_at(dl, ui::Font::Small, pos + ImVec2(pad, 12), title_right, p.text_muted, number);
  if (unread) dl->AddCircleFilled(pos + ImVec2(9, 19), 4, ImGui::GetColorU32(p.brand));  // a reply not yet seen
  text_at(dl, ui::Font::Strong, pos + ImVec2(pad + 56, 10), title_right, p.text, subject);
  float x = pos.x + pad;
  const float y = pos.y + (wide ? 44 : 42);
  x += pill(dl, ImVec2(x, y), std::to_string(sev) + " · " + severity_name(sev), severity_color(sev),
            ui::with_alpha(severity_color(sev), 36)) +
       6;
  const bool for_agent = r->contains("customer");  // the API names the customer to agents only
  x += pill(dl, ImVec2(x, y), status_name(status, for_agent), status_color(status),
            ui::with_alpha(status_color(status), 36)) +
       6;
  x += pill(dl, ImVec2(x, y), str(*r, "level"), p.text, p.surface_alt) + 10;
  if (for_agent) {  // who asked, after the pills (wide) or under them (narrow)
    const json& c = (*r)["customer"];
    std::string who = str(c, "name");
    if (c.contains("company")) who += " · " + str(c["company"], "name");
    if (r->contains("assignee")) who += " · " + trf("queue.row_assignee", {{"name", str((*r)["assignee"], "name")}});
    if (wide) text_at(dl, ui::Font::Small, ImVec2(x, y + 3), right, p.text_muted, who);
    else text_at(dl, ui::Font::Small, pos + ImVec2(pad, 94), right, p.text_muted, who);
  }
  if (wide)
    text_at(dl, ui::Font::Small, ImVec2(std::max(title_right + 16, right - due_w - 8), pos.y + 14), right + 8,
            due_color, due_text);
  else text_at(dl, ui::Font::Small, pos + ImVec2(pad, 78), right, due_color, due_text);
  test_hooks::register_item(id, (number + " " + subject + "##req-" + std::to_string(r->value("number", 0))).c_str());
  return clicked;
}
}  // namespace parts

std::string RequestsScreen::list_query() const {
  std::string q = "/requests";
  std::string sep = "?";
  if (*kChips[status_filter_].statuses) {
    q += sep + "status=" + kChips[status_filter_].statuses;
    sep = "&";
  }
  if (!applied_search_.empty()) q += sep + "q=" + parts::url_encode(applied_search_);
  return q;
}

void RequestsScreen::draw_list(app::Context& ctx) {
  const bool wide = ui::wide_layout();
  ui::title(tr("requests.title"));
  ui::subtitle(tr("requests.subtitle"));
  ui::gap(4);
  const std::string new_label = std::string(tr("requests.new")) + "##new-request";
  if (ui::button(new_label.c_str(), icon::kPlus, ui::ButtonStyle::Primary, wide ? 0 : -1)) start_new(json::object());
  ui::gap(6);
  list_filters(ctx);
  ui::gap(6);
  list_rows(ctx);
}

void RequestsScreen::list_filters(app::Context&) {
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  for (int i = 0; i < static_cast<int>(std::size(kChips)); i++) {
    const std::string label = std::string(tr(kChips[i].key)) + "##filter-" + kChips[i].id;
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < ui::button_width(label.c_str())) ImGui::NewLine();
    }
    if (ui::button(label.c_str(), nullptr,
                   i == status_filter_ ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary) &&
        status_filter_ != i) {
      status_filter_ = i;
      list_stale_ = true;
    }
  }
  ImGui::PopStyleVar();
  test_hooks::set_value("requests.filter", kChips[status_filter_].id);
  // Search as you type: applied 350 ms after the last key.
  if (ui::text_field(tr("requests.search_label"), "##req-search", search_, sizeof search_,
                     tr("requests.search_hint"))) {
    search_due_ms_ = platform::now_ms() + 350;
    platform::request_frame_in(360);
  }
  if (search_due_ms_ > 0) {
    if (platform::now_ms() >= search_due_ms_) {
      search_due_ms_ = 0;
      if (applied_search_ != search_) {
        applied_search_ = search_;
        list_stale_ = true;
      }
    } else {
      platform::request_frame_in(search_due_ms_ - platform::now_ms() + 5);
    }
  }
  test_hooks::set_value("requests.search", applied_search_);
}

void RequestsScreen::list_rows(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const std::string query = list_query();
  if (query != list_.query()) {
    list_.reset(query);
    top_id_.clear();  // another list: nothing to anchor to
  } else if (list_stale_) {
    list_.refresh();
  }
  list_stale_ = false;
  list_.want(ctx, 0, 1);  // the first page tells the total
  test_hooks::set_value("requests.total", list_.known() ? std::to_string(list_.total()) : "");
  if (!list_.known()) {
    static int loading_frames = 0;  // tests: a refresh must never show this
    test_hooks::set_value("requests.loading_frames", std::to_string(++loading_frames));
    parts::text_colored(static_cast<int>(ui::Font::Body), p.text_muted, tr("requests.loading"));
    return;
  }
  if (list_.total() == 0) {
    ui::begin_card("req-empty");
    ui::heading(applied_search_.empty() && status_filter_ == 0 ? tr("requests.empty") : tr("requests.empty_filtered"));
    ui::muted(tr("requests.empty_hint"));
    ui::end_card();
    return;
  }
  parts::text_colored(static_cast<int>(ui::Font::Small), p.text_muted, parts::plural("requests.count", list_.total()));
  const Instant now = client::now();
  const float h = parts::request_row_height();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 10));
  // Rows added above a scrolled list push the scroll by as much: what is under the pointer stays.
  const json* top = list_.row(0);
  const std::string top_id = top ? str(*top, "id") : std::string();
  if (!top_id_.empty() && top_id != top_id_ && ImGui::GetScrollY() > 0)
    for (int i = 1; i < parts::PagedList::kPage; i++) {
      const json* r = list_.row(i);
      if (!r) break;
      if (str(*r, "id") == top_id_) {
        ImGui::SetScrollY(ImGui::GetScrollY() + static_cast<float>(i) * (h + 10));
        break;
      }
    }
  if (top) top_id_ = top_id;
  ImGuiListClipper clipper;
  clipper.Begin(list_.total(), h + 10);
  bool any_running = false;
  while (clipper.Step()) {
    list_.want(ctx, clipper.DisplayStart, clipper.DisplayEnd);
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
      const json* r = list_.row(i);
      if (parts::request_row(r, i, now, nullptr, r && unread_.count(str(*r, "id")))) {
        unread_.erase(str(*r, "id"));
        detail_.open(ctx, str(*r, "id"));
        view_ = View::Detail;
        ImGui::SetScrollY(0);
      }
      if (r) any_running |= parts::next_due_text(*r, now).state == parts::ClockState::Running;
    }
  }
  ImGui::PopStyleVar();
  test_hooks::set_value("requests.loaded", std::to_string(list_.loaded_rows()));
  // The due texts count minutes: redraw when the next one can change.
  if (any_running) platform::request_frame_in(1000.0 * (60 - static_cast<double>(now % 60)) + 20);
}

}  // namespace portal::screens
