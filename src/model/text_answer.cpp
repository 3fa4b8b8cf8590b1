#include "model/text_answer.hpp"

#include "core/json_text.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace oneshot::model {

using nlohmann::json;

namespace {

struct Marker {
    std::string keyword;
    std::vector<std::string> args;
};

const std::vector<std::string_view>& keywords()
{
    static const std::vector<std::string_view> words = {"summary", "explanation", "modify", "search", "replace",
                                                        "write", "create", "delete", "rename", "end"};
    return words;
}

std::optional<Marker> parse_marker(std::string_view line)
{
    if (!line.starts_with("@@@ "))
        return std::nullopt;
    line.remove_prefix(4);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t'))
        line.remove_suffix(1);
    std::vector<std::string> words;
    std::size_t pos = 0;
    while (pos < line.size()) {
        while (pos < line.size() && line[pos] == ' ')
            ++pos;
        const std::size_t end = line.find(' ', pos);
        if (pos < line.size())
            words.emplace_back(line.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
        pos = end == std::string_view::npos ? line.size() : end;
    }
    if (words.empty())
        return std::nullopt;
    bool known = false;
    for (auto word : keywords())
        known = known || words[0] == word;
    if (!known)
        return std::nullopt;   // e.g. a code line that happens to start with "@@@ "
    return Marker{words[0], {words.begin() + 1, words.end()}};
}

json change(const std::string& path, const char* action)
{
    return {{"path", path}, {"action", action}, {"new_path", nullptr}, {"content", nullptr}, {"edits", nullptr}};
}

// Text block boundaries: the lines between two markers, each with its newline.
struct Block {
    Marker marker;
    std::size_t line = 0;    // 1-based line of the marker
    std::string text;
};

} // namespace

Result<std::string> text_answer_to_document(std::string_view answer)
{
    // A JSON document is passed through: models sometimes answer in JSON whatever they were asked.
    std::size_t first = answer.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && answer[first] == '{') {
        json doc = json::parse(answer, nullptr, false);
        if (doc.is_object())
            return json_text(doc);
    }

    std::vector<Block> blocks;
    bool ended = false;
    std::size_t line_number = 0;
    std::vector<std::string> errors;
    std::size_t pos = 0;
    while (pos < answer.size() && !ended) {
        std::size_t end = answer.find('\n', pos);
        const bool has_newline = end != std::string_view::npos;
        std::string_view line = answer.substr(pos, has_newline ? end - pos : std::string_view::npos);
        pos = has_newline ? end + 1 : answer.size();
        ++line_number;
        if (auto marker = parse_marker(line)) {
            if (marker->keyword == "end") {
                ended = true;
                break;
            }
            blocks.push_back(Block{std::move(*marker), line_number, {}});
            continue;
        }
        if (blocks.empty())
            continue;   // preamble
        std::string_view content = line;
        if (content.ends_with('\r'))
            content.remove_suffix(1);
        blocks.back().text.append(content);
        blocks.back().text.push_back('\n');
    }
    if (!ended)
        errors.push_back("no '@@@ end' line: the answer looks cut off");

    json doc = {{"summary", nullptr}, {"explanation", ""}, {"changes", json::array()}};
    json* current = nullptr;   // the change that search/replace pairs attach to
    std::optional<std::size_t> open_search;
    std::string search_text;
    const auto at = [](std::size_t line) { return "line " + std::to_string(line) + ": "; };
    const auto expect_args = [&](const Block& block, std::size_t count) {
        if (block.marker.args.size() == count)
            return true;
        errors.push_back(at(block.line) + "'@@@ " + block.marker.keyword + "' takes " + std::to_string(count) +
                         (count == 1 ? " path" : " paths") + ", got " + std::to_string(block.marker.args.size()));
        return false;
    };
    const auto close_search = [&](std::size_t line) {
        if (open_search) {
            errors.push_back(at(*open_search) + "'@@@ search' without its '@@@ replace' (before line " + std::to_string(line) + ")");
            open_search.reset();
        }
    };

