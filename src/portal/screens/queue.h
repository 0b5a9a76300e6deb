// The agent's queue: open requests ordered by SLA due time; a request's detail with reply, pending / resolved, escalation L1 → L2 → L3.
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
  std::string route() const;            // "queue" or "queue/<number>" (queue_route.cpp)
  void go_to(const std::string& sub);
  bool same_request(const std::string& previous_route) const;  // as RequestsScreen's
  // A change event (queue_live.cpp): the queue, or the open request, is loaded again.
  void on_event(const nlohmann::json& event);

 private:
  void draw_list(app::Context& ctx);
  void draw_filters();
  std::string list_query() const;

  bool in_detail_ = false;
  std::string pending_open_;
  int last_frame_ = -2;   // ImGui frame this screen was last drawn in (a gap: it was left)
  std::string user_;      // signed_in_as() of the session the view belongs to
  parts::PagedList list_;
  parts::RowsDigest digest_{list_, "queue", true};  // the rows as test_hooks values
  bool stale_ = true;
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
