#include "verify/failing_tests.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

// Every runner format is read by a hand-written scanner over one line at a time, never std::regex:
// libstdc++'s regex recurses once per character matched, so one long line of test output (a
// 30,000-character assertion message) overflowed the stack (issue 11, item 3). The scanners are
// linear in the output's length and accept any byte in a test's name (spaces, brackets, quotes,
// UTF-8), because runners print ids the user chose: pytest parameter ids, go subtest names, ctest
// test names.
namespace oneshot::verify {

namespace {

std::vector<std::string_view> split_lines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == text.size()) break;
        start = end + 1;
    }
    return lines;
}

std::vector<std::string> sorted_unique(std::vector<std::string> names)
{
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text)
{
    while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && (is_blank(text.back()) || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

std::string_view trim_left(std::string_view text)
{
    while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
    return text;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Strips a trailing "(<duration>)" whose inside satisfies `inside` ("0.01s", "1.2 sec", ...);
// returns nullopt when the line does not end so.
template <class Predicate>
std::optional<std::string_view> before_parenthesised_suffix(std::string_view text, Predicate inside)
{
    text = trim(text);
    if (text.empty() || text.back() != ')') return std::nullopt;
    const std::size_t open = text.rfind(" (");
    if (open == std::string_view::npos) return std::nullopt;
    if (!inside(text.substr(open + 2, text.size() - open - 3))) return std::nullopt;
    return text.substr(0, open);
}

// "0.00s", "12.5s": go test's durations.
bool is_seconds(std::string_view text)
{
    if (text.size() < 2 || text.back() != 's') return false;
    text.remove_suffix(1);
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return is_digit(c) || c == '.'; });
}

// The short-summary id of a pytest line ("FAILED <id> - <message>"): the id ends at the first " - "
// outside its parameter brackets, since parameter ids hold spaces and dashes ("[test5- cat ]").
std::string_view pytest_id(std::string_view rest)
{
    const std::size_t bracket = rest.find('[');
    const std::size_t dash = rest.find(" - ");
    if (bracket == std::string_view::npos || (dash != std::string_view::npos && dash < bracket)) {
        return trim(dash == std::string_view::npos ? rest : rest.substr(0, dash));
    }
    // The id's parameters close with "]" followed by the end or by " - ".
    for (std::size_t close = rest.find(']', bracket); close != std::string_view::npos; close = rest.find(']', close + 1)) {
        const std::string_view after = rest.substr(close + 1);
        if (trim(after).empty() || starts_with(after, " - ")) return rest.substr(0, close + 1);
    }
    return trim(dash == std::string_view::npos ? rest : rest.substr(0, dash));
}

std::string xml_unescape(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out += text[i];
            continue;
        }
        static const std::pair<std::string_view, char> kEntities[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
        bool replaced = false;
        for (const auto& [entity, ch] : kEntities) {
            if (text.substr(i, entity.size()) == entity) {
                out += ch;
                i += entity.size() - 1;
                replaced = true;
                break;
            }
        }
        if (!replaced) out += '&';
    }
    return out;
}

std::string xml_attribute(std::string_view tag, std::string_view name)
{
    std::size_t pos = 0;
    while ((pos = tag.find(name, pos)) != std::string_view::npos) {
        const bool starts_word = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t' || tag[pos - 1] == '\n' || tag[pos - 1] == '\r');
        std::size_t after = pos + name.size();
        while (after < tag.size() && (tag[after] == ' ' || tag[after] == '\t')) ++after;
        if (starts_word && after < tag.size() && tag[after] == '=') {
            std::size_t quote = after + 1;
            while (quote < tag.size() && (tag[quote] == ' ' || tag[quote] == '\t')) ++quote;
            if (quote < tag.size() && (tag[quote] == '"' || tag[quote] == '\'')) {
                const std::size_t end = tag.find(tag[quote], quote + 1);
                if (end != std::string_view::npos) return xml_unescape(tag.substr(quote + 1, end - quote - 1));
            }
        }
        pos = after;
    }
    return {};
}

// Applies `name_of` to every line; a non-empty result is a failing test's name.
template <class NameOf>
std::vector<std::string> names_by_line(std::string_view output, NameOf name_of)
{
    std::vector<std::string> names;
    for (const auto line : split_lines(output)) {
        const auto name = name_of(line);
        if (name && !name->empty()) names.emplace_back(*name);
    }
    return sorted_unique(std::move(names));
}

} // namespace

