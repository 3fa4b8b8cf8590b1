// The environment test processes get: secrets dropped by name, the user's allow and deny lists,
// and redaction of the withheld values from text.
#include "verify/child_env.hpp"
#include "verify/process.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace oneshot::verify;

TEST_CASE("child env: provider keys and secret-looking names are secrets, ordinary variables are not", "[verify]")
{
    for (const char* name : {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "ONESHOT_API_KEY", "GITHUB_TOKEN", "NPM_TOKEN", "MY_SECRET_VALUE",
                             "DB_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_REGION", "SSH_AUTH_SOCK", "STRIPE_KEY", "npm_config__auth",
                             "GOOGLE_APPLICATION_CREDENTIALS", "HF_TOKEN", "some_apikey"}) {
        INFO(name);
        CHECK(looks_secret(name));
    }
    for (const char* name : {"PATH", "HOME", "LANG", "TOKENIZERS_PARALLELISM", "KEYBOARD", "TERM", "CARGO_HOME", "PYTHONPATH", "KEY"}) {
        INFO(name);
        CHECK_FALSE(looks_secret(name));
    }
}

TEST_CASE("child env: the scrubbed environment keeps order and drops secrets, allow beats deny beats defaults", "[verify]")
{
    const std::vector<std::string> env = {"PATH=/usr/bin", "OPENAI_API_KEY=sk-secret-123456", "GITHUB_TOKEN=ghp_abcdefgh",
                                          "LANG=C.UTF-8", "INTERNAL_URL=http://corp", "broken", "=x"};
    CHECK(scrub_environment(env, {}) == std::vector<std::string>{"PATH=/usr/bin", "LANG=C.UTF-8", "INTERNAL_URL=http://corp"});
    const auto policy = parse_env_policy("+github_token, -INTERNAL_*  LANG");
    CHECK(policy.allow == std::vector<std::string>{"github_token"});
    CHECK(policy.deny == std::vector<std::string>{"INTERNAL_*", "LANG"});
    CHECK(scrub_environment(env, policy) == std::vector<std::string>{"PATH=/usr/bin", "GITHUB_TOKEN=ghp_abcdefgh"});
    // An allow wins over a deny of the same name.
    CHECK(passes("GITHUB_TOKEN", parse_env_policy("-GITHUB_* +GITHUB_TOKEN")));
}

TEST_CASE("child env: withheld values are redacted from text, longest first, short ones left alone", "[verify]")
{
    const std::vector<std::string> env = {"OPENAI_API_KEY=sk-secret-123456", "EXTRA_TOKEN=sk-secret-123456-more", "MY_PASSWORD=abc",
                                          "PATH=/usr/bin"};
    const auto secrets = secret_values(env, {});
    CHECK(secrets == std::vector<std::string>{"sk-secret-123456-more", "sk-secret-123456"});
    CHECK(redact("a sk-secret-123456-more b sk-secret-123456 c abc /usr/bin", secrets) ==
          "a [REDACTED] b [REDACTED] c abc /usr/bin");
    // A replacement never creates a new match (the marker is not searched again).
    CHECK(redact("sk-secret-123456sk-secret-123456", {"sk-secret-123456"}) == "[REDACTED][REDACTED]");
}

TEST_CASE("child env: a child process started by run_process sees no key of ours (issue 11, reproduction 1)", "[verify]")
{
    ::setenv("ONESHOT_TEST_FAKE_API_KEY", "sk-leak-check-0123456789", 1);
    ProcessSpec spec;
    spec.command = "echo \"key=${ONESHOT_TEST_FAKE_API_KEY}\"; env | grep -c sk-leak-check || true";
    spec.env = {{"ADDED", "yes"}};
    spec.timeout_s = 20;
    const auto result = run_process(spec);
    ::unsetenv("ONESHOT_TEST_FAKE_API_KEY");
    CHECK(result.exit_code == 0);
    CHECK(result.output == "key=\n0\n");
    const auto entries = child_environment({}, {{"ADDED", "yes"}, {"PATH", "/x"}});
    CHECK(std::count(entries.begin(), entries.end(), "PATH=/x") == 1);
    CHECK(std::count_if(entries.begin(), entries.end(), [](const std::string& e) { return e.rfind("PATH=", 0) == 0; }) == 1);
}
