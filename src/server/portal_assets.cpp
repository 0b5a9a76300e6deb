#include "portal_assets.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace portal {

namespace fs = std::filesystem;

std::string read_text_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

Catalog load_catalog_file(const fs::path& file) { return load_catalog(read_text_file(file)); }

void load_knowledge_base(KnowledgeBase& kb, const fs::path& assets) {
  const fs::path dir = assets / "kb";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw std::runtime_error("knowledge base folder not found: " + dir.string());
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw std::runtime_error("no knowledge base files in " + dir.string());
  for (const fs::path& f : files) kb.add_language(f.stem().string(), read_text_file(f));
}

}  // namespace portal
