// Pieces shared by the customer's Requests screen and the agent's Queue: badges (status, level,
// severity), SLA clock texts with the explanation of a business due time, the conversation, a
// multi-line field, the paged list cache, and the request detail (customer or agent actions).
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/drafts.h"
#include "screens/common.h"
#include "time/civil.h"
#include "ui/widgets.h"

namespace portal::screens::parts {

// ---- json and text helpers -----------------------------------------------------------------------
using screens::plural;  // the shared ones: screens/common.h
using screens::str;
using screens::tr_or;
using screens::url_encode;
std::string severity_name(int severity);  // "Critical"
std::string status_name(const std::string& status, bool agent = false);
std::string category_name(const std::string& category);

// ---- badges --------------------------------------------------------------------------------------
// A status's colour (the badge's and the list's); a finished request's clocks are stopped.
ImU32 status_color(const std::string& status);
bool is_finished_status(const std::string& status);
void status_badge(const std::string& status, bool agent = false);
void level_badge(const std::string& level);
void severity_badge(int severity, const std::string& name);
// ui::text with this screen's font codes (kBody, kSmall … in the .cpp files).
inline void text_colored(int font, unsigned color, const std::string& text, bool wrap = true) {
  ui::text(static_cast<ui::Font>(font), color, text, wrap);
}

// ---- SLA clocks ----------------------------------------------------------------------------------
enum class ClockState { None, Running, Met, Breached };
struct ClockText {
  ClockState state = ClockState::None;
  std::string text;  // "Due in 1 h 23 min (Tue, 24 Nov, 10:00)", "Met at …", "Breached …"
  Instant due = 0;
};
ClockText clock_text(const nlohmann::json& clock, Instant now);
// "Due Tue, 24 Nov, 10:00: 2 h counted Friday, closed Saturday and Sunday, Monday is a holiday"
std::string explanation_text(const nlohmann::json& clock);
// The list row's short SLA text: the next due time, or met / breached.
ClockText next_due_text(const nlohmann::json& request, Instant now);

// ---- list rows (requests_list.cpp) -------------------------------------------------------------------
float request_row_height();
// One request as a clickable row (wide) or compact card (narrow); null: a placeholder while its
// page loads. due_out gets the shown SLA text. Returns true when clicked.
bool request_row(const nlohmann::json* request, int index, Instant now, std::string* due_out, bool unread = false);

// ---- inputs --------------------------------------------------------------------------------------
// A labelled, full-width multi-line field (the ui kit has single-line fields only).
bool multiline_field(const char* label, const char* id, std::string& text, float height, const char* hint = nullptr);
// A red line under a field naming what is wrong.
void field_error(const std::string& message);

// ---- paged list ----------------------------------------------------------------------------------
// Requests fetched lazily page by page for the rows a list clipper shows (10,000 rows stay cheap).
class PagedList {
 public:
  static constexpr int kPage = 50;
  static constexpr int kHeadRows = 200;  // the rows RowsDigest publishes
  // The query (without offset/limit) changed: drop everything.
  void reset(const std::string& query);
  // The same query again (an event, Refresh): the rows stay on screen until their page arrives
  // anew, so a refresh never flashes "Loading…" (issue #10).
  void refresh();
  const std::string& query() const { return query_; }
  // Asks for the pages covering rows [first, last) that are neither loaded nor loading.
  void want(app::Context& ctx, int first, int last);
  const nlohmann::json* row(int index) const;
  int total() const { return total_; }
  bool known() const { return total_ >= 0; }
  int loaded_rows() const;
  // Changes when rows [0, kHeadRows) may have changed (a reset, a page arriving among them, a
  // new total); pages arriving further down leave it.
  unsigned head_version() const { return head_version_; }

 private:
  std::string query_;  // "/requests?status=open&q=…"
  unsigned gen_ = 0;
  unsigned head_version_ = 0;
  int total_ = -1;
  std::map<int, std::vector<nlohmann::json>> pages_;
  std::set<int> loading_;
  std::set<int> stale_;  // pages shown while their refresh is asked for
};

// What a list publishes for tests (test_hooks values "<prefix>.rows", ".dues", ".breached"): the
// loaded rows in order (the first PagedList::kHeadRows), "n:status" (with ":level" for the queue)
// and "n:due text". Built only when a test reads them (test_hooks value sources), at most once a
// second while the rows stay the same: formatting 200 due texts takes ~5-10 ms, more than a
// whole frame of the list, so frames never do it.
class RowsDigest {
 public:
  RowsDigest(const PagedList& list, std::string prefix, bool with_level);
  ~RowsDigest();
  RowsDigest(const RowsDigest&) = delete;
  RowsDigest& operator=(const RowsDigest&) = delete;

 private:
  const std::string& value(int which);  // 0 rows, 1 dues, 2 breached
  const PagedList& list_;
  std::string prefix_;
  bool with_level_;
  std::string key_;  // what the values below were built from
  std::string values_[3];
};

// ---- the detail ------------------------------------------------------------------------------------
// One request: header, SLA clocks with explanations, conversation, and the actions of the role.
class RequestDetail {
 public:
  explicit RequestDetail(const char* prefix) : prefix_(prefix) {}
  // `key`: the request's id or its number ("1042", from an address); once loaded, id() is the id.
  void open(app::Context& ctx, const std::string& key);
  void show(const nlohmann::json& request);  // a request we already have (e.g. just created)
  const std::string& id() const { return id_; }
  // Whether `key` (an id or a number) names the request shown or being opened.
  bool is(const std::string& key) const { return !key.empty() && (key == id_ || key == number_); }
  // The request in addresses: its number once known (#/requests/1042), else what it was opened by.
  const std::string& address() const { return number_.empty() ? id_ : number_; }
  // Returns false when the user pressed Back.
  bool draw(app::Context& ctx, bool agent);

 private:
  void load(app::Context& ctx);
  void act(app::Context& ctx, const std::string& method, const std::string& path, const nlohmann::json& body,
           const char* done_toast);
  void header_card(const Catalog& catalog, bool agent);
  void sla_card(Instant now);
  void conversation_card(app::Context& ctx, bool agent);
  void actions_card(app::Context& ctx, bool agent);
  void rating_card(app::Context& ctx);
  void value(const std::string& key, const std::string& v) const;

  void keep(const nlohmann::json& request);  // request_, id_ and number_ from the server's view

  std::string prefix_;
  std::string id_;
  std::string number_;  // "1042" once loaded
  nlohmann::json request_;
  bool loading_ = false;
  bool busy_ = false;
  unsigned gen_ = 0;
  std::string reply_;
  std::string reply_error_;
  int stars_ = 0;
  std::string rating_comment_;
  enum class Ask { None, Close, Escalate };  // a question shown before the action
  Ask asking_ = Ask::None;
  std::string escalate_reason_;
  std::string reason_error_;
  app::Draft reply_draft_;  // the reply kept per user and request
};

}  // namespace portal::screens::parts
