// The agent's queue (GET /requests?scope=queue&order=due): what the agent may work — the agent's
// level plus requests assigned to them — soonest SLA due time first, breached ones marked; a
// request opens in the shared detail with the agent's actions.
#include "screens/queue.h"

#include <imgui.h>

#include <algorithm>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "screens/common.h"
#include "platform/web_platform.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

using parts::str;

void QueueScreen::open(const std::string& request_id) {
  pending_open_ = request_id;
  platform::request_frame();
}

void QueueScreen::draw(app::Context& ctx) {
  // Coming back to the queue (or another agent signed in): reloaded, back on the list.
  const std::string user = signed_in_as(ctx);
  if (ImGui::GetFrameCount() != last_frame_ + 1 || user != user_) {
    if (!user_.empty() && user != user_) {  // another agent: their own view, not the last one's filters
      in_detail_ = false;
      search_[0] = 0;
      applied_search_.clear();
      scope_ = level_ = status_ = 0;
    }
    user_ = user;
    stale_ = true;
  }
  last_frame_ = ImGui::GetFrameCount();
  if (!pending_open_.empty()) {
    detail_.open(ctx, pending_open_);
    pending_open_.clear();
    in_detail_ = true;
  }
  test_hooks::set_value("queue.view", in_detail_ ? "detail" : "list");
  if (in_detail_) {
    if (!detail_.draw(ctx, true)) {
      in_detail_ = false;
      stale_ = true;
      ImGui::SetScrollY(0);
      platform::request_frame();
    }
    return;
  }
  draw_list(ctx);
}

void QueueScreen::draw_list(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const json& agent = ctx.me().contains("agent") ? ctx.me()["agent"] : json();
  ui::title(tr("queue.title"));
  ui::subtitle(trf("queue.subtitle", {{"level", str(agent, "level")}}).c_str());
  ui::gap(4);
  if (ui::button((std::string(tr("queue.refresh")) + "##queue-refresh").c_str(), icon::kRefresh,
                 ui::ButtonStyle::Secondary))
    stale_ = true;
  ui::gap(6);
  draw_filters();
  ui::gap(6);
  const std::string query = list_query();
  if (query != list_.query()) {
    list_.reset(query);
    stale_ = false;
    new_count_ = 0;
    hover_index_ = -1;
  } else if (stale_) {
    list_.refresh();  // keeps the rows until the new page arrives (no "Loading…" flash)
    stale_ = false;
  }
  list_.want(ctx, 0, 1);
  test_hooks::set_value("queue.total", list_.known() ? std::to_string(list_.total()) : "");
  if (!list_.known()) {
    parts::text_colored(static_cast<int>(ui::Font::Body), p.text_muted, tr("requests.loading"));
    return;
  }
  if (list_.total() == 0) {
    ui::begin_card("queue-empty");
    const bool filtered = !applied_search_.empty() || scope_ || level_ || status_;
    ui::heading(tr(filtered ? "queue.empty_filtered" : "queue.empty"));
    ui::muted(tr(filtered ? "queue.empty_filtered_hint" : "queue.empty_hint"));
    ui::end_card();
    return;
  }
  parts::text_colored(static_cast<int>(ui::Font::Small), p.text_muted, parts::plural("requests.count", list_.total()),
                      false);
  draw_new_cue();
  const Instant now = client::now();
  const float h = parts::request_row_height();
  keep_hovered_row(h + 10);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 10));
  std::string hovered_id;
  int hovered_index = -1;
  ImGuiListClipper clipper;
  clipper.Begin(list_.total(), h + 10);
  while (clipper.Step()) {
    list_.want(ctx, clipper.DisplayStart, clipper.DisplayEnd);
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
      const json* r = list_.row(i);
      const float top = ImGui::GetCursorScreenPos().y;
      const bool clicked = parts::request_row(r, i, now, nullptr);
      const float mouse_y = ImGui::GetIO().MousePos.y;
      if (r && ImGui::IsWindowHovered() && mouse_y >= top && mouse_y < ImGui::GetCursorScreenPos().y) {
        hovered_id = str(*r, "id");
        hovered_index = i;
      }
      if (clicked) {
        detail_.open(ctx, str(*r, "id"));
        in_detail_ = true;
        ImGui::SetScrollY(0);
      }
    }
  }
  ImGui::PopStyleVar();
  hover_id_ = hovered_id;
  hover_index_ = hovered_index;
  platform::request_frame_in(1000.0 * (60 - static_cast<double>(now % 60)) + 20);
}

// A reload that put rows above the one under the pointer: the list scrolls by as many rows, so
// that row stays where the pointer is (and a click lands on what the agent was pointing at).
void QueueScreen::keep_hovered_row(float row_height) {
  if (hover_index_ < 0 || hover_id_.empty()) return;
  const json* same = list_.row(hover_index_);
  if (same && str(*same, "id") == hover_id_) return;
  for (int d = 1; d <= 20; ++d)
    for (int k : {hover_index_ + d, hover_index_ - d}) {
      const json* r = k >= 0 && k < list_.total() ? list_.row(k) : nullptr;
      if (!r || str(*r, "id") != hover_id_) continue;
      ImGui::SetScrollY(std::max(0.0f, ImGui::GetScrollY() + static_cast<float>(k - hover_index_) * row_height));
      hover_index_ = k;
      platform::request_frame();
      return;
    }
}

}  // namespace portal::screens
