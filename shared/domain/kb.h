// The knowledge base and FAQ (assets/kb/<lang>.json) and its ranked search in en/ru/bg.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace portal {

struct KbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct KbArticle {
  std::string id;
  std::string kind;  // "article" or "faq"
  std::string category;
  std::string title;
  std::string body;
  std::vector<std::string> tags;
};

struct KbResult {
  const KbArticle* article = nullptr;
  double score = 0;        // higher is better; > 0
  std::string snippet;     // ~160 characters of the body around the first match
  std::string lang;        // the article's language
  bool all_words = false;  // every query word matched (not only half of a long question)
};

class KnowledgeBase {
 public:
  // {"lang": "ru", "articles": [{id, kind, category, title, body, tags}, ...]}; throws KbError
  // naming the key at fault ("kb ru: articles[3].title: must be a non-empty string").
  void add_language(const std::string& lang, std::string_view json_text);
  bool has_language(std::string_view lang) const;
  std::vector<std::string> languages() const;
  const std::vector<KbArticle>& articles(std::string_view lang) const;  // empty if unknown
  const KbArticle* article(std::string_view lang, std::string_view id) const;

  // Ranked, case-insensitive (Cyrillic too), prefix-tolerant search: titles and tags weigh more
  // than bodies; every query word must match. Empty query → no results.
  std::vector<KbResult> search(std::string_view lang, std::string_view query, std::size_t limit = 10) const;
  // The same search in `lang` and every other loaded language: a query typed in Russian in the
  // English interface finds the Russian article. Another language's article counts only when it
  // matches every query word, and ranks below an equally good one in `lang`.
  std::vector<KbResult> search_all_languages(std::string_view lang, std::string_view query,
                                             std::size_t limit = 10) const;

 private:
  struct Indexed {
    KbArticle article;
    std::vector<std::string> title_words, tag_words, body_words;  // folded
  };
  std::map<std::string, std::vector<Indexed>, std::less<>> by_lang_;
  std::map<std::string, std::vector<KbArticle>, std::less<>> plain_;
};

}  // namespace portal
