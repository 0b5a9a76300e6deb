// Small settings kept in the browser (localStorage): language, theme, the session token.
#pragma once
#include <string>

namespace portal::client {

std::string pref_get(const std::string& key, const std::string& fallback = "");
void pref_set(const std::string& key, const std::string& value);
void pref_remove(const std::string& key);

// Saves text as a file download in the browser (e.g. an .ics invitation).
void download_file(const std::string& filename, const std::string& mime, const std::string& content);

}  // namespace portal::client
