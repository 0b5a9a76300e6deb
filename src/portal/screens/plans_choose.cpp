// "Help me choose": five questions after seed 001's tips (assess your needs, weigh the cost, pick
// by needs and budget) → the plan that fits, why, and what it gives; over budget, the closest
// plan within it.

#include <algorithm>
#include <string>
#include <vector>

#include "client/i18n.h"
#include "screens/plans.h"
#include "screens/plans_parts.h"
#include "ui/icons.h"
#include "ui/widgets.h"

namespace portal::screens {

namespace {

enum Question { kDowntime, kChannels, kHours, kManager, kBudget };
constexpr const char* kQuestionIds[] = {"downtime", "channels", "hours", "manager", "budget"};
constexpr int kOptionCount[] = {4, 2, 4, 2, 0};  // the budget's options come from the plans' prices

// The lowest plan rank that has something (a channel, a manager …); 0 when none has.
template <typename Pred>
int lowest_rank(const json& catalog, Pred pred) {
  int best = 0;
  for (const json& plan : p::items(catalog, "plans"))
    if (pred(plan) && (best == 0 || plan.value("rank", 0) < best)) best = plan.value("rank", 0);
  return best;
}

bool has_channel(const json& plan, const char* id) {
  for (const json& ch : p::items(plan, "channels"))
    if (ch.value("id", "") == id) return true;
  return false;
}

int plan_count(const json& catalog) { return static_cast<int>(p::items(catalog, "plans").size()); }

// The rank each answer needs (answer index → rank).
int needed_rank(const json& catalog, int question, int answer) {
  const int n = plan_count(catalog);
  switch (question) {
    case kDowntime: return std::min(answer + 1, n);
    case kChannels:
      return answer == 0 ? 1 : std::max(1, lowest_rank(catalog, [](const json& pl) {
                                          return has_channel(pl, "phone") || has_channel(pl, "chat");
                                        }));
    case kHours: return std::min(answer + 1, n);
    case kManager:
      return answer == 0 ? 1 : std::max(1, lowest_rank(catalog, [](const json& pl) {
                                          return pl.value("personal_manager", false);
                                        }));
    default: return 1;
  }
}

std::string option_label(const json& catalog, int question, int answer) {
  if (question == kBudget) {
    const json& plan = p::plan_by_rank(catalog, answer + 1);
    const std::string price = p::money(plan.value("price", json()));
    return answer + 1 < plan_count(catalog) ? trf("plans.q.budget.up_to", {{"price", price}})
                                            : trf("plans.q.budget.or_more", {{"price", price}});
  }
  const std::string key = std::string("plans.q.") + kQuestionIds[question] + "." + std::to_string(answer);
  return tr(key.c_str());
}

// "a, b and c"
std::string join_and(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? std::string(" ") + tr("plans.reason.and") + " " : ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace

int PlansScreen::recommended_rank(const json& catalog) const {
  if (!catalog.is_object() || !catalog.contains("plans") || p::items(catalog, "plans").empty()) return 0;
  int need = 1;
  for (int q = 0; q < kQuestions; ++q) {
    if (answers_[q] < 0) return 0;
    if (q != kBudget) need = std::max(need, needed_rank(catalog, q, answers_[q]));
  }
  return need;
}

void PlansScreen::draw_choose(app::Context& ctx) {
  const json& catalog = ctx.catalog();
  if (scroll_to_choose_) {
    ImGui::SetScrollFromPosY(ImGui::GetCursorScreenPos().y - ImGui::GetWindowPos().y - 16, 0.0f);
    scroll_to_choose_ = false;
  }
  ui::begin_card("plans-choose");
  ui::heading(tr("plans.choose.title"));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  ui::subtitle(tr("plans.choose.subtitle"));
  ui::gap(6);

  // Wide: the questions on the left, the answer beside them; else one under the other.
  const float x0 = ImGui::GetCursorScreenPos().x;
  const float width = ImGui::GetContentRegionAvail().x;
  if (width >= 820) {
    const float left_w = std::floor(width * 0.56f), gap = 40;
    const float top = ImGui::GetCursorScreenPos().y;
    int answered = 0;
    {
      const ui::Column column(x0 + left_w);
      ImGui::BeginGroup();
      answered = draw_questions(catalog);
      ImGui::EndGroup();
    }
    const float left_bottom = ImGui::GetItemRectMax().y;
    const float rx = x0 + left_w + gap;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(rx - gap * 0.5f, top),
                                        ImVec2(rx - gap * 0.5f, std::max(left_bottom, top + 40)),
                                        ImGui::GetColorU32(ui::palette().border));
    ImGui::SetCursorScreenPos(ImVec2(rx, top));
    ImGui::BeginGroup();
    draw_recommendation(ctx, answered);
    ImGui::EndGroup();
    const float bottom = std::max(left_bottom, ImGui::GetItemRectMax().y);
    ImGui::SetCursorScreenPos(ImVec2(x0, bottom));
    ImGui::Dummy(ImVec2(width, 0));
  } else {
    const int answered = draw_questions(catalog);
    if (recommended_rank(catalog) > 0) {
      ui::separator();
      ui::gap(8);
    }
    draw_recommendation(ctx, answered);
  }
  ui::end_card();
  ui::gap(8);
}

int PlansScreen::draw_questions(const json& catalog) {
  int answered = 0;
  for (int q = 0; q < kQuestions; ++q) {
    const int options = q == kBudget ? plan_count(catalog) : kOptionCount[q];
    const std::string question_key = std::string("plans.q.") + kQuestionIds[q] + ".title";
    {
      const std::string numbered = std::to_string(q + 1) + ". " + tr(question_key.c_str());
      ui::label(numbered.c_str());
    }
    for (int a = 0; a < options; ++a) {
      const bool on = answers_[q] == a;
      const std::string s =
          p::with_id(option_label(catalog, q, a), std::string("q-") + kQuestionIds[q] + "-" + std::to_string(a));
      const char* ic = on ? icon::kCheck : nullptr;
      if (a > 0) {
        ImGui::SameLine(0, 8);
        p::wrap_before(ui::button_width(s.c_str(), ic));
      }
      if (ui::button(s.c_str(), ic, on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary))
        answers_[q] = on ? -1 : a;
    }
    if (answers_[q] >= 0) ++answered;
    ui::gap(6);
  }

  return answered;
}

void PlansScreen::draw_recommendation(app::Context& ctx, int answered) {
  const json& catalog = ctx.catalog();
  const ui::Palette& pal = ui::palette();
  const int rec = recommended_rank(catalog);
  if (rec == 0) {
    // Not all answered yet: what the answer will be based on, and the progress.
    if (ui::wide_layout()) {
      p::text(ui::Font::Small, pal.text_muted, tr("plans.choose.result_caption"));
      p::icon_text(icon::kQuestion, pal.brand, tr("plans.choose.placeholder"), ui::Font::Body, pal.text_muted);
      ui::gap(4);
    }
    ui::muted(
        trf("plans.choose.progress", {{"done", std::to_string(answered)}, {"of", std::to_string(kQuestions)}}).c_str());
    if (answered > 0 && ui::button(p::with_id(tr("plans.choose.reset"), "choose-reset").c_str(), icon::kRefresh,
                                   ui::ButtonStyle::Ghost))
      answers_.fill(-1);
    return;
  }
  const json& plan = p::plan_by_rank(catalog, rec);
  const std::string id = plan.value("id", "");
  const std::string name = p::plan_name(catalog, id);
  const int budget_rank = answers_[kBudget] + 1;
  const json& me = ctx.me();
  const bool customer = ctx.role() == "customer" && me.is_object() && me.contains("plan");
  const std::string current = customer ? me.value("plan", "") : "";

  p::text(ui::Font::Small, pal.success, tr("plans.choose.result_caption"));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2);
  ui::heading(trf("plans.choose.result", {{"plan", name}}).c_str());

