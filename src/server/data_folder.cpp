#include "data_folder.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
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

std::string device_cookie_key(const fs::path& data, const std::string& fresh_random_bytes) {
  const fs::path file = data / "device-cookie.key";
  {
    std::ifstream in(file, std::ios::binary);
    if (in) {
      std::stringstream ss;
      ss << in.rdbuf();
      if (ss.str().size() >= 32) return ss.str();
    }
  }
  static const char* hex = "0123456789abcdef";
  std::string key;
  for (unsigned char c : fresh_random_bytes) {
    key += hex[c >> 4];
    key += hex[c & 15];
  }
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {  // another instance made it meanwhile: use theirs
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (ss.str().size() >= 32) return ss.str();
    throw std::runtime_error("cannot create " + file.string());
  }
  const bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + file.string());
  return key;
}

}  // namespace portal
