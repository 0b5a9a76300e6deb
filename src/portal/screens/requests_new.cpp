// The new-request form: subject, description, severity (with each one's definition), category
// (on-site only where the tier has visits, then an address), inline errors naming the field
// (ours and the server's 422), and knowledge-base articles that may already answer it.
#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/catalog_words.h"
#include "screens/requests.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

using parts::str;

namespace {

constexpr int kSmall = static_cast<int>(ui::Font::Small);
// From this content width the knowledge-base suggestions get a column beside the form.
constexpr float kSideSuggestionsMin = 860;

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// At most n bytes, cut at a UTF-8 character boundary.
std::string utf8_prefix(const std::string& s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// A selectable card: a radio dot, a title and a line of detail. Returns true when clicked.
bool option_card(const char* id_text, const std::string& title, const std::string& detail, bool selected) {
  const ui::Palette& p = ui::palette();
  const float w = ImGui::GetContentRegionAvail().x;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  // Height: the wrapped detail decides.
  ImFont* small = ui::font(ui::Font::Small);
  const float fs = small->FontSize * ImGui::GetIO().FontGlobalScale;
  const float text_w = w - 56 - 16;
  const ImVec2 ds = small->CalcTextSizeA(fs, FLT_MAX, text_w, detail.c_str());
  const float h = 16 + 22 + ds.y + 14;
  const ImGuiID id = ImGui::GetID(id_text);
  const bool clicked = ImGui::InvisibleButton(id_text, ImVec2(w, h));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, pos + ImVec2(w, h),
                    ImGui::GetColorU32(selected  ? p.brand_soft
                                       : hovered ? p.surface_alt
                                                 : p.surface),
                    12);
  dl->AddRect(pos, pos + ImVec2(w, h), ImGui::GetColorU32(selected ? p.brand : p.border), 12, 0,
              selected ? 2.0f : 1.0f);
  const ImVec2 c = pos + ImVec2(28, 26);
  dl->AddCircle(c, 9, ImGui::GetColorU32(selected ? p.brand : p.text_muted), 20, 2);
  if (selected) dl->AddCircleFilled(c, 5, ImGui::GetColorU32(p.brand), 16);
  ImFont* strong = ui::font(ui::Font::Strong);
  dl->AddText(strong, strong->FontSize * ImGui::GetIO().FontGlobalScale, pos + ImVec2(52, 14),
              ImGui::GetColorU32(p.text), title.c_str());
  dl->AddText(small, fs, pos + ImVec2(52, 38), ImGui::GetColorU32(p.text_muted), detail.c_str(), nullptr, text_w);
  test_hooks::register_item(id, (title + id_text).c_str());
  return clicked;
}

}  // namespace

bool RequestsScreen::validate() {
  errors_.clear();
  if (blank(subject_)) errors_["subject"] = tr("requests.err.subject");
  if (blank(description_)) errors_["description"] = tr("requests.err.description");
  if (severity_ < 1 || severity_ > 5) errors_["severity"] = tr("requests.err.severity");
  if (category_.empty()) errors_["category"] = tr("requests.err.category");
  if (category_ == "onsite" && blank(address_)) errors_["address"] = tr("requests.err.address");
  return errors_.empty();
}

void RequestsScreen::submit(app::Context& ctx) {
  if (submitting_ || !validate()) return;
  json body = {{"subject", std::string(subject_)},
               {"description", description_},
               {"severity", severity_},
               {"category", category_}};
  if (category_ == "onsite") body["address"] = std::string(address_);
  submitting_ = true;
  ctx.call("POST", "/requests", body, [this](const client::Reply& r) {
    submitting_ = false;
    if (r.ok() && r.body.is_object()) {
      ui::toast(trf("requests.toast.created", {{"number", "#" + std::to_string(r.body.value("number", 0))}}),
                ui::ToastKind::Success);
      detail_.show(r.body);
      view_ = View::Detail;
      list_stale_ = true;
      subject_[0] = 0;
      description_.clear();
      severity_ = 0;
      category_.clear();
      address_[0] = 0;
      kb_results_ = json::array();
      return;
    }
    if (r.status >= 500) return;
    // The server names the field: show its message there (in our words when we know it).
    const std::string field = r.error_field().empty() ? "form" : r.error_field();
    const std::string known = parts::tr_or("requests.err." + field, "");
    errors_[field] = known.empty() ? r.error_message() : known + " (" + r.error_message() + ")";
  });
}

