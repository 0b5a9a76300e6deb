#include "domain/kb.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/text.h"

namespace portal {
namespace {

using nlohmann::json;

constexpr double kTitleWeight = 3;
constexpr double kTagWeight = 2;
constexpr double kBodyWeight = 1;
constexpr double kExactFactor = 1.5;          // a whole-word match beats a prefix or stem match
constexpr double kPhraseBonus = 2;            // the whole query, in order, in the title
constexpr double kTitleCoverBonus = 3;        // every query word (of 2+) is in the title, in any order
constexpr double kOtherLanguageFactor = 0.8;  // another language's article ranks below an equal one
constexpr std::size_t kSnippetLength = 160;   // code points, without the "…"
constexpr std::size_t kSnippetLead = 40;      // code points of context before the first match

// ---- Parsing ----------------------------------------------------------------------------------

struct Parser {
  std::string lang;

  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw KbError("kb " + lang + ": " + where + ": " + what);
  }
  std::string text(const json& object, const char* key, const std::string& where) const {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
      fail(where + key, "must be a non-empty string");
    }
    return it->get<std::string>();
  }
  KbArticle article(const json& item, const std::string& where) const {
    if (!item.is_object()) fail(where, "must be an object");
    const std::string at = where + ".";
    KbArticle a;
    a.id = text(item, "id", at);
    a.kind = text(item, "kind", at);
    if (a.kind != "article" && a.kind != "faq") fail(at + "kind", "must be \"article\" or \"faq\"");
    a.category = text(item, "category", at);
    a.title = text(item, "title", at);
    a.body = text(item, "body", at);
    if (const auto tags = item.find("tags"); tags != item.end()) {  // optional
      if (!tags->is_array()) fail(at + "tags", "must be an array of strings");
      for (std::size_t i = 0; i < tags->size(); ++i) {
        const json& tag = (*tags)[i];
        if (!tag.is_string() || tag.get_ref<const std::string&>().empty()) {
          fail(at + "tags[" + std::to_string(i) + "]", "must be a non-empty string");
        }
        a.tags.push_back(tag.get<std::string>());
      }
    }
    return a;
  }
};

std::vector<std::string> sorted_unique(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// ---- Matching ---------------------------------------------------------------------------------

// A folded query word and its stem: the first max(4, length - 2) code points, for words of 5+
// code points. A crude stemmer, but it lets Russian and Bulgarian inflections meet:
// "тарифы" ~ "тарифный", "запроса" ~ "запрос".
struct QueryWord {
  std::string word;
  std::string stem;  // empty: the word is too short to be stemmed
};

QueryWord make_query_word(std::string word) {
  QueryWord q{std::move(word), {}};
  const std::size_t length = utf8_length(q.word);
  if (length >= 5) {
    std::size_t keep = std::max<std::size_t>(4, length - 2);
    std::size_t end = 0;
    while (keep > 0) {  // move past `keep` code points (the word is valid UTF-8)
      ++end;
      while (end < q.word.size() && (static_cast<unsigned char>(q.word[end]) & 0xC0) == 0x80) ++end;
      --keep;
    }
    q.stem = q.word.substr(0, end);
  }
  return q;
}

enum class Match { kNone, kStem, kPrefix, kExact };

Match match_word(const QueryWord& q, const std::string& word) {
  if (word == q.word) return Match::kExact;
  if (word.starts_with(q.word)) return Match::kPrefix;
  if (!q.stem.empty() && word.starts_with(q.stem)) return Match::kStem;
  return Match::kNone;
}

Match best_match(const QueryWord& q, const std::vector<std::string>& words) {
  Match best = Match::kNone;
  for (const std::string& w : words) {
    best = std::max(best, match_word(q, w));
    if (best == Match::kExact) break;
  }
  return best;
}

double weight(Match match, double field_weight) {
  if (match == Match::kNone) return 0;
  return match == Match::kExact ? field_weight * kExactFactor : field_weight;
}

// The query words appear one after the other in the title (the last one may be a prefix, as
// the user may still be typing it).
bool title_has_phrase(const std::vector<QueryWord>& query, const std::vector<std::string>& title) {
  if (query.size() < 2 || title.size() < query.size()) return false;
  for (std::size_t start = 0; start + query.size() <= title.size(); ++start) {
    bool all = true;
    for (std::size_t k = 0; k < query.size() && all; ++k) {
      const std::string& w = title[start + k];
      all = k + 1 < query.size() ? w == query[k].word : w.starts_with(query[k].word);
    }
    if (all) return true;
  }
  return false;
}

// Best first; ties by id, then language (one comparator for both sorts: one instantiation).
bool ranks_before(const KbResult& a, const KbResult& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.article->id != b.article->id) return a.article->id < b.article->id;
  return a.lang < b.lang;
}

