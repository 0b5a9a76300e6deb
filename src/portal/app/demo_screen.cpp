#include "app/demo_screen.h"

#include "platform/web_platform.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"
#include "ui/widgets.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace portal::app {
namespace {

// Demo strings in English, Russian and Bulgarian (the real portal has assets/i18n).
struct Text {
    const char* en;
    const char* ru;
    const char* bg;
};
int g_lang = 0;
const char* tr(const Text& t) { return g_lang == 1 ? t.ru : g_lang == 2 ? t.bg : t.en; }

constexpr Text kHome{"Home", "Главная", "Начало"};
constexpr Text kTickets{"My tickets", "Мои обращения", "Моите заявки"};
constexpr Text kKb{"Knowledge base", "База знаний", "База знания"};
constexpr Text kGreeting{"Good afternoon, Anna", "Добрый день, Анна", "Добър ден, Анна"};
constexpr Text kSubtitle{"How can we help you today?", "Чем мы можем помочь сегодня?",
                         "С какво можем да помогнем днес?"};
constexpr Text kPlan{"Your support plan", "Ваш тарифный план", "Вашият план за поддръжка"};
constexpr Text kPlanBody{
    "Premium support: answers within 2 hours, 7 days a week, in English, Russian and Bulgarian.",
    "Премиум-поддержка: ответ в течение 2 часов, 7 дней в неделю, на английском, русском и болгарском.",
    "Премиум поддръжка: отговор до 2 часа, 7 дни в седмицата, на английски, руски и български."};
constexpr Text kAsk{"Ask a question", "Задать вопрос", "Задайте въпрос"};
constexpr Text kQuestion{"Your question", "Ваш вопрос", "Вашият въпрос"};
constexpr Text kHint{"Describe the problem in a few words", "Опишите проблему в двух словах",
                     "Опишете проблема с няколко думи"};
constexpr Text kSend{"Send", "Отправить", "Изпрати"};
constexpr Text kCallMe{"Call me back", "Перезвоните мне", "Обадете ми се"};
constexpr Text kSent{"Your question was sent. We will answer by e-mail.",
                     "Вопрос отправлен. Мы ответим по электронной почте.",
                     "Въпросът е изпратен. Ще отговорим по имейл."};
constexpr Text kEmpty{"Please type your question first.", "Сначала введите вопрос.",
                      "Първо напишете въпроса си."};
constexpr Text kCallback{"Callback scheduled", "Обратный звонок", "Обратно обаждане"};
constexpr Text kCallbackIn{"An agent will call you in", "Оператор позвонит вам через",
                           "Наш служител ще ви се обади след"};
constexpr Text kCallbackNow{"An agent is calling you now.", "Оператор звонит вам.",
                            "Наш служител ви се обажда."};
constexpr Text kRestart{"Restart", "Заново", "Отначало"};
constexpr Text kSettings{"Preferences", "Настройки", "Настройки"};
constexpr Text kDark{"Dark theme", "Тёмная тема", "Тъмна тема"};
constexpr Text kLanguage{"Language", "Язык", "Език"};
constexpr Text kSimulate{"Simulate network error", "Имитировать сбой сети", "Симулирай мрежова грешка"};
constexpr Text kBanner{"We could not reach the server. Check your connection and try again.",
                       "Не удалось связаться с сервером. Проверьте подключение и повторите попытку.",
                       "Няма връзка със сървъра. Проверете връзката си и опитайте отново."};
constexpr Text kRestored{"Connection restored", "Соединение восстановлено", "Връзката е възстановена"};
constexpr Text kSearch{"Search articles", "Поиск по статьям", "Търсене в статиите"};

}  // namespace

DemoApp::DemoApp() {
    dark_ = ui::theme() == ui::Theme::Dark;
    callback_at_ms_ = platform::now_ms() + 5 * 60 * 1000;
}

void DemoApp::frame() {
    g_lang = lang_;
    const ui::NavItem nav[] = {
        {icon::kHome, tr(kHome), "home"},
        {icon::kTicket, tr(kTickets), "tickets"},
        {icon::kBook, tr(kKb), "kb"},
    };
    ui::ShellConfig shell;
    shell.product = "Support";
    shell.items = nav;
    shell.count = 3;
    shell.selected = &nav_;
    shell.nav_footer = [] {
        ui::separator();
        ui::gap(4);
        ui::user_chip("Anna Petrova", "anna@example.com");
    };
    shell.top_bar_actions = [this] {
        if (ui::icon_button(dark_ ? icon::kSun : icon::kMoon, "Toggle dark theme")) {
            dark_ = !dark_;
            ui::set_theme(dark_ ? ui::Theme::Dark : ui::Theme::Light);
        }
    };

    ui::begin_shell(shell);
    switch (nav_) {
    case 0: home(); break;
    case 1: tickets(); break;
    default: knowledge_base(); break;
    }
    ui::end_shell();
    publish_state();
}

