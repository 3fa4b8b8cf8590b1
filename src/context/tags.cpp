#include "context/tags.hpp"

#include "context/query_predicates.hpp"
#include "context/ts_handles.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>

namespace oneshot::context {

namespace {

enum class Role { none, name, doc, definition, reference };

struct CompiledQuery {
    TsQuery query;
    std::vector<PatternPredicates> predicates;
    std::vector<Role> roles;            // per capture id
    std::vector<std::string> kinds;     // per capture id: "function" of "definition.function"
};

Result<const CompiledQuery*> compiled_query(const Grammar& grammar)
{
    static std::mutex mutex;
    static std::map<const Grammar*, std::unique_ptr<CompiledQuery>> cache;
    std::lock_guard lock(mutex);
    auto& slot = cache[&grammar];
    if (slot) return slot.get();
    std::uint32_t error_offset = 0;
    TSQueryError error = TSQueryErrorNone;
    TsQuery query(ts_query_new(grammar.language(), grammar.tags_query.data(),
                               static_cast<std::uint32_t>(grammar.tags_query.size()), &error_offset, &error));
    if (!query) {
        return make_error(ErrorKind::internal, "tags query of grammar " + std::string(grammar.name) +
                                                   " does not compile (offset " + std::to_string(error_offset) + ")");
    }
    auto compiled = std::make_unique<CompiledQuery>();
    const std::uint32_t captures = ts_query_capture_count(query.get());
    compiled->roles.resize(captures, Role::none);
    compiled->kinds.resize(captures);
    for (std::uint32_t i = 0; i < captures; ++i) {
        std::uint32_t length = 0;
        const char* raw = ts_query_capture_name_for_id(query.get(), i, &length);
        const std::string_view name(raw, length);
        if (name == "name") compiled->roles[i] = Role::name;
        else if (name == "doc") compiled->roles[i] = Role::doc;
        else if (name.starts_with("definition.")) {
            compiled->roles[i] = Role::definition;
            compiled->kinds[i] = std::string(name.substr(11));
        } else if (name.starts_with("reference.")) {
            compiled->roles[i] = Role::reference;
            compiled->kinds[i] = std::string(name.substr(10));
        }
    }
    compiled->predicates = compile_predicates(query.get());
    compiled->query = std::move(query);
    slot = std::move(compiled);
    return slot.get();
}

// Node types that hold a sequence of definitions or statements: a definition's full extent is the
// outermost ancestor of its tagged node below one of these (so a C function_declarator grows into
// its function_definition, a Python function into its decorated_definition).
bool is_container(std::string_view type)
{
    static const std::set<std::string_view> kContainers{
        "translation_unit", "program", "module", "source_file", "compilation_unit", "compound_statement", "block",
        "statement_block", "declaration_list", "field_declaration_list", "class_body", "interface_body", "enum_body",
        "enum_body_declarations", "body_statement", "object", "object_type", "class", "namespace_definition",
        "linkage_specification", "preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "ERROR",
        "template_body", "impl_item", "trait_item", "mod_item", "do_block", "statement_list", "expression_statement",
        "arguments", "argument_list", "array", "interface_declaration", "class_declaration", "enum_declaration",
        "record_declaration", "struct_item", "enum_item", "annotation_type_body", "switch_body", "heredoc_body"};
    return kContainers.contains(type);
}

TSNode full_extent(TSNode node)
{
    for (int depth = 0; depth < 4; ++depth) {
        TSNode parent = ts_node_parent(node);
        if (ts_node_is_null(parent) || is_container(ts_node_type(parent))) break;
        node = parent;
    }
    return node;
}

// Ruby's (#is-not? local): a name assigned or taken as a parameter in the enclosing method or
// block is a local variable, not a call.
class RubyLocals {
public:
    RubyLocals(TSNode root, std::string_view source) : source_(source) { collect(root); }

    bool is_local(TSNode node, std::string_view name) const
    {
        for (TSNode scope = ts_node_parent(node); !ts_node_is_null(scope); scope = ts_node_parent(scope)) {
            if (!is_scope(ts_node_type(scope))) continue;
            auto it = locals_.find(ts_node_start_byte(scope));
            return it != locals_.end() && it->second.contains(std::string(name));
        }
        return false;
    }

private:
    static bool is_scope(std::string_view type)
    {
        return type == "method" || type == "singleton_method" || type == "block" || type == "do_block" ||
               type == "lambda" || type == "program" || type == "class" || type == "module";
    }

    void collect(TSNode root)
    {
        std::vector<std::pair<TSNode, std::uint32_t>> stack{{root, ts_node_start_byte(root)}};
        while (!stack.empty()) {
            auto [node, scope] = stack.back();
            stack.pop_back();
            const std::string_view type = ts_node_type(node);
            if (is_scope(type)) scope = ts_node_start_byte(node);
            if (type == "assignment" || type == "operator_assignment") {
                TSNode left = ts_node_child_by_field_name(node, "left", 4);
                if (!ts_node_is_null(left) && std::string_view(ts_node_type(left)) == "identifier") add(scope, left);
            } else if (type == "method_parameters" || type == "block_parameters" || type == "lambda_parameters") {
                const std::uint32_t n = ts_node_named_child_count(node);
                for (std::uint32_t i = 0; i < n; ++i) {
                    TSNode param = ts_node_named_child(node, i);
                    if (std::string_view(ts_node_type(param)) == "identifier") add(scope, param);
                    else if (ts_node_named_child_count(param) > 0) {
                        TSNode inner = ts_node_named_child(param, 0);
                        if (std::string_view(ts_node_type(inner)) == "identifier") add(scope, inner);
                    }
                }
            }
            const std::uint32_t n = ts_node_named_child_count(node);
            for (std::uint32_t i = 0; i < n; ++i) stack.emplace_back(ts_node_named_child(node, i), scope);
        }
    }

