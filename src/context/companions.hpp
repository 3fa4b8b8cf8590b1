// The files a change to some source files usually changes with them, found by name alone: the
// tests named after a source file (test_core.py, core_test.go, core.test.ts, CoreTest.java,
// tests/core.rs). Packing shows them after the source so that a model can extend the existing
// tests and see those that assert the old behaviour.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::context {

// A file name's stem without test affixes, lowercased: "test_core.py", "core_test.go",
// "core.test.ts", "CoreTest.java" and "core.py" all give "core".
std::string test_stem(std::string_view path);

// Indexes of the files (is_test(k) true) whose test_stem is the stem of one of the sources, in the
// order of the sources they test. Stems that name no module of their own (index, mod, __init__,
// main, lib) match nothing.
std::vector<std::size_t> tests_named_after(const std::vector<std::string>& paths, const std::vector<std::size_t>& sources,
                                           const std::function<bool(std::size_t)>& is_test);

} // namespace oneshot::context
