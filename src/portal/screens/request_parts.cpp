// Shared pieces of Requests and Queue (see request_parts.h); the detail is in requests_detail.cpp.
#include "screens/request_parts.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "client/browser_clock.h"
#include "client/i18n.h"
#include "domain/model.h"
#include "platform/web_platform.h"
#include "time/iso8601.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/dom_field.h"
#include "ui/reveal.h"
#include "ui/widgets.h"

namespace portal::screens::parts {

std::string severity_name(int severity) {
  return tr_or("severity." + std::to_string(severity) + ".name", std::to_string(severity));
}
std::string status_name(const std::string& status, bool agent) {
  // Agents read the status from their side: "pending" waits for the customer, not for "you".
  if (agent) return tr_or("queue.status." + status, tr_or("requests.status." + status, status));
  return tr_or("requests.status." + status, status);
}
std::string category_name(const std::string& category) { return tr_or("requests.category." + category, category); }

// ---- badges --------------------------------------------------------------------------------------

ImU32 status_color(const std::string& status) {
  const ui::Palette& p = ui::palette();
  switch (parse_request_status(status).value_or(RequestStatus::kClosed)) {
    case RequestStatus::kNew:
    case RequestStatus::kOpen: return p.brand;
    case RequestStatus::kPending: return p.warning;
    case RequestStatus::kResolved: return p.success;
    case RequestStatus::kClosed: return p.text_muted;
  }
  return p.text_muted;
}

bool is_finished_status(const std::string& status) {
  const auto s = parse_request_status(status);
  return s && is_finished(*s);
}

void status_badge(const std::string& status, bool agent) {
  const ImU32 c = status_color(status);
  ui::badge(status_name(status, agent).c_str(), c, ui::with_alpha(c, 36));
}

void level_badge(const std::string& level) {
  const ui::Palette& p = ui::palette();
  const std::string text = std::string(icon::kLevelUp) + " " + level;
  ui::badge(text.c_str(), p.text, p.surface_alt);
}

void severity_badge(int severity, const std::string& name) {
  const ui::Palette& p = ui::palette();
  const ImU32 colors[5] = {p.danger, p.warning, p.brand, p.text_muted, p.text_muted};
  const ImU32 c = colors[std::clamp(severity, 1, 5) - 1];
  const std::string text = std::to_string(severity) + " · " + name;
  ui::badge(text.c_str(), c, ui::with_alpha(c, 36));
}

// ---- SLA clocks ----------------------------------------------------------------------------------

ClockText clock_text(const json& clock, Instant now) {
  ClockText out;
  if (!clock.is_object()) return out;
  out.due = client::parse_wire_time(str(clock, "due"));
  const Instant met = client::parse_wire_time(str(clock, "met_at"));
  const bool breached = clock.value("breached", false);
  const std::string due_when = client::format_when(out.due);
  if (met != 0) {
    out.state = met > out.due ? ClockState::Breached : ClockState::Met;
    out.text = trf(met > out.due ? "requests.sla.met_late" : "requests.sla.met",
                   {{"when", client::format_when(met)}, {"due", due_when}});
  } else if (breached || now > out.due) {
    out.state = ClockState::Breached;
    out.text =
        trf("requests.sla.breached", {{"ago", format_duration(now - out.due, i18n::format())}, {"due", due_when}});
  } else {
    out.state = ClockState::Running;
    out.text =
        trf("requests.sla.due_in", {{"left", format_duration(out.due - now, i18n::format())}, {"due", due_when}});
  }
  return out;
}

std::string explanation_text(const json& clock) {
  if (!clock.is_object() || !clock.contains("explanation") || !clock["explanation"].is_object()) return {};
  const json& ex = clock["explanation"];
  const auto& f = i18n::format();
  std::vector<std::string> parts;
  std::vector<std::string> closed_run;  // consecutive closed days: "closed Saturday and Sunday"
  auto names = [](const std::vector<std::string>& list) {
    std::string s;
    for (std::size_t i = 0; i < list.size(); i++) {
      if (i > 0) s += (i + 1 == list.size()) ? std::string(" ") + tr("requests.ex.and") + " " : std::string(", ");
      s += list[i];
    }
    return s;
  };
  auto flush = [&] {
    if (closed_run.empty()) return;
    parts.push_back(trf("requests.ex.closed", {{"days", names(closed_run)}}));
    closed_run.clear();
  };
  if (ex.contains("days") && ex["days"].is_array()) {
    for (const json& d : ex["days"]) {
      auto date = parse_date(str(d, "date"));
      if (!date) continue;
      const std::string day = f.weekdays_long[weekday_from_days(days_from_civil(*date))];
      const int minutes = d.value("counted_minutes", 0);
      if (d.value("holiday", false)) {
        flush();
        parts.push_back(trf("requests.ex.holiday", {{"day", day}}));
      } else if (d.value("closed", false)) {
        closed_run.push_back(day);
      } else if (minutes > 0) {
        flush();
        parts.push_back(trf("requests.ex.counted", {{"duration", format_duration(minutes * 60LL, f)}, {"day", day}}));
      }
    }
  }
  flush();
  std::string list;
  for (std::size_t i = 0; i < parts.size(); i++) list += (i ? ", " : "") + parts[i];
  const Instant due = client::parse_wire_time(str(clock, "due"));
  return trf("requests.ex.text", {{"due", client::format_when(due)}, {"parts", list}, {"tz", str(ex, "tz")}});
}

ClockText next_due_text(const json& r, Instant now) {
  const json& sla = r.contains("sla") ? r["sla"] : json();
  const json& fu = sla.is_object() && sla.contains("follow_up") ? sla["follow_up"] : json();
  const json& fr = sla.is_object() && sla.contains("first_response") ? sla["first_response"] : json();
  const std::string status = str(r, "status");
  ClockText a = clock_text(fr, now);
  ClockText b = fu.is_object() ? clock_text(fu, now) : ClockText{};
  // The running clock matters most; else a breach; else met.
  ClockText pick = a;
  if (b.state == ClockState::Running && (a.state != ClockState::Running || b.due < a.due)) pick = b;
  else if (a.state != ClockState::Running && b.state == ClockState::Breached) pick = b;
  if (is_finished_status(status) && pick.state == ClockState::Running) {
    pick.state = ClockState::None;
    pick.text = tr("requests.sla.stopped");
  }
  return pick;
}

// ---- inputs --------------------------------------------------------------------------------------

bool multiline_field(const char* label, const char* id, std::string& text, float height, const char* hint) {
  // A real <textarea> over the canvas (ui/dom_field.h): it wraps, and grows with the text.
  ui::DomFieldOptions o;
  o.hint = hint;
  o.min_height = height;
  return ui::dom_text_field(label, id, text, o);
}

void field_error(const std::string& message) {
  if (message.empty()) return;
  text_colored(static_cast<int>(ui::Font::Small), ui::palette().danger,
               std::string(icon::kExclamationCircle) + "  " + message);
  ui::reveal_last_item("error:" + message, 90);  // the form's first error, with its field, comes into view
}

// ---- paged list ----------------------------------------------------------------------------------

void PagedList::reset(const std::string& query) {
  query_ = query;
  ++gen_;
  ++head_version_;
  total_ = -1;
  pages_.clear();
  loading_.clear();
  stale_.clear();
}

void PagedList::refresh() {
  ++gen_;  // replies to the asks before are out of date
  loading_.clear();
  for (const auto& [page, rows] : pages_) stale_.insert(page);
}

void PagedList::want(app::Context& ctx, int first, int last) {
  if (query_.empty()) return;
  const int from = std::max(0, first) / kPage;
  const int to = known() ? std::min(std::max(0, last - 1), std::max(0, total_ - 1)) / kPage : from;
  for (int page = from; page <= to; page++) {
    if ((pages_.count(page) && !stale_.count(page)) || loading_.count(page)) continue;
    loading_.insert(page);
    const unsigned gen = gen_;
    const char sep = query_.find('?') == std::string::npos ? '?' : '&';
    ctx.call("GET", query_ + sep + "offset=" + std::to_string(page * kPage) + "&limit=" + std::to_string(kPage),
             nullptr, [this, gen, page](const client::Reply& r) {
               if (gen != gen_) return;
               loading_.erase(page);
               if (!r.ok() || !r.body.is_object()) return;
               stale_.erase(page);
               const int total = r.body.value("total", 0);
               // A changed total changes what the head shows (e.g. fewer than kHeadRows rows).
               if (page * kPage < kHeadRows || total != total_) ++head_version_;
               total_ = total;
               std::vector<json>& rows = pages_[page];
               rows.clear();
               if (r.body.contains("requests") && r.body["requests"].is_array())
                 for (const json& x : r.body["requests"]) rows.push_back(x);
             });
  }
}

const json* PagedList::row(int index) const {
  auto it = pages_.find(index / kPage);
  if (it == pages_.end()) return nullptr;
  const std::size_t i = static_cast<std::size_t>(index % kPage);
  return i < it->second.size() ? &it->second[i] : nullptr;
}

int PagedList::loaded_rows() const {
  int n = 0;
  for (const auto& [page, rows] : pages_) n += static_cast<int>(rows.size());
  return n;
}

RowsDigest::RowsDigest(const PagedList& list, std::string prefix, bool with_level)
    : list_(list), prefix_(std::move(prefix)), with_level_(with_level) {
  const char* names[] = {".rows", ".dues", ".breached"};
  for (int which = 0; which < 3; which++)
    test_hooks::set_value_source(prefix_ + names[which], this, [this, which] { return value(which); });
}

RowsDigest::~RowsDigest() { test_hooks::remove_value_sources(this); }

const std::string& RowsDigest::value(int which) {
  const Instant now = client::now();
  std::string key = std::to_string(list_.head_version()) + "/" + std::to_string(now) + "/" + i18n::language();
  if (key != key_) {
    key_ = std::move(key);
    std::string rows, dues;
    int breached = 0;
    for (int i = 0; i < std::min(list_.total(), PagedList::kHeadRows); i++) {
      const json* r = list_.row(i);
      if (!r) continue;
      const ClockText due = next_due_text(*r, now);
      const std::string n = std::to_string(r->value("number", 0));
      rows += (rows.empty() ? "" : ",") + n + ":" + str(*r, "status");
      if (with_level_) rows += ":" + str(*r, "level");
      dues += (dues.empty() ? "" : "|") + n + ":" + due.text;
      breached += due.state == ClockState::Breached;
    }
    values_[0] = std::move(rows);
    values_[1] = std::move(dues);
    values_[2] = std::to_string(breached);
  }
  return values_[which];
}

}  // namespace portal::screens::parts
