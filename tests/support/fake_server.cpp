#include "support/fake_server.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace oneshot::testing {

namespace {

std::filesystem::path make_temp_dir()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "oneshot-fake-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("fake server: cannot create a temporary directory");
    return pattern;
}

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace

FakeModelServer::FakeModelServer(const std::string& script_json)
    : dir_(make_temp_dir()), log_(dir_ / "requests.jsonl")
{
    const auto script = dir_ / "script.json";
    const auto port_file = dir_ / "port";
    std::ofstream(script, std::ios::binary) << script_json;

    const std::string server_py = ONESHOT_SOURCE_DIR "/tests/support/fake_model_server.py";
    std::vector<std::string> args = {"python3", server_py, "--script", script.string(),
                                     "--port-file", port_file.string(), "--log", log_.string()};
    std::vector<char*> argv;
    for (auto& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ) != 0) {
        std::filesystem::remove_all(dir_);
        throw std::runtime_error("fake server: cannot start python3");
    }

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        if (std::filesystem::exists(port_file)) {
            port_ = std::atoi(read_file(port_file).c_str());
            if (port_ > 0)
                return;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop();
    throw std::runtime_error("fake server: did not start (is the script valid JSON?)");
}

FakeModelServer::~FakeModelServer()
{
    stop();
}

void FakeModelServer::stop()
{
    if (pid_ > 0) {
        kill(pid_, SIGTERM);
        int status = 0;
        while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string FakeModelServer::base_url() const
{
    return root_url() + "/v1";
}

std::string FakeModelServer::root_url() const
{
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::vector<nlohmann::json> FakeModelServer::requests() const
{
    std::vector<nlohmann::json> out;
    std::istringstream lines(read_file(log_));
    for (std::string line; std::getline(lines, line);)
        if (!line.empty())
            out.push_back(nlohmann::json::parse(line));
    return out;
}

} // namespace oneshot::testing
