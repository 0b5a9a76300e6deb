// The queue's search box and filter chips. The server filters (GET /requests with q, assignee,
// due, level and status): the queue of a thousand requests is never loaded to be filtered here.
#include <imgui.h>

#include <iterator>

#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/common.h"
#include "screens/queue.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

namespace {

struct Chip {
  const char* id;
  const char* key;
  const char* param;  // appended to the query
};
constexpr Chip kScopes[] = {
    {"all", "queue.filter.all", ""},
    {"mine", "queue.filter.mine", "&assignee=me"},
    {"unassigned", "queue.filter.unassigned", "&assignee=none"},
    {"breached", "queue.filter.breached", "&due=breached"},
    {"soon", "queue.filter.soon", "&due=soon"},
};
constexpr Chip kLevels[] = {
    {"any", "queue.filter.any_level", ""},
    {"L1", "queue.filter.L1", "&level=L1"},
    {"L2", "queue.filter.L2", "&level=L2"},
    {"L3", "queue.filter.L3", "&level=L3"},
};
constexpr Chip kStatuses[] = {
    {"active", "queue.filter.active", ""},  // the queue's default: new, open, pending
    {"new", "queue.filter.new", "&status=new"},
    {"open", "queue.filter.open", "&status=open"},
    {"pending", "queue.filter.pending", "&status=pending"},
};

// One row of chips; returns true when the choice changed.
template <std::size_t N>
bool chips(const char* group, const Chip (&list)[N], int& chosen) {
  bool changed = false;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  for (int i = 0; i < static_cast<int>(N); i++) {
    const std::string label = std::string(tr(list[i].key)) + "##" + group + "-" + list[i].id;
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < ui::button_width(label.c_str())) ImGui::NewLine();
    }
    if (ui::button(label.c_str(), nullptr, i == chosen ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary) &&
        chosen != i) {
      chosen = i;
      changed = true;
    }
  }
  ImGui::PopStyleVar();
  test_hooks::set_value(std::string("queue.") + group, list[chosen].id);
  return changed;
}

}  // namespace

std::string QueueScreen::list_query() const {
  std::string q = "/requests?scope=queue&order=due";
  q += kScopes[scope_].param;
  q += kLevels[level_].param;
  q += kStatuses[status_].param;
  if (!applied_search_.empty()) q += "&q=" + parts::url_encode(applied_search_);
  return q;
}

void QueueScreen::draw_filters() {
  // Search as you type (number, customer, company, subject): applied 350 ms after the last key.
  if (ui::text_field(tr("queue.search_label"), "##queue-search", search_, sizeof search_, tr("queue.search_hint"))) {
    search_due_ms_ = platform::now_ms() + 350;
    platform::request_frame_in(360);
  }
  if (search_due_ms_ > 0) {
    if (platform::now_ms() >= search_due_ms_) {
      search_due_ms_ = 0;
      applied_search_ = search_;
    } else {
      platform::request_frame_in(search_due_ms_ - platform::now_ms() + 5);
    }
  }
  test_hooks::set_value("queue.search", applied_search_);
  ui::gap(4);
  chips("scope", kScopes, scope_);
  chips("level", kLevels, level_);
  chips("status", kStatuses, status_);
}

}  // namespace portal::screens