void RequestsScreen::search_kb(app::Context& ctx) {
  std::string q = utf8_prefix(std::string(subject_) + " " + description_, 300);
  if (blank(q) || q.size() < 3 || q == kb_query_) return;
  kb_query_ = q;
  const unsigned gen = ++kb_gen_;
  kb_in_flight_ = true;
  ctx.call("GET", "/kb/search?q=" + parts::url_encode(q) + "&lang=" + i18n::language() + "&limit=3", nullptr,
           [this, gen](const client::Reply& r) {
             if (gen != kb_gen_) return;
             kb_in_flight_ = false;
             if (!r.ok()) return;
             kb_results_ =
                 r.body.contains("results") && r.body["results"].is_array() ? r.body["results"] : json::array();
           });
}

void RequestsScreen::kb_suggestions(app::Context& ctx, bool side) {
  const ui::Palette& p = ui::palette();
  if (kb_due_ms_ > 0) {
    if (platform::now_ms() >= kb_due_ms_) {
      kb_due_ms_ = 0;
      search_kb(ctx);
    } else {
      platform::request_frame_in(kb_due_ms_ - platform::now_ms() + 5);
    }
  }
  std::string ids;
  for (const json& a : kb_results_) ids += (ids.empty() ? "" : ",") + str(a, "id");
  test_hooks::set_value("requests.kb", ids);
  // On narrow screens suggestions arriving push the fields below them down: tests wait for "0".
  test_hooks::set_value("requests.kb.pending", kb_due_ms_ > 0 || kb_in_flight_ ? "1" : "0");
  if (kb_results_.empty()) {
    if (side) {  // the column says what it is for before anything is typed
      ui::begin_card("req-kb-hint");
      parts::text_colored(static_cast<int>(ui::Font::Strong), p.text_muted,
                          std::string(icon::kBook) + "  " + tr("requests.kb.hint_title"));
      parts::text_colored(kSmall, p.text_muted, tr("requests.kb.hint"));
      ui::end_card();
    }
    return;
  }
  ui::begin_card("req-kb");
  parts::text_colored(static_cast<int>(ui::Font::Strong), p.brand,
                      std::string(icon::kBook) + "  " + tr("requests.kb.title"));
  ui::muted(tr("requests.kb.subtitle"));
  for (const json& a : kb_results_) {
    const std::string id = str(a, "id");
    ui::gap(2);
    ui::separator();
    ui::gap(2);
    parts::text_colored(static_cast<int>(ui::Font::Strong), p.text, str(a, "title"));
    const std::string lang = str(a, "lang", i18n::language());
    if (lang != i18n::language()) parts::text_colored(kSmall, p.brand, parts::tr_or("help.in_lang." + lang, lang));
    const bool reading = kb_open_ == id;
    if (reading && kb_open_body_.is_object()) {
      parts::text_colored(static_cast<int>(ui::Font::Body), p.text, str(kb_open_body_, "body"));
    } else {
      parts::text_colored(kSmall, p.text_muted, reading ? tr("requests.loading") : str(a, "snippet"));
    }
    test_hooks::set_value("requests.kb.open", kb_open_);
    // Read the whole article here first (the form stays as typed), then say whether it helped.
    const std::string read =
        std::string(tr(reading ? "requests.kb.read_less" : "requests.kb.read")) + "##kb-read-" + id;
    if (ui::button(read.c_str(), icon::kBook, ui::ButtonStyle::Ghost)) {
      if (reading) {
        kb_open_.clear();
      } else {
        kb_open_ = id;
        kb_open_body_ = nullptr;
        ctx.call("GET", "/kb/articles/" + parts::url_encode(id) + "?lang=" + lang, nullptr,
                 [this, id](const client::Reply& r) {
                   if (kb_open_ == id && r.ok()) kb_open_body_ = r.body;
                 });
      }
    }
    ImGui::SameLine();
    const std::string solved = std::string(tr("requests.kb.solved")) + "##kb-solved-" + id;
    if (ui::button(solved.c_str(), icon::kCheck, ui::ButtonStyle::Secondary)) {
      ui::toast(tr("requests.toast.solved"), ui::ToastKind::Success);
      subject_[0] = 0;
      description_.clear();
      severity_ = 0;
      category_.clear();
      errors_.clear();
      kb_results_ = json::array();
      kb_query_.clear();
      view_ = View::List;
      ImGui::SetScrollY(0);
      break;
    }
  }
  ui::end_card();
}