  // Why: the answers that asked for this rank.
  std::vector<std::string> reasons;
  for (int q = 0; q < kBudget; ++q)
    if (needed_rank(catalog, q, answers_[q]) == rec && rec > 1) {
      const std::string key = std::string("plans.reason.") + kQuestionIds[q] + "." + std::to_string(answers_[q]);
      reasons.push_back(tr(key.c_str()));
    }
  const std::string why = reasons.empty() ? std::string(tr("plans.reason.simple"))
                                          : trf("plans.reason.because", {{"reasons", join_and(reasons)}});
  ui::body(why.c_str());
  ui::gap(2);

  // What it gives, from the catalog.
  std::vector<std::string> gives;
  gives.push_back(trf("plans.gives.critical",
                      {{"target", p::target_text(ctx.core_catalog().find_policy(plan.value("policy", "")), 1)}}));
  gives.push_back(trf("plans.gives.hours", {{"hours", p::hours_text(ctx, plan.value("schedule", ""))}}));
  if (needed_rank(catalog, kChannels, 1) <= rec) gives.push_back(tr("plans.gives.phone_chat"));
  if (plan.value("personal_manager", false)) gives.push_back(tr("plans.gives.manager"));
  if (plan.value("onsite", false)) gives.push_back(tr("plans.gives.onsite"));
  gives.push_back(trf("plans.gives.price", {{"price", p::money(plan.value("price", json()))}}));
  for (const std::string& g : gives) p::icon_text(icon::kCheck, pal.success, g.c_str());
  ui::gap(4);

