#pragma once

#include <string_view>

namespace tfs {

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(std::string_view s);

}  // namespace tfs
