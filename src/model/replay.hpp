// Record and replay of model exchanges (--record DIR, --replay DIR).
//
// Directory layout: one numbered exchange per HTTP request, in the order the requests were made
// (001, 002, ...; retries and background polls are exchanges too):
//
//   DIR/001.meta.json       {"status": 200, "provider": "openai", "endpoint": "/v1/responses",
//                            "headers": {"content-type": "text/event-stream", ...}}
//   DIR/001.response.sse    the raw response body when it was an event stream, else
//   DIR/001.response.json   the raw response body (a JSON answer or an error body)
//   DIR/001.request.json    {"method", "url", "headers", "body"}: what was sent, API keys and auth
//                           headers replaced by "<redacted>"; informational, replay ignores it
//
// Replay answers the Nth request of a process with exchange N, whatever the request says: prompts
// change as the context engine evolves, so matching by content would break every recording. The
// body then goes through the same parsing as live traffic. Writing one by hand: only the response
// file is required. meta.json is optional; "status" defaults to 200, the content type follows the
// file's extension, and "provider" (openai, openai-chat, anthropic) says which wire format the body
// is in when it differs from the configured provider. No network is used and no API key is needed.
#pragma once

#include "model/transport.hpp"

#include <memory>
#include <string>

namespace oneshot::model {

// Answers from DIR; a request beyond the last exchange is a config error naming the missing file.
std::unique_ptr<Transport> make_replay_transport(const std::string& dir);

// Passes requests to `inner` and writes each exchange to DIR (created if needed), numbering after
// the exchanges already there. `provider` is written to meta.json.
std::unique_ptr<Transport> make_recording_transport(std::unique_ptr<Transport> inner, const std::string& dir,
                                                    Provider provider);

// Replay counts requests per directory for the whole process; tests that replay one directory
// several times start over with this.
void reset_replay_position(const std::string& dir);

} // namespace oneshot::model
