// "Help me choose": five questions after seed 001's tips (assess your needs, weigh the cost, pick
// by needs and budget) → the plan that fits, why, and what it gives; over budget, the closest
// plan within it. The rule is the core's (domain/recommend.h); this file asks and draws.

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

constexpr int kQuestions = kChoiceQuestions;
constexpr const char* kQuestionIds[] = {"downtime", "channels", "hours", "manager", "budget"};  // i18n keys
constexpr auto kBudget = ChoiceQuestion::kBudget;

std::string option_label(const Catalog& catalog, ChoiceQuestion question, int answer) {
  if (question == kBudget) {
    // The budget's options are the plans' prices: "up to €49" … "€1,490 or more".
    const Plan* plan = budget_plan(catalog, answer);
    const std::string price = plan ? money(plan->price) : "";
    return answer + 1 < choice_options(catalog, kBudget) ? trf("plans.q.budget.up_to", {{"price", price}})
                                                         : trf("plans.q.budget.or_more", {{"price", price}});
  }
  const std::string key =
      std::string("plans.q.") + kQuestionIds[static_cast<int>(question)] + "." + std::to_string(answer);
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

int answer_of(const ChoiceAnswers& answers, ChoiceQuestion question) {
  return answers[static_cast<std::size_t>(question)];
}

}  // namespace

Recommendation PlansScreen::recommendation(const app::Context& ctx) const {
  const json& me = ctx.me();
  const bool customer = ctx.role() == "customer" && me.is_object() && me.contains("plan");
  return recommend_plan(ctx.core_catalog(), answers_, customer ? me.value("plan", "") : "");
}

void PlansScreen::draw_choose(app::Context& ctx) {
  const Catalog& catalog = ctx.core_catalog();
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
    if (recommendation(ctx).plan) {
      ui::separator();
      ui::gap(8);
    }
    draw_recommendation(ctx, answered);
  }
  ui::end_card();
  ui::gap(8);
}

int PlansScreen::draw_questions(const Catalog& catalog) {
  int answered = 0;
  for (int q = 0; q < kQuestions; ++q) {
    const auto question = static_cast<ChoiceQuestion>(q);
    int& answer = answers_[static_cast<std::size_t>(q)];
    const std::string question_key = std::string("plans.q.") + kQuestionIds[q] + ".title";
    {
      const std::string numbered = std::to_string(q + 1) + ". " + tr(question_key.c_str());
      ui::label(numbered.c_str());
    }
    for (int a = 0, options = choice_options(catalog, question); a < options; ++a) {
      const bool on = answer == a;
      const std::string s =
          p::with_id(option_label(catalog, question, a), std::string("q-") + kQuestionIds[q] + "-" + std::to_string(a));
      const char* ic = on ? icon::kCheck : nullptr;
      if (a > 0) {
        ImGui::SameLine(0, 8);
        p::wrap_before(ui::button_width(s.c_str(), ic));
      }
      if (ui::button(s.c_str(), ic, on ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary)) answer = on ? -1 : a;
    }
    if (answer >= 0) ++answered;
    ui::gap(6);
  }

  return answered;
}

void PlansScreen::draw_recommendation(app::Context& ctx, int answered) {
  const Catalog& catalog = ctx.core_catalog();
  const ui::Palette& pal = ui::palette();
  const Recommendation rec = recommendation(ctx);
  if (!rec.plan) {
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
  const Plan& plan = *rec.plan;
  const std::string& id = plan.id;
  const std::string name = plan_name(catalog, id);
  const json& me = ctx.me();
  const bool customer = ctx.role() == "customer" && me.is_object() && me.contains("plan");
  const std::string current = customer ? me.value("plan", "") : "";

  p::text(ui::Font::Small, pal.success, tr("plans.choose.result_caption"));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2);
  ui::heading(trf("plans.choose.result", {{"plan", name}}).c_str());

  // Why: the answers that asked for this plan.
  std::vector<std::string> reasons;
  for (ChoiceQuestion q : rec.reasons) {
    const std::string key =
        std::string("plans.reason.") + kQuestionIds[static_cast<int>(q)] + "." + std::to_string(answer_of(answers_, q));
    reasons.push_back(tr(key.c_str()));
  }
  const std::string why = reasons.empty() ? std::string(tr("plans.reason.simple"))
                                          : trf("plans.reason.because", {{"reasons", join_and(reasons)}});
  ui::body(why.c_str());
  ui::gap(2);

  // What it gives, from the catalog.
  std::vector<std::string> gives;
  gives.push_back(trf("plans.gives.critical", {{"target", target_text(plan.policy, 1)}}));
  gives.push_back(trf("plans.gives.hours", {{"hours", hours_text(catalog, plan.schedule_id, !ctx.role().empty())}}));
  if (rec.phone_or_chat) gives.push_back(tr("plans.gives.phone_chat"));
  if (plan.personal_manager) gives.push_back(tr("plans.gives.manager"));
  if (plan.onsite) gives.push_back(tr("plans.gives.onsite"));
  gives.push_back(trf("plans.gives.price", {{"price", money(plan.price)}}));
  for (const std::string& g : gives) p::icon_text(icon::kCheck, pal.success, g.c_str());
  ui::gap(4);

  if (const Plan* within = rec.within_budget) {
    std::string s =
        trf("plans.choose.over_budget", {{"plan", name},
                                         {"price", money(plan.price)},
                                         {"budget", option_label(catalog, kBudget, answer_of(answers_, kBudget))},
                                         {"within", plan_name(catalog, within->id)}});
    p::note(p::Note::Warning, s.c_str(), [&] {
      if (!customer || within->id == current) return;
      const std::string label = p::with_id(trf("plans.choose_plan", {{"plan", plan_name(catalog, within->id)}}),
                                           "within-choose-" + within->id);
      if (ui::button(label.c_str(), nullptr, ui::ButtonStyle::Secondary)) start(ctx, {ActionKind::Plan, within->id});
    });
    ui::gap(4);
  }
  // A support package may give the tier for less than the plan (seed 000: "buy a separate
  // support package"): say so, with the package's own action.
  if (const Offer* pkg = rec.package) {
    const std::string tip = trf(
        "plans.choose.package_tip",
        {{"package", offer_name(*pkg)}, {"plan", plan_name(catalog, current)}, {"total", money(rec.package_total)}});
    p::note(p::Note::Info, tip.c_str(), [&] {
      const std::string s = p::with_id(trf("plans.offer.buy", {{"name", offer_name(*pkg)}}), "tip-buy-" + pkg->id);
      if (ui::button(s.c_str(), nullptr, ui::ButtonStyle::Secondary)) start(ctx, {ActionKind::BuyPackage, pkg->id});
    });
    ui::gap(4);
  }
  if (rec.current == CurrentFit::kSame)
    p::note(p::Note::Success, trf("plans.choose.already", {{"plan", name}}).c_str());
  else if (rec.current == CurrentFit::kAbove)
    p::note(p::Note::Info, trf("plans.choose.could_save", {{"plan", name}, {"saving", money(rec.saving)}}).c_str());
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
