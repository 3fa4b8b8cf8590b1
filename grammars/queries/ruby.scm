; git-oneshot additions to tree-sitter-ruby's tags.scm: constants and attribute accessors.

(assignment left: (constant) @name) @definition.constant

(call
  method: (identifier) @ignore
  arguments: (argument_list (simple_symbol) @name) @definition.method
  (#match? @ignore "^attr_(reader|writer|accessor)$"))
