#!/usr/bin/env python3
"""A fake model server for git-oneshot's tests: real HTTP/1.1 on 127.0.0.1, real wire formats.

Usage:
    fake_model_server.py --script SCRIPT.json --port-file PORT_FILE [--log LOG.jsonl]

It binds 127.0.0.1 on a port chosen by the OS and writes the port number to PORT_FILE (atomically,
so a reader that sees the file sees the whole number). Python 3 standard library only.

Endpoints (matched by path suffix, so any prefix works; OpenAI-style bases end in /v1):
    POST .../responses                  OpenAI Responses API
    GET  .../responses/{id}             Responses background polling (does not consume a step)
    POST .../responses/{id}/cancel      Responses background cancel (does not consume a step)
    POST .../chat/completions           Chat Completions (OpenAI and compatible servers)
    POST .../messages                   Anthropic Messages API (the base URL has no /v1)

Every request is appended to the LOG as one JSON line:
    {"method", "path", "headers": {lower-case name: value}, "body": <parsed JSON or raw text>,
     "step": <index of the script step that answered, or null>}
with the values of authorization, x-api-key and api-key replaced by "<redacted>".

SCRIPT is a JSON list of steps; each POST to an answering endpoint consumes the next step. When the
script is exhausted the server answers 500 with an error body that says so. A step with
"match": "<text>" is instead kept for the first request whose JSON body contains that text (a
marker in the task), so that concurrent clients get their own answers whatever the arrival order.

Answer step, rendered in the wire format of the endpoint that was hit, as SSE when the request
body had "stream": true, else as one JSON body:
    {"answer": "<answer text>",        the answer channel's text (e.g. the patch JSON)
     "usage": {"input_tokens": N,       all prompt tokens (uncached + cache reads + cache writes)
               "cached_tokens": N, "cache_write_tokens": N,
               "output_tokens": N,      all output, reasoning included
               "reasoning_tokens": N},  optional; defaults are derived from the sizes
     "reasoning": "<text>",             optional reasoning/thinking text, sent on the reasoning
                                        channel of the format (must never reach the answer)
     "refusal": "<text>",               answer with the format's refusal instead
     "truncated": true,                 end with the format's max-tokens truncation
     "delay_s": 0,                      sleep before sending anything (headers included)
     "chunk": 16,                       characters per answer delta (1 = tiny deltas)
     "split_bytes": 0,                  >0: write the body in pieces of this many bytes, each flushed
     "event_delay_s": 0,                sleep between SSE events
     "keepalive": false,                interleave ": keep-alive" comment lines
     "crlf": false,                     end SSE lines with \\r\\n
     "stall_after": 0, "stall_s": 0,    after this many answer deltas, send nothing for stall_s
     "cut_after": null,                 after this many answer deltas, close the connection
                                        (no terminal event; for JSON: half the body)
     "framing": "chunked",              or "close": no Transfer-Encoding, close ends the body
     "error_mid_stream": {"message": "...", "type": "...", "code": "..."}
                                        after half the deltas, the format's error event, then end
     "headers": {"x-request-id": "..."}, extra response headers
     "poll_pending": 1}                 Responses background: polls answered "in_progress" first

Anthropic: when the request has "tools" and no output_config.format, the answer is sent as a
tool_use block of the first tool (input = the answer parsed as JSON, streamed as input_json_delta).

Raw step, for failures: any step without "answer":
    {"status": 429, "headers": {"retry-after-ms": "20"}, "body": "<text>" or a JSON value,
     "delay_s": 0, "split_bytes": 0, "cut_after_bytes": null}
A JSON-value body is sent as application/json; a text body as given (default content type
text/event-stream when the request streamed, else application/json).
"""

import argparse
import json
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REDACTED_HEADERS = {"authorization", "x-api-key", "api-key"}


class Script:
    def __init__(self, steps):
        self.steps = list(steps)
        self.next = 0
        self.taken = set()
        self.lock = threading.Lock()
        self.background = {}  # response id -> {"final": dict, "pending": int}

    def take(self, body_text=""):
        with self.lock:
            # A step with "match" answers the first request whose body contains that text (for
            # concurrent clients, whose requests arrive in any order); the others go in order.
            for index, step in enumerate(self.steps):
                if index in self.taken or "match" not in step:
                    continue
                if step["match"] in body_text:
                    self.taken.add(index)
                    return index, step
            while self.next < len(self.steps) and (self.next in self.taken or "match" in self.steps[self.next]):
                self.next += 1
            if self.next >= len(self.steps):
                return None, None
            index = self.next
            self.taken.add(index)
            self.next += 1
            return index, self.steps[index]


