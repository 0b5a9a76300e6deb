// The session's change events (issue #10): each one refreshes the screens that show what
// changed, within a frame of its arrival, with a cue that moves nothing under the pointer (a
// toast; the navigation's "reconnecting" badge while the stream is lost). No polling: with
// nothing changing, no event and no frame.
#include <imgui.h>

#include "app/app.h"
#include "client/i18n.h"
#include "platform/web_platform.h"
#include "screens/calls.h"
#include "screens/chat_panel.h"
#include "screens/queue.h"
#include "screens/requests.h"
#include "ui/icons.h"
#include "ui/test_hooks.h"
#include "ui/widgets.h"

namespace portal::app {

using i18n::tr;
using i18n::trf;
using nlohmann::json;

void App::start_live() {
  if (!backend_ || token_.empty()) return;
  backend_->listen(token_, [this](const json& event) { on_live_event(event); });
}

void App::on_live_event(const json& event) {
  const std::string type = event.value("type", "");
  const std::string id = event.value("id", "");
  ++live_events_;
  test_hooks::set_value("live.events", std::to_string(live_events_));
  test_hooks::set_value("live.last", type + " " + id);
  if (type == "hello") return;
  requests_->on_event(event);
  queue_->on_event(event);
  calls_->on_event(event);
  if (chat_) chat_->on_event(event);
  if (type == "account.updated" || type == "resync") refresh_me();

  // The cue: who did what, for changes made by someone else.
  const bool by_other = role_ == "customer" ? event.value("by", "") == "agent" : event.value("by", "") == "customer";
  if (type == "request.updated" && by_other && event.contains("changed") && event["changed"].is_array()) {
    for (const json& c : event["changed"])
      if (c == "message") {
        ui::toast(trf("live.replied", {{"name", event.value("by_name", "")}}), ui::ToastKind::Info);
        break;
      }
  } else if (type == "request.created" && role_ == "agent") {
    ui::toast(trf("live.new_request", {{"number", std::to_string(event.value("number", 0))}}), ui::ToastKind::Info);
  } else if (type == "booking.cancelled" && role_ == "customer") {
    ui::toast(tr("live.booking_cancelled"), ui::ToastKind::Info);
  }
  platform::request_frame();
}

void App::draw_live_cue() {
  const std::string state = backend_ && !token_.empty() ? backend_->live_state() : "off";
  test_hooks::set_value("live.state", state);
  // The chat button, where the tier has a chat channel (customers) or for every agent.
  // Online and in the offline demo (a customer in one tab, an agent in another).
  const bool can_chat = role_ == "agent" || (role_ == "customer" && !screens::ChatPanel::customer_channel(me_).empty());
  if (can_chat) {
    if (!chat_) chat_ = std::make_unique<screens::ChatPanel>();
    if (ui::button((std::string(tr("chat.button")) + "##chat-button").c_str(), icon::kComments,
                   ui::ButtonStyle::Secondary))
      chat_->toggle();
  }
  if (state != "reconnecting") return;
  const ui::Palette& p = ui::palette();
  ui::badge(tr("live.reconnecting"), p.warning, ui::with_alpha(p.warning, 40));
}

void App::draw_chat() {
  if (token_.empty() && chat_) chat_.reset();  // signed out: the next session starts afresh
  if (chat_) chat_->draw(*this);
}

}  // namespace portal::app
