#include "core/eval/caption_tokenizer.h"

#include <array>
#include <cctype>

namespace tfs {
namespace {

bool isPunct(unsigned char c) {
  return c < 128 && std::ispunct(c);
}

bool allPunct(const std::string& s) {
  for (unsigned char c : s)
    if (!isPunct(c)) return false;
  return true;
}

// Splits a trailing clitic the way PTB does; returns the pieces in order.
std::vector<std::string> splitClitic(const std::string& w) {
  static const std::array<const char*, 7> kClitics = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"};
  for (const char* c : kClitics) {
    const std::string cl(c);
    if (w.size() > cl.size() && w.compare(w.size() - cl.size(), cl.size(), cl) == 0)
      return {w.substr(0, w.size() - cl.size()), cl};
  }
  return {w};
}

}  // namespace

std::vector<std::string> tokenizeCaption(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&]() {
    // Punctuation at either end is its own PTB token (dropped); inside a word it stays: "t-shirt".
    size_t b = 0, e = word.size();
    while (b < e && isPunct(static_cast<unsigned char>(word[b]))) ++b;
    while (e > b && isPunct(static_cast<unsigned char>(word[e - 1]))) --e;
    const std::string core = word.substr(b, e - b);
    word.clear();
    if (core.empty()) return;
    for (auto& p : splitClitic(core))
      if (!p.empty() && !allPunct(p)) out.push_back(p);
  };
  for (unsigned char c : text) {
    if (std::isspace(c)) {
      flush();
    } else {
      word.push_back(c < 128 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c));
    }
  }
  flush();
  return out;
}

std::string normalizeCaption(const std::string& text) {
  std::string s;
  for (const auto& t : tokenizeCaption(text)) {
    if (!s.empty()) s.push_back(' ');
    s += t;
  }
  return s;
}

}  // namespace tfs
