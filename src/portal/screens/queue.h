// The agent's queue: open requests ordered by SLA due time; a request's detail with reply, pending / resolved,
// escalation L1 → L2 → L3.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"
#include "screens/request_parts.h"

namespace portal::screens {

class QueueScreen {
 public:
  QueueScreen() : detail_("queue") {}
  void draw(app::Context& ctx);
  void open(const std::string& request_id);
  std::string route() const;  // "queue" or "queue/<number>" (queue_route.cpp)
  void go_to(const std::string& sub);
  bool same_request(const std::string& previous_route) const;  // as RequestsScreen's
  // A change event (queue_live.cpp): the queue, or the open request, is loaded again.
  void on_event(const nlohmann::json& event);

 private:
  void draw_list(app::Context& ctx);
  void draw_filters();
  void draw_new_cue();
  void keep_hovered_row(float row_height);
  std::string list_query() const;

  bool in_detail_ = false;
  std::string pending_open_;
  int last_frame_ = -2;  // ImGui frame this screen was last drawn in (a gap: it was left)
  std::string user_;     // signed_in_as() of the session the view belongs to
  parts::PagedList list_;
  parts::RowsDigest digest_{list_, "queue", true};  // the rows as test_hooks values
  bool stale_ = true;
  // Live changes (queue_live.cpp): the list reloads at once; the row under the pointer keeps its
  // place on screen (the list scrolls by the rows that came in above it); new requests are
  // counted in an "N new" cue on the count line (which moves nothing either) until the agent
  // clicks it (back to the top) or changes the filters.
  int new_count_ = 0;
  std::string hover_id_;  // the row under the pointer in the last frame, and its index
  int hover_index_ = -1;
  parts::RequestDetail detail_;
  // Search and filters, done by the server (GET /requests?q=&assignee=&due=&level=&status=).
  char search_[201] = {};
  std::string applied_search_;
  double search_due_ms_ = 0;
  int scope_ = 0;   // index into queue_filters.cpp's scopes: all, mine, unassigned, breached, due soon
  int level_ = 0;   // any, L1, L2, L3
  int status_ = 0;  // open (new, open, pending), new, open, pending
};

}  // namespace portal::screens
