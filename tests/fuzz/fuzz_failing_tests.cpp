// libFuzzer target: the failing-test parsers (every runner's text format, go test -json events and
// JUnit XML) on arbitrary bytes, which is what a test run (code the model wrote) can print. Checks
// what must hold whatever the input: no crash or hang (the std::regex these replaced overflowed the
// stack on one long line), and names that are non-empty, sorted and unique.
#include "verify/failing_tests.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace oneshot::verify;

namespace {

void check(const std::vector<std::string>& names)
{
    if (!std::is_sorted(names.begin(), names.end())) std::abort();
    if (std::adjacent_find(names.begin(), names.end()) != names.end()) std::abort();
    for (const auto& name : names) {
        if (name.empty()) std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const FailingTests all = failing_tests_in_output(input);
    check(all.names);
    if (all.known() == all.names.empty()) std::abort();
    check(failing_tests_in_junit_xml(input));
    return 0;
}
