// Entry point: everything happens in cli::run so the tests can link the same code.
#include "cli/app.hpp"

int main(int argc, char** argv)
{
    return oneshot::cli::run(argc, argv);
}
