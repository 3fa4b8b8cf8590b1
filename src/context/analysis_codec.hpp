// A compact binary form of FileAnalysis for the on-disk cache: varints, delta-coded term hashes.
// Decoding checks every bound: a damaged record decodes to nothing, never to a wrong analysis.
#pragma once

#include "context/file_analysis.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace oneshot::context {

std::string encode_analysis(const FileAnalysis& analysis);

std::optional<FileAnalysis> decode_analysis(std::string_view bytes);

} // namespace oneshot::context
