#include "verify/failing_tests.hpp"

#include <algorithm>
#include <regex>

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

// Applies a one-group regex to every line; the group is a failing test's name.
std::vector<std::string> names_by_line(std::string_view output, const std::regex& pattern)
{
    std::vector<std::string> names;
    std::cmatch match;
    for (const auto line : split_lines(output)) {
        if (std::regex_search(line.begin(), line.end(), match, pattern)) names.push_back(match[1].str());
    }
    return sorted_unique(std::move(names));
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
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

} // namespace

std::vector<std::string> ctest_failures(std::string_view output)
{
    // "The following tests FAILED:" then "\t  2 - name (Failed)"; the number prefix is what
    // separates these lines from ctest's progress lines ("2/3 Test #2: name ...***Failed").
    std::vector<std::string> names;
    bool in_list = false;
    static const std::regex entry(R"(^\s*\d+ - (.+) \((Failed|Timeout|SEGFAULT|Subprocess aborted|Exception|Not Run|[A-Za-z ]+)\)\s*$)");
    std::cmatch match;
    for (const auto line : split_lines(output)) {
        if (line.find("The following tests FAILED:") != std::string_view::npos) {
            in_list = true;
            continue;
        }
        if (!in_list) continue;
        if (std::regex_match(line.begin(), line.end(), match, entry)) {
            names.push_back(match[1].str());
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
    // not unittest's closing "FAILED (failures=1)".
    static const std::regex line(R"(^(?:FAILED|ERROR) ([^\s(][^\s]*)(?: - .*)?$)");
    return names_by_line(output, line);
}

std::vector<std::string> unittest_failures(std::string_view output)
{
    // "FAIL: test_x (tests.test_a.TestA)" or, from Python 3.11, "(tests.test_a.TestA.test_x)".
    static const std::regex line(R"(^(?:FAIL|ERROR): (\S+ \([\w.]+\))(?: .*)?$)");
    return names_by_line(output, line);
}

std::vector<std::string> go_test_failures(std::string_view output)
{
    // "--- FAIL: TestX (0.00s)", subtests indented as "    --- FAIL: TestX/case (0.00s)".
    static const std::regex line(R"(^\s*--- FAIL: (\S+) \([\d.]+s\)\s*$)");
    return names_by_line(output, line);
}

std::vector<std::string> cargo_test_failures(std::string_view output)
{
    // libtest: "test tests::adds ... FAILED".
    static const std::regex line(R"(^test (\S+) \.\.\. FAILED\s*$)");
    return names_by_line(output, line);
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
            while (close < lines.size() && !is_rule(lines[close])) ++close;
            if (close < lines.size() && close - i <= 8) {
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
            names.push_back(classname.empty() ? name : classname + "." + name);
        }
        pos = next;
    }
    return sorted_unique(std::move(names));
}

FailingTests failing_tests_in_output(std::string_view output)
{
    FailingTests result;
    const std::pair<const char*, std::vector<std::string> (*)(std::string_view)> parsers[] = {
        {"ctest", ctest_failures},         {"pytest", pytest_failures},          {"unittest", unittest_failures},
        {"go test", go_test_failures},     {"cargo test", cargo_test_failures},  {"catch2", catch2_failures},
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
