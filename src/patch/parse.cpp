// parse_document: untrusted JSON text → Document, or an error naming the change, the field and why.
//
// Accepted grammar (version 1, design.md): an object with "summary" (non-blank string),
// "explanation" (string), "changes" (non-empty array of change objects) and optionally
// "version": 1. A change has "path", "action" ("modify" | "create" | "delete" | "rename"),
// "new_path", "content" (string or null) and "edits" (array of {"search", "replace"} or null).
// Model answers carry every key; hand-written files may leave out keys whose value would be null
// (and "explanation"): a missing key reads as null. Unknown keys, duplicate keys and wrong types are
// refused, so that a misspelt "serach" never silently drops an edit.
#include "core/json_text.hpp"
#include "core/utf8.hpp"
#include "patch/change_rules.hpp"
#include "patch/engine.hpp"
#include "patch/limits.hpp"
#include "patch/text.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <vector>

namespace oneshot::patch {

namespace {

using nlohmann::json;

Error field_error(const std::string& where, std::string_view why)
{
    return make_error(ErrorKind::patch, where + ": " + std::string(why));
}

std::string type_mismatch(std::string_view expected, const json& value)
{
    return "expected " + std::string(expected) + ", got " + std::string(value.type_name());
}

// Nesting depth outside strings; refusing deep documents before parsing bounds the parser's work.
std::size_t nesting_depth(std::string_view text)
{
    std::size_t depth = 0, max_depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            max_depth = std::max(max_depth, ++depth);
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return max_depth;
}

Status check_keys(const json& object, const std::string& where, std::initializer_list<std::string_view> allowed)
{
    for (const auto& item : object.items()) {
        bool known = false;
        for (std::string_view key : allowed)
            known = known || item.key() == key;
        if (!known) {
            std::string list;
            for (std::string_view key : allowed)
                list += (list.empty() ? "" : ", ") + std::string(key);
            return field_error(where, "unknown key \"" + printable(item.key(), 100) + "\" (expected: " + list + ")");
        }
    }
    return Ok{};
}

// A key that may be absent or null (→ nullopt) or a string.
Result<std::optional<std::string>> optional_string(const json& object, const char* key, const std::string& where)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::optional<std::string>{};
    if (!it->is_string())
        return field_error(where + "." + key, type_mismatch("a string or null", *it));
    return std::optional<std::string>{it->get<std::string>()};
}

Result<std::string> required_string(const json& object, const char* key, const std::string& where)
{
    const auto it = object.find(key);
    if (it == object.end())
        return field_error(where + "." + key, "missing (a string is required)");
    if (!it->is_string())
        return field_error(where + "." + key, type_mismatch("a string", *it));
    return it->get<std::string>();
}

Result<Action> parse_action(const json& change, const std::string& where)
{
    auto name = required_string(change, "action", where);
    if (!name)
        return name.take_error();
    if (*name == "modify") return Action::modify;
    if (*name == "create") return Action::create;
    if (*name == "delete") return Action::remove;
    if (*name == "rename") return Action::rename;
    return field_error(where + ".action", "unknown action \"" + printable(*name, 100) + "\" (expected modify, create, delete or rename)");
}

Result<std::vector<Edit>> parse_edits(const json& edits, const std::string& where)
{
    std::vector<Edit> out;
    for (std::size_t k = 0; k < edits.size(); ++k) {
        const std::string here = where + ".edits[" + std::to_string(k) + "]";
        const json& edit = edits[k];
        if (!edit.is_object())
            return field_error(here, type_mismatch("an object with search and replace", edit));
        if (auto keys = check_keys(edit, here, {"search", "replace"}); !keys)
            return keys.take_error();
        auto search = required_string(edit, "search", here);
        if (!search)
            return search.take_error();
        auto replace = required_string(edit, "replace", here);
        if (!replace)
            return replace.take_error();
        out.push_back(Edit{std::move(*search), std::move(*replace)});
    }
    return out;
}

Result<Change> parse_change(const json& object, std::size_t index)
{
    const std::string where = change_label(index);
    if (!object.is_object())
        return field_error(where, type_mismatch("an object", object));
    if (auto keys = check_keys(object, where, {"path", "action", "new_path", "content", "edits"}); !keys)
        return keys.take_error();
    Change change;
    auto path = required_string(object, "path", where);
    if (!path)
        return path.take_error();
    change.path = std::move(*path);
    auto action = parse_action(object, where);
    if (!action)
        return action.take_error();
    change.action = *action;
    auto new_path = optional_string(object, "new_path", where);
    if (!new_path)
        return new_path.take_error();
    change.new_path = std::move(*new_path);
    auto content = optional_string(object, "content", where);
    if (!content)
        return content.take_error();
    change.content = std::move(*content);
    if (const auto it = object.find("edits"); it != object.end() && !it->is_null()) {
        if (!it->is_array())
            return field_error(where + ".edits", type_mismatch("an array or null", *it));
        auto edits = parse_edits(*it, where);
        if (!edits)
            return edits.take_error();
        change.edits = std::move(*edits);
    }
    if (auto shape = check_change_shape(change, index); !shape)
        return shape.take_error();
    return change;
}

Result<json> parse_json(std::string_view text)
{
    // Duplicate keys: nlohmann keeps the last silently; a document whose meaning depends on which
    // duplicate a reader picks is refused instead.
    std::vector<std::set<std::string>> keys_per_object;
    std::string duplicate;
    auto on_event = [&](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::object_start)
            keys_per_object.emplace_back();
        else if (event == json::parse_event_t::object_end && !keys_per_object.empty())
            keys_per_object.pop_back();
        else if (event == json::parse_event_t::key && !keys_per_object.empty() &&
                 !keys_per_object.back().insert(parsed.get<std::string>()).second && duplicate.empty())
            duplicate = parsed.get<std::string>();
        return true;
    };
    try {
        json document = json::parse(text.begin(), text.end(), on_event);
        if (!duplicate.empty())
            return make_error(ErrorKind::patch, "patch document has a duplicate key \"" + printable(duplicate, 100) + "\"");
        return document;
    } catch (const json::exception& e) {
        return make_error(ErrorKind::patch, std::string("patch document is not valid JSON: ") + e.what());
    }
}

} // namespace

