// What is broken for any reader of C-family text, whatever its macros: a bracket, brace or
// parenthesis left open or closed twice, a string or character literal cut at the end of its line,
// a comment never closed, an "=" with nothing after it, a file ending on an operator. The syntax gate trusts these where tree-sitter's C and C++ grammars,
// which know no macros, are unreliable. Pure; bytes in, defects out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::patch {

struct LexicalDefect {
    std::size_t line = 0;     // 1-based
    std::size_t column = 0;   // 1-based byte column
    std::string what;         // "unclosed \"{\"", "unterminated string", "nothing after \"=\"", "file ends after \"+\"", ...
};

// Defects of C or C++ text. Preprocessor directives are skipped (a `#define` may hold half a
// block); each `#if` branch starts from the brackets open before the `#if`, since both branches
// may open the same block.
std::vector<LexicalDefect> lexical_defects(std::string_view text);

// Python lines that no reader accepts but tree-sitter-python reads on (its scanner drops a line
// break where none may stand): a logical line, outside brackets, strings and comments and with no
// backslash continuation, that ends on "=" or a binary operator ("x =", "a +").
std::vector<LexicalDefect> python_line_defects(std::string_view text);

} // namespace oneshot::patch
