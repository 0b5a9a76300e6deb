// The Help screen's frame: the knowledge base in the current language, instant search (the loaded
// titles filtered at once, the server's ranked search ~150 ms after the last keystroke),
// categories and the article list. The article view, FAQ and chat-bot are in help_*.cpp.
#include "screens/help.h"

#include <algorithm>

#include "client/i18n.h"
#include "domain/text.h"
#include "platform/web_platform.h"
#include "screens/help_parts.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::screens {

using help::category_name;
using help::str;

namespace {

constexpr double kDebounceMs = 150;

// The query as the server sees it: trimmed, runs of spaces as one.
std::string normalise(const std::string& q) {
  std::string out;
  for (char c : q) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

void HelpScreen::sync_language(app::Context& ctx) {
  const std::string& lang = i18n::language();
  if (lang == lang_ || loading_) return;
  lang_ = lang;
  loading_ = true;
  load_failed_ = false;
  bodies_.clear();
  results_ = json::array();
  searched_.clear();
  if (query_[0]) {  // the same query again in the new language
    pending_query_ = normalise(query_);
    search_at_ms_ = 0;
  }
  std::weak_ptr<int> alive = alive_;
  ctx.call("GET", "/kb/articles?lang=" + lang, nullptr, [this, alive, lang](const client::Reply& r) {
    if (alive.expired()) return;
    loading_ = false;
    if (lang != lang_) return;  // switched again meanwhile: the next frame loads that one
    if (!r.ok()) {
      load_failed_ = true;
      return;
    }
    articles_ = r.body.value("articles", json::array());
  });
  if (!open_id_.empty()) fetch_body(ctx, open_id_);
}

void HelpScreen::draw(app::Context& ctx) {
  if (i18n::language() != lang_ && !loading_) sync_language(ctx);
  if (scroll_top_) {
    ImGui::SetScrollY(0);
    scroll_top_ = false;
  }
  test_hooks::set_value("help.lang", loading_ ? "" : lang_);
  test_hooks::set_value("help.view", open_id_.empty() ? "list" : "article");
  if (!open_id_.empty()) {
    draw_article(ctx);
    draw_chat(ctx);
    return;
  }
  ui::title(tr("help.title"));
  ui::subtitle(tr("help.subtitle"));
  ui::gap(6);
  draw_search(ctx);
  draw_chat(ctx);
  if (query_[0] == 0) {
    draw_list(ctx);  // the category chips, and the guides of the chosen category
    if (category_.empty() || category_ == "faq") draw_faq(ctx);
  }
}

void HelpScreen::draw_search(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  ui::begin_card("help-search");
  const bool changed =
      ui::text_field(tr("help.search_label"), "##kb-search", query_, sizeof query_, tr("help.search_hint"));
  if (changed) {
    pending_query_ = normalise(query_);
    search_at_ms_ = platform::now_ms() + kDebounceMs;
    platform::request_frame_in(kDebounceMs + 5);
  }
  if (!pending_query_.empty() || (query_[0] && normalise(query_) != searched_)) {
    if (platform::now_ms() >= search_at_ms_) run_search(ctx);
    else platform::request_frame_in(search_at_ms_ - platform::now_ms() + 5);
  }
  test_hooks::set_value("help.query", query_);
  if (query_[0]) {
    ui::gap(4);
    draw_results(ctx);
  } else {
    test_hooks::set_value("help.results", "");
    test_hooks::set_value("help.searched", "");
    help::text(ui::Font::Small, p.text_muted, std::string(icon::kInfo) + "  " + tr("help.search_tip"));
  }
  ui::end_card();
}

void HelpScreen::run_search(app::Context& ctx) {
  const std::string q = normalise(query_);
  pending_query_.clear();
  if (q.empty() || lang_.empty()) return;
  const int gen = ++search_gen_;
  const std::string lang = lang_;
  std::weak_ptr<int> alive = alive_;
  searched_ = q;  // sent: not again until the text changes
  ctx.call("GET", "/kb/search?lang=" + lang + "&limit=20&q=" + help::url_encode(q), nullptr,
           [this, alive, gen, q](const client::Reply& r) {
             if (alive.expired() || gen != search_gen_) return;
             results_ = r.ok() ? r.body.value("results", json::array()) : json::array();
             test_hooks::set_value("help.searched", q);
           });
  // Until the answer arrives the local title filter stays on screen.
  results_ = nullptr;
}

void HelpScreen::draw_results(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  // Instant: the loaded titles that match, while the server's ranked answer is on its way.
  json shown = json::array();
  const bool from_server = results_.is_array();
  if (from_server) {
    shown = results_;
  } else {
    for (const json& a : articles_)
      if (text_matches(str(a, "title"), query_)) shown.push_back(a);
  }
  std::string ids;
  for (const json& a : shown) ids += (ids.empty() ? "" : ",") + str(a, "id");
  test_hooks::set_value("help.results", from_server ? ids : "");
  test_hooks::set_value("help.results_instant", ids);
  if (shown.empty()) {
    if (from_server) {
      help::text(ui::Font::Strong, p.text, tr("help.no_results"));
      help::text(ui::Font::Body, p.text_muted, tr("help.no_results_hint"));
    } else {
      help::text(ui::Font::Small, p.text_muted, tr("help.searching"));
    }
    return;
  }
  help::text(ui::Font::Small, p.text_muted,
             trf("help.results_count", {{"n", std::to_string(shown.size())}, {"query", normalise(query_)}}));
  ui::gap(2);
  for (const json& a : shown)
    if (article_row(a, str(a, "snippet"))) {
      const std::string lang = str(a, "lang", i18n::language());
      open_article(ctx, lang == i18n::language() ? str(a, "id") : lang + ":" + str(a, "id"));
    }
}

bool HelpScreen::article_row(const json& a, const std::string& snippet) {
  const ui::Palette& p = ui::palette();
  const std::string id = str(a, "id"), title = str(a, "title");
  const bool faq = str(a, "kind") == "faq";
  const float w = ImGui::GetContentRegionAvail().x;
  const float tile = 36, left = tile + 14, right = 28, pad = 10;
  const float text_w = std::max(60.0f, w - left - right - pad);
  ImFont* strong = ui::font(ui::Font::Strong);
  ImFont* small = ui::font(ui::Font::Small);
  const float scale = ImGui::GetIO().FontGlobalScale;
  const float fs_strong = strong->FontSize * scale, fs_small = small->FontSize * scale;
  std::string meta = category_name(faq ? "faq" : str(a, "category"));
  // A search finds articles in every language: one in another language says which.
  const std::string lang = str(a, "lang", i18n::language());
  if (lang != i18n::language()) meta += " · " + tr_or("help.in_lang." + lang, lang);
  const ImVec2 title_size = strong->CalcTextSizeA(fs_strong, FLT_MAX, text_w, title.c_str());
  const ImVec2 snippet_size =
      snippet.empty() ? ImVec2() : small->CalcTextSizeA(fs_small, FLT_MAX, text_w, snippet.c_str());
  const float meta_h = fs_small;
  const float h = std::max(tile, title_size.y + 4 + meta_h + (snippet.empty() ? 0 : 4 + snippet_size.y)) + 2 * pad;

  bool hovered = false;
  const bool clicked = help::clickable_row("kb-" + id, title, h, &hovered);
  const ImVec2 o = ImGui::GetItemRectMin();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 t0 = o + ImVec2(pad, pad);
  dl->AddRectFilled(t0, t0 + ImVec2(tile, tile), ImGui::GetColorU32(faq ? p.success_soft : p.brand_soft), 9);
  {
    ImFont* f = ui::font(ui::Font::Body);
    const float fs = f->FontSize * scale;
    const char* ic = faq ? icon::kQuestion : icon::kBook;
    const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, ic);
    dl->AddText(f, fs, t0 + (ImVec2(tile, tile) - ts) * 0.5f, ImGui::GetColorU32(faq ? p.success : p.brand), ic);
  }
  float y = o.y + pad;
  dl->AddText(strong, fs_strong, ImVec2(o.x + pad + left, y), ImGui::GetColorU32(hovered ? p.brand : p.text),
              title.c_str(), nullptr, text_w);
  y += title_size.y + 4;
  dl->AddText(small, fs_small, ImVec2(o.x + pad + left, y), ImGui::GetColorU32(p.brand), meta.c_str());
  y += meta_h + 4;
  if (!snippet.empty())
    dl->AddText(small, fs_small, ImVec2(o.x + pad + left, y), ImGui::GetColorU32(p.text_muted), snippet.c_str(),
                nullptr, text_w);
  {
    ImFont* f = ui::font(ui::Font::Small);
    const ImVec2 ts = f->CalcTextSizeA(fs_small, FLT_MAX, 0, icon::kChevronRight);
    dl->AddText(f, fs_small, ImVec2(o.x + w - pad - ts.x, o.y + (h - ts.y) * 0.5f), ImGui::GetColorU32(p.text_muted),
                icon::kChevronRight);
  }
  return clicked;
}

void HelpScreen::draw_categories() {
  // Chips: "All" and each category of the articles, wrapping onto more lines on phones.
  std::vector<std::string> cats;
  for (const json& a : articles_) {
    const std::string c = str(a, "category");
    if (str(a, "kind") == "faq" || c.empty()) continue;
    if (std::find(cats.begin(), cats.end(), c) == cats.end()) cats.push_back(c);
  }
  cats.insert(cats.begin(), "");
  cats.push_back("faq");
  const float right = ui::content_right();
  bool first = true;
  std::string list;
  for (const std::string& c : cats) {
    const std::string label = help::with_id(c.empty() ? tr("help.category_all") : category_name(c),
                                            "kb-cat-" + (c.empty() ? std::string("all") : c));
    const float bw = ui::button_width(label.c_str());
    if (!first) {
      ImGui::SameLine(0, 8);
      if (ImGui::GetCursorScreenPos().x + bw > right) ImGui::NewLine();
    }
    first = false;
    const bool on = category_ == c;
    if (ui::button(label.c_str(), nullptr, on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary)) {
      category_ = c;
      platform::request_frame();
    }
    list += (list.empty() ? "" : ",") + (c.empty() ? std::string("all") : c);
  }
  test_hooks::set_value("help.categories", list);
  test_hooks::set_value("help.category", category_.empty() ? "all" : category_);
}

void HelpScreen::draw_list(app::Context& ctx) {
  const ui::Palette& p = ui::palette();
  ui::begin_card("help-articles");
  ui::heading(tr("help.articles_title"));
  ui::muted(tr("help.articles_subtitle"));
  ui::gap(6);
  if (loading_ && articles_.empty()) {
    help::text(ui::Font::Body, p.text_muted, tr("help.loading"));
  } else if (load_failed_ && articles_.empty()) {
    help::text(ui::Font::Body, p.text_muted, tr("help.load_failed"));
    if (ui::button(help::with_id(tr("help.retry"), "kb-retry").c_str(), icon::kRefresh, ui::ButtonStyle::Secondary))
      lang_.clear();
  } else {
    draw_categories();
    ui::gap(8);
    if (category_ == "faq") {  // the questions are in their own card below
      ui::end_card();
      return;
    }
    std::string ids;
    for (const json& a : articles_) {
      if (str(a, "kind") == "faq") continue;
      if (!category_.empty() && str(a, "category") != category_) continue;
      ids += (ids.empty() ? "" : ",") + str(a, "id");
      if (article_row(a, {})) open_article(ctx, str(a, "id"));
    }
    test_hooks::set_value("help.list", ids);
  }
  ui::end_card();
}

}  // namespace portal::screens
