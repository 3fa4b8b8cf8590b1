// The one error convention of git-oneshot: core functions return Result<T>, which holds either a
// value or an Error (a kind from the run report's short list, a message, optional detail). Library
// exceptions are caught at the edge that called the library; only cli/ turns errors into exit codes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace oneshot {

// The kinds are the run report's `error.kind` values (design.md, fixed contract).
enum class ErrorKind { usage, config, model, network, refusal, truncated, patch, unsafe, interrupted, internal };

std::string_view to_string(ErrorKind kind);

struct Error {
    ErrorKind kind = ErrorKind::internal;
    std::string message;   // one line, names what is wrong and where
    std::string detail;    // optional longer text (diagnostics, output tail)
};

inline Error make_error(ErrorKind kind, std::string message, std::string detail = {})
{
    return Error{kind, std::move(message), std::move(detail)};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(state_); }
    Error&& take_error() { return std::get<1>(std::move(state_)); }

private:
    std::variant<T, Error> state_;
};

struct Ok {};
// A result that carries no value: Status s = Ok{}; or an Error.
using Status = Result<Ok>;

} // namespace oneshot
