# Included by the top-level CMakeLists.txt when ONESHOT_BENCH=ON (not part of ctest).
add_executable(gate_corpus "${PROJECT_SOURCE_DIR}/tests/bench/gate_corpus.cpp")
target_compile_options(gate_corpus PRIVATE -Wall -Wextra -Wpedantic)
target_link_libraries(gate_corpus PRIVATE oneshot_core)