// ---- Snippets ---------------------------------------------------------------------------------

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

// About kSnippetLength code points of the body, from a word boundary a little before the first
// word that matches the query (or from the start), cut after a whole word, "…" where cut.
std::string make_snippet(const std::string& body, const std::vector<QueryWord>& query) {
  // cp[b] = code points in body[0, b), for code point arithmetic on byte offsets.
  std::vector<std::size_t> cp(body.size() + 1, 0);
  for (std::size_t b = 0; b < body.size(); ++b) {
    cp[b + 1] = cp[b] + ((static_cast<unsigned char>(body[b]) & 0xC0) != 0x80 ? 1 : 0);
  }
  const std::size_t size = body.size();
  if (cp[size] <= kSnippetLength) return collapse_spaces(body);

  const std::vector<WordSpan> spans = word_spans(body);
  std::size_t first = 0;  // the word the snippet starts with
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const std::string word = fold_case(std::string_view(body).substr(spans[i].begin, spans[i].end - spans[i].begin));
    const bool hit = std::any_of(query.begin(), query.end(),
                                 [&](const QueryWord& q) { return match_word(q, word) != Match::kNone; });
    if (hit) {
      first = i;
      // Step back a few words for context, and further when near the end (keep it full).
      while (first > 0 && (cp[spans[i].begin] - cp[spans[first - 1].begin] <= kSnippetLead ||
                           cp[size] - cp[spans[first - 1].begin] <= kSnippetLength)) {
        --first;
      }
      break;
    }
  }
  const std::size_t start = first == 0 ? 0 : spans[first].begin;

  std::size_t end = start;
  if (cp[size] - cp[start] <= kSnippetLength) {
    end = size;
  } else {
    for (std::size_t i = first; i < spans.size() && cp[spans[i].end] - cp[start] <= kSnippetLength; ++i) {
      end = spans[i].end;
    }
    if (end == start) {  // no whole word fits (one huge word): cut at a code point boundary
      while (end < size && cp[end] - cp[start] < kSnippetLength) ++end;
      while (end < size && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) ++end;
    }
  }
  std::string snippet = collapse_spaces(std::string_view(body).substr(start, end - start));
  if (start > 0) snippet = "…" + snippet;
  if (end < size) snippet += "…";
  return snippet;
}

}  // namespace

void KnowledgeBase::add_language(const std::string& lang, std::string_view json_text) {
  const Parser parser{lang};
  json root;
  try {
    root = json::parse(json_text);  // also rejects invalid UTF-8 inside strings
  } catch (const json::parse_error& e) {
    throw KbError("kb " + lang + ": invalid JSON: " + e.what());
  }
  if (!root.is_object()) parser.fail("(root)", "must be an object");
  if (parser.text(root, "lang", "") != lang) parser.fail("lang", "must be \"" + lang + "\"");
  const auto list = root.find("articles");
  if (list == root.end() || !list->is_array()) parser.fail("articles", "must be an array");

  std::vector<KbArticle> plain;
  std::vector<Indexed> indexed;
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string where = "articles[" + std::to_string(i) + "]";
    KbArticle a = parser.article((*list)[i], where);
    if (!ids.insert(a.id).second) parser.fail(where + ".id", "duplicate id \"" + a.id + "\"");
    Indexed entry{a, fold_words(a.title), {}, sorted_unique(fold_words(a.body))};
    for (const std::string& tag : a.tags) {
      for (std::string& w : fold_words(tag)) entry.tag_words.push_back(std::move(w));
    }
    entry.tag_words = sorted_unique(std::move(entry.tag_words));
    indexed.push_back(std::move(entry));
    plain.push_back(std::move(a));
  }
  // Replace the language only once all of it parsed.
  by_lang_[lang] = std::move(indexed);
  plain_[lang] = std::move(plain);
}

