// A compact binary form of FileAnalysis for the on-disk cache: varints, delta-coded term hashes.
// Decoding checks every bound: a damaged record decodes to nothing, never to a wrong analysis.
#pragma once

#include "context/file_analysis.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::context {

std::string encode_analysis(const FileAnalysis& analysis);

// keep_terms (sorted hashes), when given, keeps only those terms: ranking looks up nothing else,
// and on a kernel-size tree the full term lists were most of the memory and decoding time.
std::optional<FileAnalysis> decode_analysis(std::string_view bytes, const std::vector<std::uint32_t>* keep_terms = nullptr);

} // namespace oneshot::context
