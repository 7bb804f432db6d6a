#pragma once

#include <string>
#include <vector>

namespace tfs {

// A PTB-like caption tokeniser standing in for the Stanford PTBTokenizer that pycocoevalcap runs
// before scoring: lower-case, clitics split off ("don't" → "do n't", "dog's" → "dog 's"),
// punctuation tokens removed (pycocoevalcap drops . , ? ! : ; - -- ... ' '' ` `` and brackets).
std::vector<std::string> tokenizeCaption(const std::string& text);

// tokenizeCaption joined with single spaces: the form CIDEr-D scores.
std::string normalizeCaption(const std::string& text);

}  // namespace tfs
