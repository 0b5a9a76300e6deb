#include "app/context.h"

namespace portal::app {

const nlohmann::json& find_by_id(const nlohmann::json& list, const std::string& id) {
  static const nlohmann::json none;
  if (!list.is_array()) return none;
  for (const nlohmann::json& item : list)
    if (item.is_object() && item.contains("id") && item["id"] == id) return item;
  return none;
}

}  // namespace portal::app
