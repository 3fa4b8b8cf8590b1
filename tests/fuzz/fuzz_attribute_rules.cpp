// libFuzzer target: .gitattributes text from a repository (before the first NUL) and a path (after
// it). Checks what must hold whatever the input: every kept rule has a pattern and says something
// about the two attributes, and a verdict on the path comes from a rule that matches it.
#include "context/attribute_rules.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace oneshot::context;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nul = input.find('\0');
    const std::string_view text = input.substr(0, nul);
    const std::string_view path = nul == std::string_view::npos ? std::string_view("src/a.c") : input.substr(nul + 1);
    const auto rules = parse_attribute_rules("sub/.gitattributes", text);
    bool any_vendored = false, any_generated = false;
    for (const AttributeRule& rule : rules) {
        if (rule.pattern.empty() || (!rule.vendored && !rule.generated) || rule.base != "sub/") std::abort();
        if (rule_matches(rule, path)) {
            any_vendored = any_vendored || rule.vendored.has_value();
            any_generated = any_generated || rule.generated.has_value();
        }
    }
    const AttributeVerdict verdict = attributes_of(rules, path);
    if ((verdict.vendored.has_value() && !any_vendored) || (verdict.generated.has_value() && !any_generated)) std::abort();
    return 0;
}
