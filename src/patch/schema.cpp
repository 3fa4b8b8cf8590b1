#include "patch/schema.hpp"

namespace oneshot::patch {

namespace {

nlohmann::json build_strict_schema()
{
    using nlohmann::json;
    json edit = {
        {"type", "object"},
        {"properties",
         {{"search", {{"type", "string"},
                      {"description", "Existing lines of the file, quoted exactly (whole lines, with their "
                                      "indentation), enough of them to identify exactly one place."}}},
          {"replace", {{"type", "string"}, {"description", "The new text for those lines."}}}}},
        {"required", json::array({"search", "replace"})},
        {"additionalProperties", false},
    };
    json change = {
        {"type", "object"},
        {"properties",
         {{"path", {{"type", "string"}, {"description", "Repository-relative path, '/'-separated."}}},
          {"action", {{"type", "string"}, {"enum", json::array({"modify", "create", "delete", "rename"})}}},
          {"new_path", {{"type", json::array({"string", "null"})},
                        {"description", "rename only: the new path; null otherwise."}}},
          {"content", {{"type", json::array({"string", "null"})},
                       {"description", "create: the whole text. modify or rename: the whole new text instead "
                                       "of edits. null otherwise."}}},
          {"edits", {{"type", json::array({"array", "null"})},
                     {"description", "modify or rename: search/replace edits applied in order, each to the "
                                     "result of the previous one; null when content is given or unused."},
                     {"items", edit}}}}},
        {"required", json::array({"path", "action", "new_path", "content", "edits"})},
        {"additionalProperties", false},
    };
    return json{
        {"type", "object"},
        {"properties",
         {{"summary", {{"type", "string"}, {"description", "One-line commit subject."}}},
          {"explanation", {{"type", "string"}, {"description", "Why and how; becomes the commit body."}}},
          {"changes", {{"type", "array"}, {"items", change}}}}},
        {"required", json::array({"summary", "explanation", "changes"})},
        {"additionalProperties", false},
    };
}

} // namespace

const nlohmann::json& strict_answer_schema()
{
    static const nlohmann::json schema = build_strict_schema();
    return schema;
}

} // namespace oneshot::patch
