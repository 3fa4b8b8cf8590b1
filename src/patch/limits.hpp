// Size limits for untrusted patch documents: large enough for any real change, small enough that a
// hostile or runaway answer cannot exhaust memory or time.
#pragma once

#include <cstddef>

namespace oneshot::patch {

inline constexpr std::size_t max_document_bytes = 32u << 20;   // the whole JSON text
inline constexpr std::size_t max_changes = 10000;
inline constexpr std::size_t max_edits_per_change = 2000;
inline constexpr std::size_t max_path_bytes = 4096;
inline constexpr std::size_t max_path_component_bytes = 255;   // NAME_MAX on Linux and macOS
inline constexpr std::size_t max_json_depth = 16;               // a valid document nests 5 deep

} // namespace oneshot::patch