    void add(std::uint32_t scope, TSNode node)
    {
        locals_[scope].emplace(source_.substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node)));
    }

    std::string_view source_;
    std::unordered_map<std::uint32_t, std::set<std::string>> locals_;
};

struct Candidate {
    std::uint32_t pattern = UINT32_MAX;
    bool definition = false;
    std::string kind;
    TSNode name_node{};
    TSNode tagged_node{};
    std::string doc;
};

} // namespace

Result<FileTags> extract_tags(const Grammar& grammar, std::string_view source)
{
    auto compiled = compiled_query(grammar);
    if (!compiled) return compiled.take_error();
    const CompiledQuery& q = **compiled;

    TsParser parser(ts_parser_new());
    if (!ts_parser_set_language(parser.get(), grammar.language())) {
        return make_error(ErrorKind::internal, "grammar " + std::string(grammar.name) + " does not load");
    }
    // A pathological file must not stall the run; what was parsed by then is lost, not wrong.
    ts_parser_set_timeout_micros(parser.get(), 3'000'000);
    TsTree tree(ts_parser_parse_string(parser.get(), nullptr, source.data(), static_cast<std::uint32_t>(source.size())));
    FileTags tags;
    if (!tree) return tags;
    const TSNode root = ts_tree_root_node(tree.get());

    std::unique_ptr<RubyLocals> ruby_locals;
    auto is_local = [&](TSNode node, std::string_view name) {
        if (!ruby_locals) ruby_locals = std::make_unique<RubyLocals>(root, source);
        return ruby_locals->is_local(node, name);
    };
    auto text_of = [&](TSNode node) {
        return source.substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
    };

    TsQueryCursor cursor(ts_query_cursor_new());
    ts_query_cursor_exec(cursor.get(), q.query.get(), root);
    // One tag per name node: the match of the lowest pattern index wins.
    std::map<std::pair<std::uint32_t, std::uint32_t>, Candidate> by_name;
    TSQueryMatch match;
    std::vector<TSNode> docs;
    while (ts_query_cursor_next_match(cursor.get(), &match)) {
        const PatternPredicates& predicates = q.predicates[match.pattern_index];
        TSNode name{};
        TSNode tagged{};
        bool has_name = false;
        bool has_tag = false;
        Role role = Role::none;
        std::string_view kind;
        docs.clear();
        for (std::uint16_t i = 0; i < match.capture_count; ++i) {
            const TSQueryCapture& capture = match.captures[i];
            switch (q.roles[capture.index]) {
            case Role::name:
                name = capture.node;
                has_name = true;
                break;
            case Role::doc: docs.push_back(capture.node); break;
            case Role::definition:
            case Role::reference:
                tagged = capture.node;
                has_tag = true;
                role = q.roles[capture.index];
                kind = q.kinds[capture.index];
                break;
            default: break;
            }
        }
        if (!has_name || !has_tag) continue;
        if (!passes(predicates, match, text_of, is_local)) continue;
        const auto key = std::make_pair(ts_node_start_byte(name), ts_node_end_byte(name));
        auto [it, inserted] = by_name.try_emplace(key);
        Candidate& slot = it->second;
        if (!inserted && slot.pattern <= match.pattern_index) {
            if (slot.pattern == match.pattern_index && slot.doc.empty() && !docs.empty())
                slot.doc = shape_doc(predicates.doc, docs, tagged, source);
            continue;
        }
        slot.pattern = match.pattern_index;
        slot.definition = role == Role::definition;
        slot.kind = std::string(kind);
        slot.name_node = name;
        slot.tagged_node = tagged;
        slot.doc = docs.empty() ? std::string() : shape_doc(predicates.doc, docs, tagged, source);
    }

    for (auto& [key, c] : by_name) {
        std::string name(text_of(c.name_node));
        if (name.empty() || name.size() > 200) continue;
        const int name_line = static_cast<int>(ts_node_start_point(c.name_node).row) + 1;
        if (c.definition) {
            const TSNode extent = full_extent(c.tagged_node);
            Definition d;
            d.name = std::move(name);
            d.kind = std::move(c.kind);
            d.first_line = static_cast<int>(ts_node_start_point(extent).row) + 1;
            d.last_line = static_cast<int>(ts_node_end_point(extent).row) + 1;
            if (ts_node_end_point(extent).column == 0 && d.last_line > d.first_line) --d.last_line;
            d.name_line = name_line;
            d.doc = std::move(c.doc);
            tags.definitions.push_back(std::move(d));
        } else {
            tags.references.push_back(Reference{std::move(name), name_line});
        }
    }
    return tags;
}

} // namespace oneshot::context