bool KnowledgeBase::has_language(std::string_view lang) const { return plain_.find(lang) != plain_.end(); }

std::vector<std::string> KnowledgeBase::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, articles] : plain_) out.push_back(lang);
  return out;
}

const std::vector<KbArticle>& KnowledgeBase::articles(std::string_view lang) const {
  static const std::vector<KbArticle> kNone;  // an immutable empty list, not mutable state
  const auto it = plain_.find(lang);
  return it == plain_.end() ? kNone : it->second;
}

const KbArticle* KnowledgeBase::article(std::string_view lang, std::string_view id) const {
  for (const KbArticle& a : articles(lang)) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

std::vector<KbResult> KnowledgeBase::search(std::string_view lang, std::string_view query, std::size_t limit) const {
  const auto indexed = by_lang_.find(lang);
  const auto plain = plain_.find(lang);
  if (indexed == by_lang_.end() || plain == plain_.end()) return {};
  std::vector<QueryWord> words;
  for (std::string& w : fold_words(query)) words.push_back(make_query_word(std::move(w)));
  if (words.empty() || limit == 0) return {};

  std::vector<KbResult> results;
  for (std::size_t i = 0; i < indexed->second.size(); ++i) {
    const Indexed& entry = indexed->second[i];
    double score = 0;
    std::size_t matched = 0;
    for (const QueryWord& q : words) {
      const double s = weight(best_match(q, entry.title_words), kTitleWeight) +
                       weight(best_match(q, entry.tag_words), kTagWeight) +
                       weight(best_match(q, entry.body_words), kBodyWeight);
      if (s > 0) ++matched;
      score += s;
    }
    // A short query is a search: every word must match. A longer one is a question in the
    // customer's words ("my invoice shows the wrong company name"): an article matching at least
    // half of its words is a suggestion, ranked below the ones matching all of them.
    if (matched < words.size()) {
      if (words.size() < 3 || matched * 2 < words.size()) continue;
      score *= static_cast<double>(matched) / static_cast<double>(words.size()) * 0.5;
    }
    if (title_has_phrase(words, entry.title_words)) score += kPhraseBonus;
    // "emails not arriving": the article whose title names the whole problem comes first, ahead
    // of long articles that mention each word somewhere.
    if (words.size() >= 2 && std::all_of(words.begin(), words.end(), [&](const QueryWord& q) {
          return best_match(q, entry.title_words) != Match::kNone;
        }))
      score += kTitleCoverBonus;
    results.push_back({&plain->second[i], score, {}, std::string(lang), matched == words.size()});
  }
  std::sort(results.begin(), results.end(), ranks_before);
  if (results.size() > limit) results.resize(limit);
  for (KbResult& r : results) r.snippet = make_snippet(r.article->body, words);
  return results;
}

std::vector<KbResult> KnowledgeBase::search_all_languages(std::string_view lang, std::string_view query,
                                                          std::size_t limit) const {
  std::vector<KbResult> results = search(lang, query, limit);
  for (const auto& [other, articles] : plain_) {
    if (other == lang) continue;
    for (KbResult& r : search(other, query, limit)) {
      if (!r.all_words) continue;
      r.score *= kOtherLanguageFactor;
      results.push_back(std::move(r));
    }
  }
  std::sort(results.begin(), results.end(), ranks_before);
  if (results.size() > limit) results.resize(limit);
  return results;
}

}  // namespace portal
