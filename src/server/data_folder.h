// The data folder's demo marker (a file beside portal.db).
#pragma once
#include <filesystem>
#include <string>

namespace portal {

// DATA/DEMO marks a folder seeded by --demo (or seed-demo): its logins are published in the
// README, so a start without --demo refuses the folder (check_not_demo throws, saying why and
// what to do).
void mark_demo(const std::filesystem::path& data);
void check_not_demo(const std::filesystem::path& data);

}  // namespace portal