std::vector<std::string> ctest_failures(std::string_view output)
{
    // "The following tests FAILED:" then "\t  2 - name (Failed)"; the number prefix is what
    // separates these lines from ctest's progress lines ("2/3 Test #2: name ...***Failed").
    std::vector<std::string> names;
    bool in_list = false;
    for (const auto line : split_lines(output)) {
        if (line.find("The following tests FAILED:") != std::string_view::npos) {
            in_list = true;
            continue;
        }
        if (!in_list) continue;
        std::string_view rest = trim_left(line);
        const std::size_t digits = std::find_if_not(rest.begin(), rest.end(), is_digit) - rest.begin();
        rest.remove_prefix(digits);
        const bool numbered = digits > 0 && starts_with(rest, " - ");
        const auto name = before_parenthesised_suffix(numbered ? rest.substr(3) : std::string_view(), [](std::string_view status) {
            return !status.empty() && std::all_of(status.begin(), status.end(), [](char c) {
                return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ';
            });
        });
        if (numbered && name && !name->empty()) {
            names.emplace_back(*name);
        } else if (!trim(line).empty()) {
            in_list = false;
        }
    }
    return sorted_unique(std::move(names));
}

std::vector<std::string> pytest_failures(std::string_view output)
{
    // The short summary (-rf, -ra, or the default since pytest 6 for failures):
    // "FAILED tests/test_a.py::test_x - AssertionError" / "ERROR tests/test_b.py - ImportError";
    // and the verbose progress lines "tests/test_a.py::test_x[a b] FAILED  [ 50%]". Not
    // unittest's closing "FAILED (failures=1)".
    return names_by_line(output, [](std::string_view line) -> std::optional<std::string_view> {
        for (std::string_view tag : {"FAILED ", "ERROR "}) {
            if (!starts_with(line, tag)) continue;
            const std::string_view rest = line.substr(tag.size());
            if (rest.empty() || is_blank(rest.front()) || rest.front() == '(') return std::nullopt;
            return pytest_id(rest);
        }
        // Verbose mode: "<id> FAILED" with an optional "[ 50%]" progress column.
        std::string_view text = trim(line);
        if (!text.empty() && text.back() == ']') {
            const std::size_t open = text.rfind('[');
            if (open != std::string_view::npos && text.substr(open).find('%') != std::string_view::npos) text = trim(text.substr(0, open));
        }
        for (std::string_view tag : {" FAILED", " ERROR"}) {
            if (ends_with(text, tag)) {
                const std::string_view id = text.substr(0, text.size() - tag.size());
                if (id.find("::") != std::string_view::npos && !is_blank(line.front())) return id;
            }
        }
        return std::nullopt;
    });
}

std::vector<std::string> unittest_failures(std::string_view output)
{
    // "FAIL: test_x (tests.test_a.TestA)" or, from Python 3.11, "(tests.test_a.TestA.test_x)";
    // subtests add " [message]" or " (i=1)" after it, which is not part of the name.
    return names_by_line(output, [](std::string_view line) -> std::optional<std::string_view> {
        std::string_view rest;
        if (starts_with(line, "FAIL: ")) rest = line.substr(6);
        else if (starts_with(line, "ERROR: ")) rest = line.substr(7);
        else return std::nullopt;
        const std::size_t open = rest.find(" (");
        if (open == 0 || open == std::string_view::npos) return std::nullopt;
        const std::size_t close = rest.find(')', open);
        if (close == std::string_view::npos || close == open + 2) return std::nullopt;
        return rest.substr(0, close + 1);
    });
}

std::vector<std::string> go_test_failures(std::string_view output)
{
    // "--- FAIL: TestX (0.00s)", subtests indented as "    --- FAIL: TestX/case (0.00s)". Subtest
    // names keep brackets, quotes and UTF-8 (go replaces only spaces, with underscores).
    return names_by_line(output, [](std::string_view line) -> std::optional<std::string_view> {
        const std::string_view rest = trim_left(line);
        if (!starts_with(rest, "--- FAIL: ")) return std::nullopt;
        return before_parenthesised_suffix(rest.substr(10), is_seconds);
    });
}

std::vector<std::string> go_test_json_failures(std::string_view output)
{
    // `go test -json`: one event object per line; {"Action":"fail","Test":"TestX/case"} per
    // failing test (events without "Test" are the package's).
    return names_by_line(output, [](std::string_view line) -> std::optional<std::string> {
        line = trim(line);
        if (line.empty() || line.front() != '{' || line.find("\"fail\"") == std::string_view::npos) return std::nullopt;
        const auto event = nlohmann::json::parse(line, nullptr, false);
        if (event.is_discarded() || !event.is_object()) return std::nullopt;
        const auto action = event.find("Action");
        const auto test = event.find("Test");
        if (action == event.end() || *action != "fail" || test == event.end() || !test->is_string()) return std::nullopt;
        return test->get<std::string>();
    });
}

std::vector<std::string> cargo_test_failures(std::string_view output)
{
    // libtest: "test tests::adds ... FAILED" ("test <name> - should panic ... FAILED" too).
    return names_by_line(output, [](std::string_view line) -> std::optional<std::string_view> {
        line = trim(line);
        if (!starts_with(line, "test ") || !ends_with(line, " ... FAILED")) return std::nullopt;
        std::string_view name = line.substr(5, line.size() - 5 - 11);
        if (ends_with(name, " - should panic")) name.remove_suffix(15);
        return trim(name);
    });
}

