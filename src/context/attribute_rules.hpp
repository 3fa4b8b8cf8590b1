// The few .gitattributes lines the context engine heeds: which paths a repository declares
// `linguist-vendored` or `linguist-generated` (GitHub's own way of saying "not our code"). A
// reader of that one question, not of git's attribute system: macros and other attributes are
// skipped. Text comes from the repository, so any bytes are accepted and bad lines ignored.
//
// Pattern rules, as gitattributes(5) states them:
//   - a pattern without '/' matches a file's name at any depth below the .gitattributes file;
//   - a pattern with a '/' is anchored at the directory holding the .gitattributes file
//     (a leading '/' only anchors);
//   - "**" as a whole segment matches any number of directories ("a/**" everything inside a);
//   - other segments are fnmatch(3) globs; a pattern ending in '/' names a directory and, as in
//     git, matches no file; negative patterns ("!x") are not allowed and are ignored.
// Later lines win over earlier ones, and deeper files over shallower (the caller's order).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::context {

struct AttributeRule {
    std::string base;                  // directory of the .gitattributes file: "" or "a/b/"
    std::vector<std::string> pattern;  // segments, after the base; one segment: match the file name
    bool anchored = false;
    std::optional<bool> vendored;      // linguist-vendored: set (true), unset (false), untouched
    std::optional<bool> generated;     // linguist-generated likewise
};

// The rules of one .gitattributes file found at attributes_path ("x/.gitattributes"), in order;
// lines that say nothing about the two attributes are dropped.
std::vector<AttributeRule> parse_attribute_rules(std::string_view attributes_path, std::string_view text);

// Whether the rule's pattern matches a repository path.
bool rule_matches(const AttributeRule& rule, std::string_view path);

struct AttributeVerdict {
    std::optional<bool> vendored;
    std::optional<bool> generated;
};

// The last word of the rules (in order) on a path.
AttributeVerdict attributes_of(const std::vector<AttributeRule>& rules, std::string_view path);

} // namespace oneshot::context
