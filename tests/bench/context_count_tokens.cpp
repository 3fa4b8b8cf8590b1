// Prints our token estimate for each file named on the command line: "<tokens>\t<path>".
// Used by context_tokens.sh to measure the estimate against real BPE tokenizers.
#include "context/token_count.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::cout << oneshot::context::count_tokens(buffer.str()) << '\t' << argv[i] << '\n';
    }
    return 0;
}
