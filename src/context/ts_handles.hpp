// RAII owners for tree-sitter handles: every parser, tree, query and cursor is freed exactly once.
#pragma once

#include <tree_sitter/api.h>

#include <memory>

namespace oneshot::context {

struct TsParserDeleter { void operator()(TSParser* p) const { ts_parser_delete(p); } };
struct TsTreeDeleter { void operator()(TSTree* t) const { ts_tree_delete(t); } };
struct TsQueryDeleter { void operator()(TSQuery* q) const { ts_query_delete(q); } };
struct TsQueryCursorDeleter { void operator()(TSQueryCursor* c) const { ts_query_cursor_delete(c); } };

using TsParser = std::unique_ptr<TSParser, TsParserDeleter>;
using TsTree = std::unique_ptr<TSTree, TsTreeDeleter>;
using TsQuery = std::unique_ptr<TSQuery, TsQueryDeleter>;
using TsQueryCursor = std::unique_ptr<TSQueryCursor, TsQueryCursorDeleter>;

} // namespace oneshot::context
