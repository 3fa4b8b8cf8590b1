#include "core/error.hpp"

namespace oneshot {

std::string_view to_string(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::usage: return "usage";
    case ErrorKind::config: return "config";
    case ErrorKind::model: return "model";
    case ErrorKind::network: return "network";
    case ErrorKind::refusal: return "refusal";
    case ErrorKind::truncated: return "truncated";
    case ErrorKind::patch: return "patch";
    case ErrorKind::unsafe: return "unsafe";
    case ErrorKind::interrupted: return "interrupted";
    case ErrorKind::internal: return "internal";
    }
    return "internal";
}

} // namespace oneshot