void RequestsScreen::draw_new(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  const json& me = ctx.me();
  const bool onsite = me.is_object() && me.value("has_onsite", false);
  if (ui::button((std::string(tr("requests.back_list")) + "##new-cancel").c_str(), icon::kChevronLeft,
                 ui::ButtonStyle::Ghost)) {
    view_ = View::List;
    return;
  }
  ui::title(tr("requests.new_title"));
  ui::subtitle(tr("requests.new_subtitle"));
  ui::gap(4);
  // Suggestions arrive a debounce and a fetch after typing. On wide screens they get a column of
  // their own, so their arrival never moves the fields and buttons under the pointer; narrow,
  // they sit below the description and push down only what follows it.
  const bool side = ImGui::GetContentRegionAvail().x >= kSideSuggestionsMin;
  const bool table = side && ImGui::BeginTable("new-layout", 2, ImGuiTableFlags_NoPadOuterX);
  if (table) {
    ImGui::TableSetupColumn("form", ImGuiTableColumnFlags_WidthStretch, 1.75f);
    ImGui::TableSetupColumn("kb", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextColumn();
  }
  auto error = [&](const char* field) {
    auto it = errors_.find(field);
    if (it != errors_.end()) parts::field_error(it->second);
  };

  ui::begin_card("req-new");
  if (ui::text_field(tr("requests.field.subject"), "##new-subject", subject_, sizeof subject_,
                     tr("requests.field.subject_hint"))) {
    kb_due_ms_ = platform::now_ms() + 450;
    errors_.erase("subject");
  }
  error("subject");
  ui::gap(4);
  if (parts::multiline_field(tr("requests.field.description"), "##new-description", description_, 140,
                             tr("requests.field.description_hint"))) {
    kb_due_ms_ = platform::now_ms() + 450;
    errors_.erase("description");
  }
  error("description");
  ui::end_card();

  if (!table) kb_suggestions(ctx, false);

  ui::begin_card("req-new-sev");
  ui::heading(tr("requests.field.severity"));
  ui::muted(tr("requests.field.severity_hint"));
  ui::gap(4);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  for (int sev = 1; sev <= 5; sev++) {
    const std::string id = "##sev-" + std::to_string(sev);
    if (option_card(id.c_str(), std::to_string(sev) + " · " + parts::severity_name(sev),
                    severity_definition(ctx.core_catalog(), sev), severity_ == sev)) {
      severity_ = sev;
      errors_.erase("severity");
    }
  }
  ImGui::PopStyleVar();
  error("severity");
  ui::end_card();

  ui::begin_card("req-new-cat");
  ui::heading(tr("requests.field.category"));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  std::vector<std::string> cats = {"technical", "billing", "account", "other"};
  if (onsite) cats.insert(cats.begin() + 3, "onsite");
  for (std::size_t i = 0; i < cats.size(); i++) {
    const std::string label = parts::category_name(cats[i]) + "##cat-" + cats[i];
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < ui::button_width(label.c_str())) ImGui::NewLine();
    }
    if (ui::button(label.c_str(), cats[i] == "onsite" ? icon::kMapMarker : nullptr,
                   category_ == cats[i] ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary)) {
      category_ = cats[i];
      errors_.erase("category");
    }
  }
  ImGui::PopStyleVar();
  if (!onsite) parts::text_colored(kSmall, p.text_muted, tr("requests.field.onsite_locked"));
  error("category");
  if (category_ == "onsite") {
    ui::gap(4);
    if (ui::text_field(tr("requests.field.address"), "##new-address", address_, sizeof address_,
                       tr("requests.field.address_hint")))
      errors_.erase("address");
    error("address");
  }
  ui::end_card();

  error("form");
  if (ui::button((std::string(submitting_ ? tr("requests.sending") : tr("requests.submit")) + "##new-submit").c_str(),
                 icon::kSend, ui::ButtonStyle::Primary, ui::wide_layout() ? 0 : -1))
    submit(ctx);
  if (table) {
    ImGui::TableNextColumn();
    kb_suggestions(ctx, true);
    ImGui::EndTable();
  }

  std::string fields;
  for (const auto& [field, message] : errors_) {
    fields += (fields.empty() ? "" : ",") + field;
    test_hooks::set_value("requests.error." + field, message);
  }
  test_hooks::set_value("requests.errors", fields);
  test_hooks::set_value("requests.form.severity", std::to_string(severity_));
  test_hooks::set_value("requests.form.category", category_);
  test_hooks::set_value("requests.form.onsite", onsite ? "yes" : "no");
}

}  // namespace portal::screens
