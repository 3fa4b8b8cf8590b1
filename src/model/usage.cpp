#include "model/types.hpp"

namespace oneshot::model {

Usage& Usage::operator+=(const Usage& other)
{
    input_tokens += other.input_tokens;
    cached_tokens += other.cached_tokens;
    cache_write_tokens += other.cache_write_tokens;
    output_tokens += other.output_tokens;
    reasoning_tokens += other.reasoning_tokens;
    return *this;
}

} // namespace oneshot::model
