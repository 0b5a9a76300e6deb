#include "data_folder.h"

#include <fstream>
#include <stdexcept>

namespace portal {

namespace fs = std::filesystem;

void mark_demo(const fs::path& data) {
  std::ofstream out(data / "DEMO");
  out << "This data folder was seeded with portal-server --demo: its logins and passwords are public.\n"
         "portal-server refuses to start on it without --demo. Use a fresh --data folder for real use.\n";
  if (!out) throw std::runtime_error("cannot write the demo marker " + (data / "DEMO").string());
}

void check_not_demo(const fs::path& data) {
  std::error_code ec;
  if (!fs::exists(data / "DEMO", ec)) return;
  throw std::runtime_error(
      "the data folder " + data.string() +
      " holds demo data (seeded by --demo; the demo logins and passwords are published), so it is not started "
      "without --demo. Start it with --demo to keep using it as a demo, or point --data at a new, empty folder "
      "for real use (and delete this one when it is no longer needed).");
}

}  // namespace portal