class Log:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    def append(self, record):
        if not self.path:
            return
        line = json.dumps(record, ensure_ascii=False)
        with self.lock, open(self.path, "a", encoding="utf-8") as f:
            f.write(line + "\n")
            f.flush()


# ---------------------------------------------------------------------------------------------
# Usage in each format (the step's usage uses git-oneshot's semantics, see types.hpp)

def default_usage(step, request_body):
    answer = step.get("answer", "") or ""
    prompt_chars = len(json.dumps(request_body)) if request_body is not None else 0
    reasoning = len(step.get("reasoning", "") or "") // 4
    usage = {"input_tokens": max(1, prompt_chars // 4), "cached_tokens": 0, "cache_write_tokens": 0,
             "output_tokens": max(1, len(answer) // 4) + reasoning, "reasoning_tokens": reasoning}
    usage.update(step.get("usage") or {})
    return usage


def usage_responses(u):
    return {"input_tokens": u["input_tokens"],
            "input_tokens_details": {"cached_tokens": u["cached_tokens"],
                                     "cache_write_tokens": u["cache_write_tokens"]},
            "output_tokens": u["output_tokens"],
            "output_tokens_details": {"reasoning_tokens": u["reasoning_tokens"]},
            "total_tokens": u["input_tokens"] + u["output_tokens"]}


def usage_chat(u):
    return {"prompt_tokens": u["input_tokens"], "completion_tokens": u["output_tokens"],
            "total_tokens": u["input_tokens"] + u["output_tokens"],
            "prompt_tokens_details": {"cached_tokens": u["cached_tokens"]},
            "completion_tokens_details": {"reasoning_tokens": u["reasoning_tokens"]}}


def usage_anthropic(u):
    uncached = u["input_tokens"] - u["cached_tokens"] - u["cache_write_tokens"]
    out = {"input_tokens": max(0, uncached),
           "cache_creation_input_tokens": u["cache_write_tokens"],
           "cache_read_input_tokens": u["cached_tokens"],
           "output_tokens": u["output_tokens"]}
    if u.get("reasoning_tokens"):
        out["output_tokens_details"] = {"thinking_tokens": u["reasoning_tokens"]}
    return out


def pieces(text, size):
    size = max(1, int(size or 16))
    return [text[i:i + size] for i in range(0, len(text), size)] or []


# ---------------------------------------------------------------------------------------------
# Renderers: each returns (json_body) for plain answers and a list of SSE items for streams.
# An SSE item is ("event", name_or_None, data_dict_or_str), ("delta_mark",) marks one answer delta
# (for stall/cut/error placement), or ("comment", text).

def responses_object(step, usage, resp_id, model, status=None):
    content = []
    if "refusal" in step:
        content.append({"type": "refusal", "refusal": step["refusal"]})
    else:
        content.append({"type": "output_text", "text": step.get("answer", ""), "annotations": []})
    output = []
    if step.get("reasoning"):
        output.append({"id": "rs_1", "type": "reasoning",
                       "summary": [{"type": "summary_text", "text": step["reasoning"]}]})
    truncated = step.get("truncated", False)
    output.append({"id": "msg_1", "type": "message", "role": "assistant",
                   "status": "incomplete" if truncated else "completed", "content": content})
    return {"id": resp_id, "object": "response", "created_at": int(time.time()), "model": model,
            "status": status or ("incomplete" if truncated else "completed"),
            "incomplete_details": {"reason": "max_output_tokens"} if truncated else None,
            "error": None, "output": output, "usage": usage_responses(usage)}


def render_responses(step, usage, model, stream, resp_id):
    final = responses_object(step, usage, resp_id, model)
    if not stream:
        return final
    items = []
    seq = [0]

    def ev(name, data):
        data = dict(data)
        data["type"] = name
        data["sequence_number"] = seq[0]
        seq[0] += 1
        items.append(("event", name, data))

    shell = dict(final, status="in_progress", output=[], usage=None, incomplete_details=None)
    ev("response.created", {"response": shell})
    ev("response.in_progress", {"response": shell})
    index = 0
    if step.get("reasoning"):
        ev("response.output_item.added", {"output_index": 0, "item": {"id": "rs_1", "type": "reasoning", "summary": []}})
        for piece in pieces(step["reasoning"], step.get("chunk")):
            ev("response.reasoning_summary_text.delta", {"item_id": "rs_1", "output_index": 0, "summary_index": 0, "delta": piece})
        ev("response.output_item.done", {"output_index": 0, "item": final["output"][0]})
        index = 1
    ev("response.output_item.added", {"output_index": index, "item": {"id": "msg_1", "type": "message", "role": "assistant", "status": "in_progress", "content": []}})
    if "refusal" in step:
        ev("response.content_part.added", {"item_id": "msg_1", "output_index": index, "content_index": 0, "part": {"type": "refusal", "refusal": ""}})
        for piece in pieces(step["refusal"], step.get("chunk")):
            items.append(("delta_mark",))
            ev("response.refusal.delta", {"item_id": "msg_1", "output_index": index, "content_index": 0, "delta": piece})
        ev("response.refusal.done", {"item_id": "msg_1", "output_index": index, "content_index": 0, "refusal": step["refusal"]})
    else:
        ev("response.content_part.added", {"item_id": "msg_1", "output_index": index, "content_index": 0, "part": {"type": "output_text", "text": ""}})
        for piece in pieces(step.get("answer", ""), step.get("chunk")):
            items.append(("delta_mark",))
            ev("response.output_text.delta", {"item_id": "msg_1", "output_index": index, "content_index": 0, "delta": piece, "logprobs": [], "obfuscation": "xx"})
        ev("response.output_text.done", {"item_id": "msg_1", "output_index": index, "content_index": 0, "text": step.get("answer", "")})
    ev("response.output_item.done", {"output_index": index, "item": final["output"][-1]})
    items.append(("error_mark",))
    ev("response.incomplete" if step.get("truncated") else "response.completed", {"response": final})
    return items


def responses_error_event(err):
    return [("event", "error", {"type": "error", "code": err.get("code", "server_error"),
                                 "message": err.get("message", "fake mid-stream error"), "param": None,
                                 "sequence_number": 999})]


def render_chat(step, usage, model, stream, request_body):
    cid = "chatcmpl-fake"
    created = int(time.time())
    finish = "length" if step.get("truncated") else "stop"
    if not stream:
        message = {"role": "assistant", "content": None if "refusal" in step else step.get("answer", ""),
                   "refusal": step.get("refusal")}
        if step.get("reasoning"):
            message["reasoning_content"] = step["reasoning"]
        return {"id": cid, "object": "chat.completion", "created": created, "model": model,
                "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                "usage": usage_chat(usage)}
    items = []
    include_usage = bool((request_body or {}).get("stream_options", {}).get("include_usage"))

    def chunk(delta, finish_reason=None, choices=True):
        data = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}] if choices else []}
        if include_usage:
            data["usage"] = None
        items.append(("event", None, data))

    # Azure-style first chunk with no choices: clients must not index choices[0] blindly.
    chunk({}, choices=False)
    if "refusal" in step:
        chunk({"role": "assistant", "content": None, "refusal": ""})
        for piece in pieces(step["refusal"], step.get("chunk")):
            items.append(("delta_mark",))
            chunk({"refusal": piece})
    else:
        chunk({"role": "assistant", "content": ""})
        for piece in pieces(step.get("reasoning", ""), step.get("chunk")):
            chunk({"reasoning_content": piece, "content": None})
        for piece in pieces(step.get("answer", ""), step.get("chunk")):
            items.append(("delta_mark",))
            chunk({"content": piece})
    items.append(("error_mark",))
    chunk({}, finish)
    if include_usage:
        items.append(("event", None, {"id": cid, "object": "chat.completion.chunk", "created": created,
                                      "model": model, "choices": [], "usage": usage_chat(usage)}))
    items.append(("event", None, "[DONE]"))
    return items


def chat_error_event(err):
    return [("event", None, {"error": {"message": err.get("message", "fake mid-stream error"),
                                       "type": err.get("type", "server_error"), "param": None,
                                       "code": err.get("code")}})]


def anthropic_tool(request_body):
    body = request_body or {}
    if body.get("tools") and not (body.get("output_config") or {}).get("format"):
        return body["tools"][0].get("name", "tool")
    return None


def render_anthropic(step, usage, model, stream, request_body):
    tool = anthropic_tool(request_body)
    stop = "max_tokens" if step.get("truncated") else ("refusal" if "refusal" in step else ("tool_use" if tool else "end_turn"))
    wire_usage = usage_anthropic(usage)
    blocks = []
    if step.get("reasoning"):
        blocks.append({"type": "thinking", "thinking": step["reasoning"], "signature": "sig"})
    answer = step.get("answer", "")
    if "refusal" in step:
        blocks.append({"type": "text", "text": ""})
    elif tool:
        try:
            tool_input = json.loads(answer)
        except ValueError:
            tool_input = answer
        blocks.append({"type": "tool_use", "id": "toolu_1", "name": tool, "input": tool_input})
    else:
        blocks.append({"type": "text", "text": answer})
    message = {"id": "msg_fake", "type": "message", "role": "assistant", "model": model,
               "content": blocks, "stop_reason": stop, "stop_sequence": None, "usage": wire_usage}
    if "refusal" in step:
        message["stop_details"] = {"type": "refusal", "category": None, "explanation": step["refusal"]}
    if not stream:
        return message
    items = []

    def ev(name, data):
        data = dict(data)
        data["type"] = name
        items.append(("event", name, data))

    start_usage = dict(wire_usage, output_tokens=1)
    start_usage.pop("output_tokens_details", None)
    ev("message_start", {"message": dict(message, content=[], stop_reason=None, usage=start_usage)})
    ev("ping", {})
    index = 0
    if step.get("reasoning"):
        ev("content_block_start", {"index": 0, "content_block": {"type": "thinking", "thinking": "", "signature": ""}})
        for piece in pieces(step["reasoning"], step.get("chunk")):
            ev("content_block_delta", {"index": 0, "delta": {"type": "thinking_delta", "thinking": piece}})
        ev("content_block_delta", {"index": 0, "delta": {"type": "signature_delta", "signature": "sig"}})
        ev("content_block_stop", {"index": 0})
        index = 1
    if tool and "refusal" not in step:
        ev("content_block_start", {"index": index, "content_block": {"type": "tool_use", "id": "toolu_1", "name": tool, "input": {}}})
        ev("content_block_delta", {"index": index, "delta": {"type": "input_json_delta", "partial_json": ""}})
        for piece in pieces(answer, step.get("chunk")):
            items.append(("delta_mark",))
            ev("content_block_delta", {"index": index, "delta": {"type": "input_json_delta", "partial_json": piece}})
    else:
        ev("content_block_start", {"index": index, "content_block": {"type": "text", "text": ""}})
        text = "" if "refusal" in step else answer
        for piece in pieces(text, step.get("chunk")):
            items.append(("delta_mark",))
            ev("content_block_delta", {"index": index, "delta": {"type": "text_delta", "text": piece}})
    ev("content_block_stop", {"index": index})
    items.append(("error_mark",))
    delta = {"stop_reason": stop, "stop_sequence": None}
    if "refusal" in step:
        delta["stop_details"] = message["stop_details"]
    ev("message_delta", {"delta": delta, "usage": wire_usage})
    ev("message_stop", {})
    return items


def anthropic_error_event(err):
    return [("event", "error", {"type": "error", "error": {"type": err.get("type", "overloaded_error"),
                                                            "message": err.get("message", "Overloaded")}})]


# ---------------------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-model-server/1"

    def log_message(self, fmt, *args):  # keep test output quiet
        pass

    # -- helpers -------------------------------------------------------------------------------
    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        text = raw.decode("utf-8", errors="replace")
        try:
            return json.loads(text) if text else None
        except ValueError:
            return text

    def log_request_record(self, body, step_index):
        headers = {}
        for name, value in self.headers.items():
            lname = name.lower()
            headers[lname] = "<redacted>" if lname in REDACTED_HEADERS else value
        self.server.log.append({"method": self.command, "path": self.path, "headers": headers,
                                "body": body, "step": step_index})

    def start(self, status, content_type, extra_headers, framing, length=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (extra_headers or {}).items():
            self.send_header(name, str(value))
        if length is not None:
            self.send_header("Content-Length", str(length))
        elif framing == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
        if framing == "close" or length is None and framing != "chunked":
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.flush()

    def write(self, data, framing, split_bytes=0):
        if not data:
            return
        size = int(split_bytes or 0)
        parts = [data[i:i + size] for i in range(0, len(data), size)] if size > 0 else [data]
        for part in parts:
            if framing == "chunked":
                self.wfile.write(b"%x\r\n" % len(part) + part + b"\r\n")
            else:
                self.wfile.write(part)
            self.wfile.flush()

    def finish_body(self, framing):
        if framing == "chunked":
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

    def cut(self):
        self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def send_json(self, status, obj, headers=None):
        data = json.dumps(obj).encode()
        self.start(status, "application/json", headers, "length", len(data))
        self.wfile.write(data)
        self.wfile.flush()

    # -- dispatch ------------------------------------------------------------------------------
    def do_GET(self):
        body = None
        self.log_request_record(body, None)
        path = self.path.split("?", 1)[0]
        marker = "/responses/"
        if marker in path:
            resp_id = path.split(marker, 1)[1].strip("/")
            entry = self.server.script.background.get(resp_id)
            if entry is None:
                return self.send_json(404, {"error": {"message": "No response with id " + resp_id, "type": "invalid_request_error", "param": None, "code": None}})
            if entry["pending"] > 0:
                entry["pending"] -= 1
                return self.send_json(200, dict(entry["final"], status="in_progress", output=[], usage=None, incomplete_details=None))
            return self.send_json(200, entry["final"])
        self.send_json(404, {"error": {"message": "unknown path " + path, "type": "invalid_request_error", "param": None, "code": None}})

    def do_POST(self):
        body = self.read_body()
        path = self.path.split("?", 1)[0].rstrip("/")
        if "/responses/" in path and path.endswith("/cancel"):
            self.log_request_record(body, None)
            resp_id = path.split("/responses/", 1)[1].split("/")[0]
            entry = self.server.script.background.get(resp_id)
            if entry is None:
                return self.send_json(404, {"error": {"message": "No response", "type": "invalid_request_error", "param": None, "code": None}})
            entry["final"] = dict(entry["final"], status="cancelled")
            entry["pending"] = 0
            return self.send_json(200, entry["final"])
        if path.endswith("/responses"):
            kind = "responses"
        elif path.endswith("/chat/completions"):
            kind = "chat"
        elif path.endswith("/messages"):
            kind = "anthropic"
        else:
            self.log_request_record(body, None)
            return self.send_json(404, {"error": {"message": "unknown path " + path, "type": "invalid_request_error", "param": None, "code": None}})

        index, step = self.server.script.take(json.dumps(body, ensure_ascii=False) if body is not None else "")
        self.log_request_record(body, index)
        if step is None:
            return self.send_json(500, {"error": {"message": "fake server: script exhausted", "type": "server_error", "param": None, "code": None}})
        stream = isinstance(body, dict) and bool(body.get("stream"))
        try:
            if step.get("delay_s"):
                time.sleep(float(step["delay_s"]))
            if "answer" in step or "refusal" in step:
                self.answer(kind, step, body if isinstance(body, dict) else {}, stream, index)
            else:
                self.raw(step, stream)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def raw(self, step, stream):
        status = int(step.get("status", 200))
        body = step.get("body", "")
        headers = dict(step.get("headers") or {})
        if isinstance(body, str):
            data = body.encode()
            content_type = headers.pop("content-type", headers.pop("Content-Type", "text/event-stream" if stream and status == 200 else "application/json"))
        else:
            data = json.dumps(body).encode()
            content_type = headers.pop("content-type", headers.pop("Content-Type", "application/json"))
        framing = step.get("framing", "length")
        cut_at = step.get("cut_after_bytes")
        self.start(status, content_type, headers, framing, len(data) if framing == "length" else None)
        if cut_at is not None:
            self.write(data[:int(cut_at)], framing, step.get("split_bytes"))
            return self.cut()
        self.write(data, framing if framing == "chunked" else "plain", step.get("split_bytes"))
        self.finish_body(framing)
        if framing == "close":
            self.cut()

    def answer(self, kind, step, body, stream, index):
        model = body.get("model", "fake-model")
        usage = default_usage(step, body)
        headers = {"x-request-id" if kind != "anthropic" else "request-id": "req_fake_%d" % index}
        headers.update(step.get("headers") or {})
        if kind == "responses" and body.get("background") and not stream:
            resp_id = "resp_fake_%d" % index
            final = responses_object(step, usage, resp_id, model)
            self.server.script.background[resp_id] = {"final": final, "pending": int(step.get("poll_pending", 1))}
            return self.send_json(200, dict(final, status="queued", output=[], usage=None, incomplete_details=None), headers)
        if kind == "responses":
            rendered = render_responses(step, usage, model, stream, "resp_fake_%d" % index)
            error_items = responses_error_event(step.get("error_mid_stream") or {})
        elif kind == "chat":
            rendered = render_chat(step, usage, model, stream, body)
            error_items = chat_error_event(step.get("error_mid_stream") or {})
        else:
            rendered = render_anthropic(step, usage, model, stream, body)
            error_items = anthropic_error_event(step.get("error_mid_stream") or {})

        if not stream:
            data = json.dumps(rendered).encode()
            self.start(200, "application/json", headers, "length", len(data))
            if step.get("cut_after") is not None:
                self.write(data[:len(data) // 2], "plain")
                return self.cut()
            self.write(data, "plain", step.get("split_bytes"))
            return
        self.stream_items(rendered, error_items, step, headers)

    def stream_items(self, items, error_items, step, headers):
        framing = step.get("framing", "chunked")
        if framing not in ("chunked", "close"):
            framing = "chunked"
        self.start(200, "text/event-stream; charset=utf-8", dict({"Cache-Control": "no-cache"}, **headers), framing)
        eol = "\r\n" if step.get("crlf") else "\n"
        split = step.get("split_bytes")
        delta_count = sum(1 for item in items if item[0] == "delta_mark")
        deltas = 0
        stall_after = step.get("stall_after", 0)
        cut_after = step.get("cut_after")
        error_after = delta_count // 2 if step.get("error_mid_stream") is not None else None
        event_delay = float(step.get("event_delay_s", 0) or 0)

        def maybe_pause():
            if step.get("stall_s") and deltas == stall_after and not maybe_pause.done:
                maybe_pause.done = True
                time.sleep(float(step["stall_s"]))
        maybe_pause.done = False

        def send_event(name, data):
            payload = data if isinstance(data, str) else json.dumps(data)
            text = ""
            if step.get("keepalive"):
                text += ": keep-alive" + eol + eol
            if name:
                text += "event: " + name + eol
            text += "data: " + payload + eol + eol
            self.write(text.encode("utf-8"), framing, split)
            if event_delay:
                time.sleep(event_delay)

        maybe_pause()
        for item in items:
            if item[0] == "delta_mark":
                if cut_after is not None and deltas == int(cut_after):
                    return self.cut()
                if error_after is not None and deltas == error_after:
                    for _, name, data in error_items:
                        send_event(name, data)
                    self.finish_body(framing)
                    return self.cut() if framing == "close" else None
                deltas += 1
                continue
            if item[0] == "error_mark":
                if cut_after is not None and deltas <= int(cut_after):
                    return self.cut()
                if error_after is not None:
                    for _, name, data in error_items:
                        send_event(name, data)
                    self.finish_body(framing)
                    return self.cut() if framing == "close" else None
                continue
            _, name, data = item
            send_event(name, data)
            maybe_pause()
        self.finish_body(framing)
        if framing == "close":
            self.cut()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description="fake model server for git-oneshot tests")
    parser.add_argument("--script", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log")
    args = parser.parse_args()
    with open(args.script, encoding="utf-8") as f:
        steps = json.load(f)
    if not isinstance(steps, list):
        sys.exit("script must be a JSON list of steps")
    server = Server(("127.0.0.1", 0), Handler)
    server.script = Script(steps)
    server.log = Log(args.log)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
