#include "context/language.hpp"
#include "context/tags.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace oneshot::context;

namespace {

FileTags tags_of(std::string_view grammar, std::string_view source)
{
    auto result = extract_tags(*grammar_by_name(grammar), source);
    REQUIRE(result.ok());
    return std::move(result).value();
}

const Definition* find_def(const FileTags& tags, std::string_view name)
{
    for (const auto& d : tags.definitions) {
        if (d.name == name) return &d;
    }
    return nullptr;
}

bool has_ref(const FileTags& tags, std::string_view name)
{
    return std::any_of(tags.references.begin(), tags.references.end(), [&](const Reference& r) { return r.name == name; });
}

} // namespace

TEST_CASE("a C function definition spans its whole body, return type line included", "[context]")
{
    const auto tags = tags_of("c", "#include <stdio.h>\n"
                                   "static int\n"
                                   "add(int a, int b)\n"
                                   "{\n"
                                   "    return a + b;\n"
                                   "}\n");
    const Definition* add = find_def(tags, "add");
    REQUIRE(add != nullptr);
    CHECK(add->kind == "function");
    CHECK(add->first_line == 2);
    CHECK(add->last_line == 6);
    CHECK(add->name_line == 3);
}

TEST_CASE("JavaScript: #not-eq? drops constructor, #not-match? drops require, docs are stripped", "[context]")
{
    const auto tags = tags_of("javascript", "const fs = require('fs');\n"
                                            "class Box {\n"
                                            "  constructor(x) { this.x = x; }\n"
                                            "  // Opens the box.\n"
                                            "  open() { return fs.readFileSync(this.x); }\n"
                                            "}\n"
                                            "draw();\n");
    CHECK(find_def(tags, "constructor") == nullptr);
    REQUIRE(find_def(tags, "open") != nullptr);
    CHECK(find_def(tags, "open")->kind == "method");
    CHECK(find_def(tags, "open")->doc == "Opens the box.");
    CHECK(find_def(tags, "Box") != nullptr);
    CHECK_FALSE(has_ref(tags, "require"));
    CHECK(has_ref(tags, "draw"));
    CHECK(has_ref(tags, "readFileSync"));
}

TEST_CASE("Rust: a method matched as method and as function yields one tag, the method", "[context]")
{
    const auto tags = tags_of("rust", "struct S;\nimpl S {\n    fn run(&self) {}\n}\n");
    const auto count = std::count_if(tags.definitions.begin(), tags.definitions.end(), [](const Definition& d) { return d.name == "run"; });
    CHECK(count == 1);
    REQUIRE(find_def(tags, "run") != nullptr);
    CHECK(find_def(tags, "run")->kind == "method");
}

TEST_CASE("Ruby: #is-not? local keeps calls and drops local variables", "[context]")
{
    const auto tags = tags_of("ruby", "def go(items)\n"
                                      "  total = 0\n"
                                      "  total += items.size\n"
                                      "  report\n"
                                      "end\n");
    CHECK(find_def(tags, "go") != nullptr);
    CHECK(has_ref(tags, "report"));
    CHECK_FALSE(has_ref(tags, "total"));
    CHECK_FALSE(has_ref(tags, "items"));
}

TEST_CASE("Go: #strip! and #set-adjacent! keep only the comment right above", "[context]")
{
    const auto tags = tags_of("go", "package p\n\n// unrelated\n\n// Run starts it.\nfunc Run() {}\n");
    REQUIRE(find_def(tags, "Run") != nullptr);
    CHECK(find_def(tags, "Run")->doc == "Run starts it.");
}

TEST_CASE("Python: a decorated function's extent includes its decorator", "[context]")
{
    const auto tags = tags_of("python", "import x\n\n@cached\ndef load(path):\n    return x.read(path)\n");
    const Definition* load = find_def(tags, "load");
    REQUIRE(load != nullptr);
    CHECK(load->first_line == 3);
    CHECK(load->last_line == 5);
    CHECK(has_ref(tags, "read"));
}
