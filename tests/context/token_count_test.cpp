#include "context/token_count.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace oneshot::context;

TEST_CASE("token estimate: empty is free, words and numbers cost what BPE charges", "[context]")
{
    CHECK(count_tokens("") == 0);
    CHECK(count_tokens("hello") == 1);
    CHECK(count_tokens("hello world") == 2);
    CHECK(count_tokens("parseHeader") == 2);
    CHECK(count_tokens("1234567") == 3);
}

TEST_CASE("token estimate of code is near a BPE tokenizer's 3.5-4.5 bytes per token", "[context]")
{
    std::string code;
    for (int i = 0; i < 200; ++i) {
        code += "static int parse_value(struct parser *p, const char *text, size_t length)\n{\n"
                "    if (length == 0) return -1;\n    p->count += 1;\n    return handle(p, text[0]);\n}\n\n";
    }
    const double bytes_per_token = static_cast<double>(code.size()) / static_cast<double>(count_tokens(code));
    CHECK(bytes_per_token > 2.8);
    CHECK(bytes_per_token < 4.8);
}

TEST_CASE("token estimate is additive over lines or above it, never below", "[context]")
{
    const std::string a = "int main(void) {\n";
    const std::string b = "    return 0;\n";
    CHECK(count_tokens(a) + count_tokens(b) >= count_tokens(a + b));
}
