// TEMPORARY development knob: ONESHOT_TUNE_<NAME>=value overrides a ranking/packing constant.
#pragma once
#include <cstdlib>
#include <string>
namespace oneshot::context {
inline double tune(const char* name, double fallback)
{
    const char* v = std::getenv((std::string("ONESHOT_TUNE_") + name).c_str());
    return v ? std::atof(v) : fallback;
}
} // namespace oneshot::context
