# Included by the top-level CMakeLists.txt when ONESHOT_BENCH=ON (not part of ctest).
add_executable(sse_bench "${PROJECT_SOURCE_DIR}/tests/bench/sse_bench.cpp")
target_compile_options(sse_bench PRIVATE -Wall -Wextra -Wpedantic)
target_link_libraries(sse_bench PRIVATE oneshot_core)
