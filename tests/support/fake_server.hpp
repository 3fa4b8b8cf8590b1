// RAII handle on tests/support/fake_model_server.py: starts it on a free 127.0.0.1 port with a
// script of answers, exposes its URLs and the requests it received, and stops it on destruction.
// The script format is documented at the top of fake_model_server.py.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace oneshot::testing {

class FakeModelServer {
public:
    // script_json: the JSON text of the step list. Throws std::runtime_error if the server does not
    // come up within a few seconds (a test setup failure, not a behaviour under test).
    explicit FakeModelServer(const std::string& script_json);
    ~FakeModelServer();
    FakeModelServer(const FakeModelServer&) = delete;
    FakeModelServer& operator=(const FakeModelServer&) = delete;

    int port() const { return port_; }
    // OpenAI-style base URL (with /v1), as OPENAI_BASE_URL takes it.
    std::string base_url() const;
    // Anthropic-style base URL (no /v1), as ANTHROPIC_BASE_URL takes it.
    std::string root_url() const;
    // Every request received so far, oldest first: {"method","path","headers","body","step"}.
    std::vector<nlohmann::json> requests() const;
    const std::filesystem::path& log_path() const { return log_; }

private:
    void stop();

    std::filesystem::path dir_;
    std::filesystem::path log_;
    pid_t pid_ = -1;
    int port_ = 0;
};

} // namespace oneshot::testing
