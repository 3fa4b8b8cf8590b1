#include "cli/app.hpp"

#include <cstdio>

namespace oneshot::cli {

int run(int, char**)
{
    std::puts("git-oneshot " ONESHOT_VERSION);
    return 0;
}

} // namespace oneshot::cli
