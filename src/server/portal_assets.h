// Loading the operator-edited assets from disk: the catalog and the knowledge base.
#pragma once
#include <filesystem>
#include <string>

#include "catalog/catalog.h"
#include "domain/kb.h"

namespace portal {

// Reads a whole file; throws std::runtime_error naming it.
std::string read_text_file(const std::filesystem::path& file);

// load_catalog of the file; throws CatalogError (or std::runtime_error when unreadable).
Catalog load_catalog_file(const std::filesystem::path& file);

// Every <assets>/kb/<lang>.json (en, ru, bg, and any other); throws KbError / std::runtime_error.
void load_knowledge_base(KnowledgeBase& kb, const std::filesystem::path& assets);

}  // namespace portal