  const int current_rank = p::plan_rank(catalog, current);
  if (rec > budget_rank) {
    const json& within = p::plan_by_rank(catalog, budget_rank);
    const std::string within_id = within.value("id", "");
    std::string s = trf("plans.choose.over_budget", {{"plan", name},
                                                     {"price", p::money(plan.value("price", json()))},
                                                     {"budget", option_label(catalog, kBudget, answers_[kBudget])},
                                                     {"within", p::plan_name(catalog, within_id)}});
    p::note(p::Note::Warning, s.c_str(), [&] {
      if (!customer || within_id == current) return;
      const std::string label = p::with_id(trf("plans.choose_plan", {{"plan", p::plan_name(catalog, within_id)}}),
                                           "within-choose-" + within_id);
      if (ui::button(label.c_str(), nullptr, ui::ButtonStyle::Secondary)) start(ctx, {ActionKind::Plan, within_id});
    });
    ui::gap(4);
  }
  // A support package may give the tier for less than the plan (seed 000: "buy a separate
  // support package"): say so, with the package's own action.
  const json& cur = p::plan(catalog, current);
  if (customer && cur.is_object() && rec > current_rank) {
    const json* cheapest = nullptr;
    for (const json& pkg : p::items(catalog, "packages"))
      if (p::tier_rank(catalog, pkg.value("tier", "")) >= rec &&
          (!cheapest || pkg["price"].value("amount_cents", 0LL) < (*cheapest)["price"].value("amount_cents", 0LL)))
        cheapest = &pkg;
    if (cheapest) {
      const long long total = cur["price"].value("amount_cents", 0LL) + (*cheapest)["price"].value("amount_cents", 0LL);
      if (total < plan["price"].value("amount_cents", 0LL)) {
        const std::string tip =
            trf("plans.choose.package_tip", {{"package", p::offer_name(*cheapest)},
                                             {"plan", p::plan_name(catalog, current)},
                                             {"total", p::money_cents(total, plan["price"].value("currency", "EUR"))}});
        const std::string pkg_id = cheapest->value("id", "");
        p::note(p::Note::Info, tip.c_str(), [&] {
          const std::string s =
              p::with_id(trf("plans.offer.buy", {{"name", p::offer_name(*cheapest)}}), "tip-buy-" + pkg_id);
          if (ui::button(s.c_str(), nullptr, ui::ButtonStyle::Secondary)) start(ctx, {ActionKind::BuyPackage, pkg_id});
        });
        ui::gap(4);
      }
    }
  }
  if (customer && rec == current_rank) {
    p::note(p::Note::Success, trf("plans.choose.already", {{"plan", name}}).c_str());
  } else if (customer && rec < current_rank) {
    const std::int64_t saving =
        cur["price"].value("amount_cents", std::int64_t{0}) - plan["price"].value("amount_cents", std::int64_t{0});
    p::note(p::Note::Info,
            trf("plans.choose.could_save",
                {{"plan", name}, {"saving", p::money_cents(saving, plan["price"].value("currency", "EUR"))}})
                .c_str());
  }
  ui::gap(4);

  const std::string see = p::with_id(trf("plans.choose.see", {{"plan", name}}), "see-" + id);
  if (ui::button(see.c_str(), nullptr, ui::ButtonStyle::Secondary)) {
    scroll_to_plan_ = id;
    highlight_plan_ = id;
  }
  if (customer && id != current) {
    const std::string choose = p::with_id(trf("plans.choose_plan", {{"plan", name}}), "rec-choose-" + id);
    ImGui::SameLine(0, 8);
    p::wrap_before(ui::button_width(choose.c_str()));
    if (ui::button(choose.c_str())) start(ctx, {ActionKind::Plan, id});
  }
  ImGui::SameLine(0, 8);
  const std::string reset = p::with_id(tr("plans.choose.reset"), "choose-reset");
  p::wrap_before(ui::button_width(reset.c_str(), icon::kRefresh));
  if (ui::button(reset.c_str(), icon::kRefresh, ui::ButtonStyle::Ghost)) {
    answers_.fill(-1);
    highlight_plan_.clear();
  }
}

}  // namespace portal::screens
