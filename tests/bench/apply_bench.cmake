# Included by the top-level CMakeLists.txt when ONESHOT_BENCH=ON (not part of ctest).
add_executable(apply_bench "${PROJECT_SOURCE_DIR}/tests/bench/apply_bench.cpp")
target_compile_options(apply_bench PRIVATE -Wall -Wextra -Wpedantic)
target_link_libraries(apply_bench PRIVATE oneshot_core)
