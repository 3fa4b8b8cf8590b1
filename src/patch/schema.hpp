// The patch document's JSON Schemas. The strict one is what providers' structured-output modes take
// (OpenAI strict mode subset: every key required, nullable as ["string","null"], no additional
// properties, no length/pattern keywords); rules it cannot express (which keys each action uses)
// are enforced by parse_document. patches/patch.schema.json is the full draft 2020-12 description.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace oneshot::patch {

// The schema for a model's answer, usable as-is in a strict json_schema response format.
const nlohmann::json& strict_answer_schema();

// The name providers want next to the schema (letters, digits, '_' and '-').
inline constexpr std::string_view strict_answer_schema_name = "patch_document";

} // namespace oneshot::patch