std::vector<std::string> jest_failures(std::string_view output)
{
    // Jest's failure headings: "  ● Suite › nested › does a thing" (the summary repeats them);
    // not "● Test suite failed to run", which names a file, not a test.
    return names_by_line(output, [](std::string_view line) -> std::optional<std::string_view> {
        const std::string_view rest = trim_left(line);
        static constexpr std::string_view kBullet = "\xE2\x97\x8F ";   // U+25CF and a space
        if (!starts_with(rest, kBullet)) return std::nullopt;
        const std::string_view name = trim(rest.substr(kBullet.size()));
        if (name == "Test suite failed to run" || starts_with(name, "Console")) return std::nullopt;
        return name;
    });
}

std::vector<std::string> vitest_failures(std::string_view output)
{
    // Vitest: " FAIL  tests/a.test.ts > suite > does a thing" (a file alone when it fails to load).
    return names_by_line(output, [](std::string_view line) -> std::optional<std::string_view> {
        const std::string_view rest = trim_left(line);
        if (!starts_with(rest, "FAIL ")) return std::nullopt;
        const std::string_view name = trim(rest.substr(5));
        if (name.find(" > ") == std::string_view::npos) return std::nullopt;
        return name;
    });
}

std::vector<std::string> catch2_failures(std::string_view output)
{
    // The console reporter frames each failing test case's name between two dashed rules, then
    // names the location and "FAILED:" (or "failed" for unexpected exceptions) below them.
    const auto lines = split_lines(output);
    const auto is_rule = [](std::string_view line) {
        return line.size() >= 20 && line.find_first_not_of('-') == std::string_view::npos;
    };
    std::vector<std::string> names;
    std::string current;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (is_rule(lines[i]) && i + 2 < lines.size() && !is_rule(lines[i + 1])) {
            std::size_t close = i + 1;
            while (close < lines.size() && close - i <= 8 && !is_rule(lines[close])) ++close;
            if (close < lines.size() && close - i <= 8 && is_rule(lines[close])) {
                current = std::string(trim(lines[i + 1]));   // the test case; further lines are sections
                i = close;
                continue;
            }
        }
        const auto line = lines[i];
        const bool failed = line.size() > 8 && (line.substr(line.size() - 8) == ": FAILED" || line.find(": FAILED:") != std::string_view::npos ||
                                                line.find(": failed: unexpected exception") != std::string_view::npos);
        if (failed && !current.empty()) names.push_back(current);
    }
    return sorted_unique(std::move(names));
}

std::vector<std::string> failing_tests_in_junit_xml(std::string_view xml)
{
    std::vector<std::string> names;
    std::size_t pos = 0;
    while ((pos = xml.find("<testcase", pos)) != std::string_view::npos) {
        const std::size_t tag_end = xml.find('>', pos);
        if (tag_end == std::string_view::npos) break;
        const std::string_view tag = xml.substr(pos, tag_end - pos + 1);
        bool failed = false;
        std::size_t next = tag_end + 1;
        if (tag.size() < 2 || tag[tag.size() - 2] != '/') {
            const std::size_t close = xml.find("</testcase>", tag_end);
            const std::string_view body = xml.substr(tag_end + 1, close == std::string_view::npos ? std::string_view::npos : close - tag_end - 1);
            failed = body.find("<failure") != std::string_view::npos || body.find("<error") != std::string_view::npos;
            if (close != std::string_view::npos) next = close;
        }
        if (failed) {
            const std::string classname = xml_attribute(tag, "classname");
            const std::string name = xml_attribute(tag, "name");
            // A test case with neither attribute names nothing (a malformed report).
            if (!classname.empty() || !name.empty()) names.push_back(classname.empty() ? name : classname + "." + name);
        }
        pos = next;
    }
    return sorted_unique(std::move(names));
}

FailingTests failing_tests_in_output(std::string_view output)
{
    FailingTests result;
    const std::pair<const char*, std::vector<std::string> (*)(std::string_view)> parsers[] = {
        {"ctest", ctest_failures},          {"pytest", pytest_failures}, {"unittest", unittest_failures},
        {"go test", go_test_failures},      {"go test -json", go_test_json_failures},
        {"cargo test", cargo_test_failures}, {"catch2", catch2_failures}, {"jest", jest_failures},
        {"vitest", vitest_failures},
    };
    for (const auto& [format, parse] : parsers) {
        auto names = parse(output);
        if (names.empty()) continue;
        result.formats.push_back(format);
        result.names.insert(result.names.end(), names.begin(), names.end());
    }
    result.names = sorted_unique(std::move(result.names));
    return result;
}

} // namespace oneshot::verify
