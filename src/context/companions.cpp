#include "context/companions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

namespace oneshot::context {

namespace {

std::string_view strip_prefix(std::string_view s, std::string_view p) { return s.starts_with(p) && s.size() > p.size() ? s.substr(p.size()) : s; }
std::string_view strip_suffix(std::string_view s, std::string_view p) { return s.ends_with(p) && s.size() > p.size() ? s.substr(0, s.size() - p.size()) : s; }

} // namespace

std::string test_stem(std::string_view path)
{
    const auto slash = path.rfind('/');
    std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // Everything from the first dot after the first character is extension: ".test.ts", ".spec.js".
    if (const auto dot = name.find('.', 1); dot != std::string::npos) name.resize(dot);
    std::string_view stem = name;
    for (std::string_view p : {"test_", "test-", "tests_"}) stem = strip_prefix(stem, p);
    for (std::string_view s : {"_tests", "-tests", "_test", "-test", "tests", "test", "_spec", "-spec", "spec"}) stem = strip_suffix(stem, s);
    while (stem.size() > 1 && (stem.front() == '_' || stem.front() == '-')) stem.remove_prefix(1);
    while (stem.size() > 1 && (stem.back() == '_' || stem.back() == '-')) stem.remove_suffix(1);
    return std::string(stem);
}

std::vector<std::size_t> tests_named_after(const std::vector<std::string>& paths, const std::vector<std::size_t>& sources,
                                           const std::function<bool(std::size_t)>& is_test)
{
    static constexpr std::array<std::string_view, 6> kNoModule{"index", "mod", "init", "main", "lib", ""};
    std::unordered_map<std::string, std::vector<std::size_t>> tests;
    for (std::size_t k = 0; k < paths.size(); ++k) {
        if (is_test(k)) tests[test_stem(paths[k])].push_back(k);
    }
    std::vector<std::size_t> out;
    for (std::size_t s : sources) {
        const std::string stem = test_stem(paths[s]);
        if (std::find(kNoModule.begin(), kNoModule.end(), stem) != kNoModule.end()) continue;
        const auto it = tests.find(stem);
        if (it == tests.end()) continue;
        for (std::size_t k : it->second) {
            if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
        }
    }
    return out;
}

} // namespace oneshot::context