    for (const Block& block : blocks) {
        const std::string& keyword = block.marker.keyword;
        if (keyword == "search") {
            close_search(block.line);
            if (!current)
                errors.push_back(at(block.line) + "'@@@ search' outside a modify or rename block");
            else if (block.text.empty())
                errors.push_back(at(block.line) + "empty '@@@ search' text: quote the lines to replace");
            open_search = block.line;
            search_text = block.text;
            continue;
        }
        if (keyword == "replace") {
            if (!open_search) {
                errors.push_back(at(block.line) + "'@@@ replace' without a preceding '@@@ search'");
                continue;
            }
            open_search.reset();
            if (current) {
                if ((*current)["edits"].is_null())
                    (*current)["edits"] = json::array();
                (*current)["edits"].push_back({{"search", search_text}, {"replace", block.text}});
            }
            continue;
        }
        close_search(block.line);
        current = nullptr;
        if (keyword == "summary") {
            std::string subject = block.text;
            while (!subject.empty() && (subject.back() == '\n' || subject.back() == ' '))
                subject.pop_back();
            if (subject.find('\n') != std::string::npos)
                subject = subject.substr(0, subject.find('\n'));
            doc["summary"] = subject;
        } else if (keyword == "explanation") {
            std::string body = block.text;
            while (!body.empty() && body.back() == '\n')
                body.pop_back();
            doc["explanation"] = body;
        } else if (keyword == "modify" && expect_args(block, 1)) {
            doc["changes"].push_back(change(block.marker.args[0], "modify"));
            current = &doc["changes"].back();
            if (block.text.find_first_not_of(" \t\n") != std::string::npos)
                errors.push_back(at(block.line) + "text after '@@@ modify' must be in '@@@ search'/'@@@ replace' pairs (use '@@@ write' for a whole file)");
        } else if ((keyword == "write" || keyword == "create") && expect_args(block, 1)) {
            json c = change(block.marker.args[0], keyword == "write" ? "modify" : "create");
            c["content"] = block.text;
            doc["changes"].push_back(std::move(c));
        } else if (keyword == "delete" && expect_args(block, 1)) {
            doc["changes"].push_back(change(block.marker.args[0], "delete"));
        } else if (keyword == "rename" && expect_args(block, 2)) {
            json c = change(block.marker.args[0], "rename");
            c["new_path"] = block.marker.args[1];
            doc["changes"].push_back(std::move(c));
            current = &doc["changes"].back();
        }
    }
    close_search(line_number);
    for (const auto& c : doc["changes"])
        if (c["action"] == "modify" && c["content"].is_null() && c["edits"].is_null())
            errors.push_back("'@@@ modify " + c["path"].get<std::string>() + "' has no search/replace pair");
    if (doc["summary"].is_null())
        errors.push_back("no '@@@ summary' block");

    if (!errors.empty()) {
        std::string message = "the text answer has " + std::to_string(errors.size()) +
                              (errors.size() == 1 ? " problem" : " problems");
        std::string detail;
        for (const auto& e : errors)
            detail += e + "\n";
        return make_error(ErrorKind::patch, message + ": " + errors.front(), detail);
    }
    return json_text(doc);
}

std::string_view text_answer_instructions()
{
    return R"(Write the answer in this text format, not JSON. Marker lines start with "@@@ " at the
beginning of a line; every other line is copied verbatim, so write code exactly as it should appear
(no escaping, no Markdown fences).

@@@ summary
One-line commit subject
@@@ explanation
Why and how (becomes the commit body).
@@@ modify path/to/existing/file
@@@ search
lines quoted exactly from the file, enough to match one place only
@@@ replace
their new text
@@@ write path/to/existing/file
the whole new content of the file
@@@ create path/to/new/file
the whole content of the new file
@@@ delete path/to/file
@@@ rename old/path new/path
@@@ end

A modify block holds one or more search/replace pairs, applied in order. End the answer with
"@@@ end" on its own line.)";
}

} // namespace oneshot::model
