#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + UBSan) and runs each for a share of SECONDS
# (default 60 in total), seeded with the example documents and the hostile corpus. Exits non-zero
# when a target finds a crash; the reproducer is left in the build folder (crash-*).
# Needs the Debian packages clang-14 and libfuzzer-14-dev. Environment: BUILD_DIR (default
# build-fuzz), GRAMMAR_SOURCES_DIR (passed to CMake when set), JOBS (build parallelism, default 2).
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${BUILD_DIR:-$root/build-fuzz}"
# FUZZ_TARGETS="a b" runs only those (each still gets its share of SECONDS).
read -r -a targets <<< "${FUZZ_TARGETS:-fuzz_parse_document fuzz_matcher fuzz_json_writers fuzz_header_language fuzz_failing_tests fuzz_attribute_rules}"

cmake_args=(-S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DONESHOT_FUZZ=ON -DONESHOT_TESTS=OFF
            -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14)
if [[ -n "${GRAMMAR_SOURCES_DIR:-}" ]]; then cmake_args+=("-DGRAMMAR_SOURCES_DIR=$GRAMMAR_SOURCES_DIR"); fi
cmake "${cmake_args[@]}" >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target "${targets[@]}"

# Working corpora outside the source tree, seeded from the committed documents.
work="$build/corpus"
mkdir -p "$work/fuzz_parse_document" "$work/fuzz_matcher" "$work/fuzz_json_writers" "$work/fuzz_header_language" "$work/fuzz_failing_tests" "$work/fuzz_attribute_rules"
cp "$root"/patches/examples/*.json "$root"/tests/patch/hostile/*.json "$work/fuzz_parse_document/"
printf 'a\nb\nc\n\0b\n\0B\n' > "$work/fuzz_matcher/seed-exact"
printf '\tif x {\n\t\treturn\n\t}\n\0    if x {\n        return\n    }\n\0    if x {\n        return nil\n    }\n' > "$work/fuzz_matcher/seed-tabs"
printf 'a\r\n\r\nb\r\nc\r\n\0a\nb\n\0a\n\nB\n' > "$work/fuzz_matcher/seed-crlf-blank"
cp "$root"/tests/patch/hostile/*.json "$work/fuzz_json_writers/"
printf 'a\xc3\xa9\xc3\xa9\xc3\xa9/../x\xff\xfe\xc3' > "$work/fuzz_json_writers/seed-bad-utf8"
printf '*.h linguist-language=C++\n**/x/** linguist-language=C\n\0// -*- C++ -*-\ntemplate <class T> struct S { int a[2]; };\nauto s = R"x(a)x";\n' > "$work/fuzz_header_language/seed-header"
# One line of each runner's failure format (tests/verify/failing_tests_test.cpp has fuller ones).
printf 'FAILED tests/t.py::test_x[a - b] - AssertionError\nt.py::test_v[x] FAILED [ 50%%]\nFAIL: test_a (m.C.test_a) [sub]\n' > "$work/fuzz_failing_tests/seed-python"
printf '    --- FAIL: TestA/b_(c) (0.00s)\n{"Action":"fail","Test":"TestA/b"}\ntest a::b ... FAILED\n' > "$work/fuzz_failing_tests/seed-go-cargo"
printf 'The following tests FAILED:\n\t  2 - a b (Failed)\n  \xe2\x97\x8f S \xe2\x80\xba t\n FAIL  a.ts > s > t\n' > "$work/fuzz_failing_tests/seed-ctest-js"
printf '<testsuite><testcase classname="C" name="n &amp; m"><failure/></testcase></testsuite>\n' > "$work/fuzz_failing_tests/seed-junit"

printf '* text=auto\nsrc/decNumber/** linguist-vendored\nsrc/parser.[ch] linguist-generated=true\n"a b/*" -linguist-vendored\n\0sub/src/decNumber/x.c' > "$work/fuzz_attribute_rules/seed-jq"

per_target=$(( seconds / ${#targets[@]} ))
(( per_target > 0 )) || per_target=1
status=0
for target in "${targets[@]}"; do
  echo "=== $target: ${per_target}s"
  ( cd "$build" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "./tests/fuzz/$target" -max_total_time="$per_target" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 "$work/$target" ) 2>&1 | tail -n 25 || status=1
done
if (( status != 0 )); then echo "fuzzing found a problem (reproducers: $build/crash-* / timeout-* / leak-*)"; fi
exit "$status"
