// The bundled example (examples/inventory) committed into a fresh temporary repository without its
// recorded answers, and the answer the README's Quick start replays, for tests that drive the whole
// pipeline on it.
#pragma once

#include "support/temp_repo.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace oneshot::testing {

inline const std::filesystem::path kExample = std::filesystem::path(ONESHOT_SOURCE_DIR) / "examples" / "inventory";

inline std::string read_file(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The patch document the example's model answered with (its .oneshot/answer.json).
inline std::string example_answer()
{
    return read_file(kExample / ".oneshot" / "answer.json");
}

struct ExampleRepo {
    TempRepo repo;
    std::string head;
    ExampleRepo()
    {
        repo.copy_from(kExample);
        std::filesystem::remove_all(repo.path() / ".oneshot");
        head = repo.commit_all("inventory example");
    }
};

} // namespace oneshot::testing
