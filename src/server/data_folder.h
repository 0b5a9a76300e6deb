// Files of the data folder beside portal.db: the demo marker and the device-cookie key.
#pragma once
#include <filesystem>
#include <string>

namespace portal {

// DATA/DEMO marks a folder seeded by --demo (or seed-demo): its logins are published in the
// README, so a start without --demo refuses the folder (check_not_demo throws, saying why and
// what to do).
void mark_demo(const std::filesystem::path& data);
void check_not_demo(const std::filesystem::path& data);

// The key that signs device cookies (sign_in_guard.h), DATA/device-cookie.key (0600), made on
// first use: cookies stay valid across restarts, and every instance on the folder shares it.
std::string device_cookie_key(const std::filesystem::path& data, const std::string& fresh_random_bytes);

}  // namespace portal
