// Requests (customer): the list with filters, search and paging, the new-request form with knowledge-base suggestions,
// and a request's detail: conversation, level, live SLA countdowns with the explanation of each due time, reply, close,
// reopen, rate.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"
#include "app/drafts.h"
#include "screens/request_parts.h"

namespace portal::screens {

class RequestsScreen {
 public:
  RequestsScreen() : detail_("requests") {}
  void draw(app::Context& ctx);
  // Shows one request's detail (from a link elsewhere, e.g. a toast or the chat-bot).
  void open(const std::string& request_id);
  // Opens the new-request form prefilled: {subject, description, severity, category} (any may be
  // missing), e.g. the chat-bot's conversation handed over.
  void start_new(const nlohmann::json& draft);
  // The address of what is shown ("requests", "requests/new", "requests/<id>") and the way back
  // to it (requests_route.cpp): Back / Forward, reload, a link.
  std::string route() const;
  void go_to(const std::string& sub);
  // True when `previous_route` named the request now shown by its id (now by its number): the
  // address is corrected in place, not a new history entry.
  bool same_request(const std::string& previous_route) const;
  void sync_new_draft(app::Context& ctx);  // the form kept per user (requests_route.cpp)
  // A change event (requests_live.cpp): the list, or the open request, is loaded again.
  void on_event(const nlohmann::json& event);

 private:
  enum class View { List, New, Detail };

  // requests_list.cpp
  void draw_list(app::Context& ctx);
  void list_filters(app::Context& ctx);
  void list_rows(app::Context& ctx);
  std::string list_query() const;
  // requests_new.cpp
  void draw_new(app::Context& ctx);
  void kb_suggestions(app::Context& ctx, bool side);  // side: in the column beside the form
  void search_kb(app::Context& ctx);
  bool validate();
  void submit(app::Context& ctx);

  View view_ = View::List;
  std::string pending_open_;  // open(id) before the next draw (the Context is needed to load)

  // list
  int status_filter_ = 0;  // index into the chips
  char search_[201] = {};
  std::string applied_search_;
  double search_due_ms_ = 0;  // debounce: apply the search box then
  parts::PagedList list_;
  parts::RowsDigest digest_{list_, "requests", false};  // the rows as test_hooks values
  bool list_stale_ = true;
  std::map<std::string, int> unread_;
  std::string top_id_;   // the first row last drawn (scroll anchoring when rows arrive above)  // request id -> number:
                         // a reply arrived and was not yet seen
  int last_frame_ = -2;  // ImGui frame this screen was last drawn in (a gap: it was left)
  std::string user_;     // signed_in_as() of the session the view belongs to

  // form
  char subject_[256] = {};
  std::string description_;
  int severity_ = 0;  // 0: not chosen
  std::string category_;
  char address_[512] = {};
  std::map<std::string, std::string> errors_;  // field → message
  bool submitting_ = false;
  std::string kb_query_;  // what the suggestions were fetched for
  double kb_due_ms_ = 0;
  unsigned kb_gen_ = 0;
  bool kb_in_flight_ = false;
  nlohmann::json kb_results_ = nlohmann::json::array();
  std::string kb_open_;          // the suggestion being read ("" none): read before "This helped"
  nlohmann::json kb_open_body_;  // its article (GET /kb/articles/{id}), null while loading
  app::Draft new_draft_;

  parts::RequestDetail detail_;
};

}  // namespace portal::screens
