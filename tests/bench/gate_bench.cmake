# Included by the top-level CMakeLists.txt when ONESHOT_BENCH=ON (not part of ctest).
add_executable(gate_bench "${PROJECT_SOURCE_DIR}/tests/bench/gate_bench.cpp")
target_compile_options(gate_bench PRIVATE -Wall -Wextra -Wpedantic)
target_link_libraries(gate_bench PRIVATE oneshot_core)
