// The one way git-oneshot turns JSON into text. Strings in our reports come from untrusted places
// (paths in a patch, server error bodies, test names in test output) and may hold invalid UTF-8;
// nlohmann's default dump throws type_error.316 on those. Every writer goes through here, where
// invalid bytes become U+FFFD instead.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace oneshot {

// `indent` as in nlohmann::json::dump: -1 for one line.
std::string json_text(const nlohmann::json& value, int indent = -1);

} // namespace oneshot
