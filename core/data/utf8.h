#pragma once

#include <string>
#include <string_view>

namespace tfs {

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(std::string_view s);

// s without leading and trailing ASCII whitespace (space, tab, CR, LF).
std::string trim(const std::string& s);

// s with A–Z turned into a–z (file extensions, shard keys); other bytes untouched.
std::string asciiLower(std::string s);

}  // namespace tfs
