// One article of the knowledge base (with Back to the list) and the FAQ as expandable questions.
// Bodies are fetched on demand (GET /kb/articles/{id}?lang=) and kept for the current language.

#include "client/i18n.h"
#include "domain/text.h"
#include "platform/web_platform.h"
#include "screens/help.h"
#include "screens/help_parts.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

using help::str;
using nlohmann::json;

// An article of another language than the interface's (a search finds those too) is keyed
// "<lang>:<id>"; the interface's own are keyed by id.
void HelpScreen::fetch_body(app::Context& ctx, const std::string& key) {
  const std::string lang = i18n::language();
  const auto colon = key.find(':');
  const std::string id = colon == std::string::npos ? key : key.substr(colon + 1);
  const std::string article_lang = colon == std::string::npos ? lang : key.substr(0, colon);
  std::weak_ptr<int> alive = alive_;
  ctx.call("GET", "/kb/articles/" + help::url_encode(id) + "?lang=" + article_lang, nullptr,
           [this, alive, key, lang](const client::Reply& r) {
             if (alive.expired() || lang != i18n::language()) return;
             bodies_[key] = r.ok() ? r.body : json{{"error", r.error_message()}};
           });
}

void HelpScreen::open_article(app::Context& ctx, const std::string& id) {
  open_id_ = id;
  scroll_top_ = true;
  if (!bodies_.count(id)) fetch_body(ctx, id);
  platform::request_frame();
}

void HelpScreen::draw_article(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  if (ui::button(help::with_id(tr("help.back"), "kb-back").c_str(), icon::kChevronLeft, ui::ButtonStyle::Ghost) ||
      (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && !ImGui::IsAnyItemActive())) {
    open_id_.clear();
    scroll_top_ = true;
    platform::request_frame();
    test_hooks::set_value("help.article", "");
    return;
  }
  ui::gap(4);
  auto it = bodies_.find(open_id_);
  test_hooks::set_value("help.article", open_id_);
  ui::begin_card("help-article");
  if (it == bodies_.end()) {
    help::text(ui::Font::Body, p.text_muted, tr("help.loading"));
    test_hooks::set_value("help.article_title", "");
  } else if (it->second.contains("error")) {
    help::text(ui::Font::Body, p.danger, str(it->second, "error"));
  } else {
    const json& a = it->second;
    const bool faq = str(a, "kind") == "faq";
    const std::string cat = help::category_name(faq ? "faq" : str(a, "category"));
    ui::badge(cat.c_str(), faq ? p.success : p.brand, faq ? p.success_soft : p.brand_soft);
    ui::gap(2);
    {
      ui::FontScope f(ui::Font::Title);
      help::text(ui::Font::Title, p.text, str(a, "title"));
    }
    ui::gap(6);
    ui::separator();
    ui::gap(6);
    help::article_text(str(a, "body"));
    test_hooks::set_value("help.article_title", str(a, "title"));
    ui::gap(10);
    ui::separator();
    ui::gap(6);
    help::text(ui::Font::Small, p.text_muted, tr("help.article_not_helpful"));
    ui::gap(2);
    if (ctx.role() != "agent" && ui::button(help::with_id(tr("help.chat.create_request"), "kb-article-request").c_str(),
                                            icon::kPlus, ui::ButtonStyle::Secondary)) {
      if (ctx.role().empty()) ctx.go("sign_in");
      else ctx.new_request({{"subject", str(a, "title")}, {"description", ""}, {"category", "technical"}});
    }
  }
  ui::end_card();
}

void HelpScreen::draw_faq(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  ui::begin_card("help-faq");
  ui::heading(tr("help.faq_title"));
  ui::muted(tr("help.faq_subtitle"));
  ui::gap(6);
  std::string open;
  bool first = true;
  for (const json& a : articles_) {
    if (str(a, "kind") != "faq") continue;
    const std::string id = str(a, "id"), q = str(a, "title");
    const bool expanded = expanded_.count(id) > 0;
    if (!first) ui::separator();
    first = false;
    // The question: a full-width row with a chevron that turns when open.
    ImFont* strong = ui::font(ui::Font::Strong);
    const float scale = ImGui::GetIO().FontGlobalScale;
    const float fs = strong->FontSize * scale;
    const float w = ImGui::GetContentRegionAvail().x, pad = 10, chevron = 26;
    const ImVec2 ts = strong->CalcTextSizeA(fs, FLT_MAX, w - 2 * pad - chevron, q.c_str());
    const float h = ts.y + 2 * pad + 4;
    bool hovered = false;
    if (help::clickable_row("faq-" + id, q, h, &hovered)) {
      if (expanded) expanded_.erase(id);
      else {
        expanded_.insert(id);
        if (!bodies_.count(id)) fetch_body(ctx, id);
      }
      platform::request_frame();
    }
    const ImVec2 o = ImGui::GetItemRectMin();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddText(strong, fs, o + ImVec2(pad, pad + 2), ImGui::GetColorU32(hovered || expanded ? p.brand : p.text),
                q.c_str(), nullptr, w - 2 * pad - chevron);
    {
      ImFont* f = ui::font(ui::Font::Small);
      const float sfs = f->FontSize * scale;
      const char* ic = expanded ? icon::kArrowUp : icon::kChevronRight;
      const ImVec2 is = f->CalcTextSizeA(sfs, FLT_MAX, 0, ic);
      dl->AddText(f, sfs, ImVec2(o.x + w - pad - is.x, o.y + (h - is.y) * 0.5f), ImGui::GetColorU32(p.text_muted), ic);
    }
    if (expanded) {
      open += (open.empty() ? "" : ",") + id;
      ImGui::Indent(pad);
      auto it = bodies_.find(id);
      if (it == bodies_.end()) help::text(ui::Font::Body, p.text_muted, tr("help.loading"));
      else help::article_text(str(it->second, "body", str(it->second, "error")));
      ImGui::Unindent(pad);
      ui::gap(6);
      if (it != bodies_.end()) test_hooks::set_value("help.faq_body." + id, utf8_truncate(str(it->second, "body"), 60));
    }
  }
  if (first) help::text(ui::Font::Body, p.text_muted, loading_ ? tr("help.loading") : tr("help.faq_empty"));
  test_hooks::set_value("help.faq_open", open);
  ui::end_card();
}

}  // namespace portal::screens