void DemoApp::home() {
    ui::title(tr(kGreeting));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 6);
    ui::subtitle(tr(kSubtitle));
    ui::gap(8);

    ui::begin_card("plan");
    ui::heading(tr(kPlan));
    ui::badge("Premium", ui::palette().brand, ui::palette().brand_soft);
    ui::body(tr(kPlanBody));
    ui::muted("Support level · Уровень поддержки · Ниво на поддръжка");
    ui::end_card();

    ui::begin_card("ask");
    ui::heading(tr(kAsk));
    ui::text_field(tr(kQuestion), "##question", question_.data(), question_.size(), tr(kHint));
    ui::gap(4);
    if (ui::button((std::string(tr(kSend)) + "##send").c_str(), icon::kSend)) {
        if (question_[0]) {
            sent_++;
            ui::toast(tr(kSent), ui::ToastKind::Success);
            question_[0] = 0;
        } else {
            ui::toast(tr(kEmpty), ui::ToastKind::Error);
        }
    }
    ImGui::SameLine();
    if (ui::button((std::string(tr(kCallMe)) + "##callme").c_str(), icon::kPhone, ui::ButtonStyle::Secondary))
        callback_at_ms_ = platform::now_ms() + 2 * 60 * 1000;
    ui::end_card();

    countdown_card();
    settings_card();
}

void DemoApp::countdown_card() {
    ui::begin_card("callback");
    ui::heading(tr(kCallback));
    const double left_ms = callback_at_ms_ - platform::now_ms();
    if (left_ms > 0) {
        const int secs = static_cast<int>(std::ceil(left_ms / 1000.0));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%02d:%02d", secs / 60, secs % 60);
        ui::body(tr(kCallbackIn));
        {
            ui::FontScope f(ui::Font::Title);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ui::palette().brand));
            ImGui::Text("%s %s", icon::kClock, buf);
            ImGui::PopStyleColor();
        }
        test_hooks::set_value("countdown", buf);
        platform::request_frame_next_second();  // a visible countdown: redraw when the second turns
    } else {
        ui::body(tr(kCallbackNow));
        test_hooks::set_value("countdown", "00:00");
    }
    if (ui::button((std::string(tr(kRestart)) + "##restart").c_str(), icon::kRefresh, ui::ButtonStyle::Secondary))
        callback_at_ms_ = platform::now_ms() + 5 * 60 * 1000;
    ui::end_card();
}

void DemoApp::settings_card() {
    ui::begin_card("settings");
    ui::heading(tr(kSettings));
    if (ui::toggle((std::string(tr(kDark)) + "##dark").c_str(), &dark_))
        ui::set_theme(dark_ ? ui::Theme::Dark : ui::Theme::Light);
    ui::gap(4);
    ui::label(tr(kLanguage));
    const char* langs[] = {"English", "Русский", "Български"};
    ui::segmented("lang", langs, 3, &lang_);
    ui::gap(4);
    if (ui::button((std::string(tr(kSimulate)) + "##simulate").c_str(), icon::kWarning, ui::ButtonStyle::Danger)) {
        ui::show_error_banner(tr(kBanner), [] { ui::toast(tr(kRestored), ui::ToastKind::Success); });
    }
    ui::end_card();
}

void DemoApp::tickets() {
    ui::title(tr(kTickets));
    ui::gap(8);
    struct Row {
        const char* id;
        const char* subject;
        const char* status;
        bool open;
    };
    const Row rows[] = {
        {"#4821", "Invoice shows the wrong VAT number", "Open", true},
        {"#4790", "Не приходит письмо для сброса пароля", "Open", true},
        {"#4602", "Промяна на адреса за доставка", "Closed", false},
    };
    for (const Row& r : rows) {
        ui::begin_card(r.id);
        ui::muted(r.id);
        ui::label(r.subject);
        const ui::Palette& p = ui::palette();
        ui::badge(r.status, r.open ? p.success : p.text_muted, r.open ? p.success_soft : p.surface_alt);
        ui::end_card();
    }
}

void DemoApp::knowledge_base() {
    ui::title(tr(kKb));
    ui::gap(8);
    ui::begin_card("search");
    ui::text_field(tr(kSearch), "##search", search_.data(), search_.size(), "VAT, пароль, доставка…");
    ui::end_card();
    const char* articles[] = {"How to change your billing address", "Как сбросить пароль",
                              "Как да проследя поръчката си"};
    for (const char* a : articles) {
        ui::begin_card(a);
        ui::label(a);
        ui::muted("3 min read · Updated 2 days ago");
        ui::end_card();
    }
}

void DemoApp::publish_state() {
    static const char* const kScreens[] = {"home", "tickets", "kb"};
    static const char* const kLangs[] = {"en", "ru", "bg"};
    test_hooks::set_screen(kScreens[nav_]);
    test_hooks::set_lang(kLangs[lang_]);
    test_hooks::set_user("anna@example.com");
    test_hooks::set_mode(dark_ ? "dark" : "light");
    test_hooks::set_value("question", question_.data());
    test_hooks::set_value("search", search_.data());
    test_hooks::set_value("sent", std::to_string(sent_));
}

}  // namespace portal::app
