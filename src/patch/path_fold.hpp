// When two different paths are one file: macOS (APFS, HFS+) and Windows (NTFS) compare names case-
// insensitively, and macOS also ignores Unicode normalisation ("é" precomposed or as e + U+0301).
// A patch that writes both "README.md" and "readme.md", or "café" in NFC and in NFD, makes a tree
// that cannot be checked out there: one file silently overwrites the other.
#pragma once

#include <string>
#include <string_view>

namespace oneshot::patch {

// The name a case-insensitive, normalisation-insensitive filesystem sees: Unicode full case
// folding and NFC (by ICU). Invalid UTF-8 is kept byte for byte (paths are validated before).
std::string collision_key(std::string_view path);

} // namespace oneshot::patch