Result<Document> parse_document(std::string_view json_text)
{
    if (json_text.size() > max_document_bytes)
        return make_error(ErrorKind::patch, "patch document is " + std::to_string(json_text.size()) +
                                                " bytes; the limit is " + std::to_string(max_document_bytes));
    if (nesting_depth(json_text) > max_json_depth)
        return make_error(ErrorKind::patch, "patch document nests deeper than " + std::to_string(max_json_depth) + " levels");
    auto parsed = parse_json(json_text);
    if (!parsed)
        return parsed.take_error();
    const json& root = *parsed;
    if (!root.is_object())
        return make_error(ErrorKind::patch, "patch document: " + type_mismatch("an object", root));
    if (auto keys = check_keys(root, "patch document", {"version", "summary", "explanation", "changes"}); !keys)
        return keys.take_error();
    if (const auto it = root.find("version"); it != root.end()) {
        if (!it->is_number_integer() || it->get<long long>() != 1)
            return field_error("version", "unsupported patch document version " + utf8_truncate(oneshot::json_text(*it), 40, "") +
                                              " (this build reads version 1)");
    }

    Document document;
    auto summary = required_string(root, "summary", "patch document");
    if (!summary)
        return summary.take_error();
    if (summary->find_first_not_of(" \t\r\n") == std::string::npos)
        return field_error("summary", "is blank (a one-line commit subject is required)");
    document.summary = std::move(*summary);
    auto explanation = optional_string(root, "explanation", "patch document");
    if (!explanation)
        return explanation.take_error();
    document.explanation = explanation->value_or("");

    const auto changes = root.find("changes");
    if (changes == root.end())
        return field_error("changes", "missing (a list of changes is required)");
    if (!changes->is_array())
        return field_error("changes", type_mismatch("an array", *changes));
    if (changes->empty())
        return field_error("changes", "is empty (nothing to change)");
    if (changes->size() > max_changes)
        return field_error("changes", "has more than " + std::to_string(max_changes) + " entries");
    for (std::size_t i = 0; i < changes->size(); ++i) {
        auto change = parse_change((*changes)[i], i);
        if (!change)
            return change.take_error();
        document.changes.push_back(std::move(*change));
    }
    return document;
}

} // namespace oneshot::patch
