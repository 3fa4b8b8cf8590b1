; git-oneshot additions to tree-sitter-go's tags.scm: constants, package variables, struct fields,
; interface methods, and selector references.

(const_spec name: (identifier) @name) @definition.constant

(source_file (var_declaration (var_spec name: (identifier) @name) @definition.variable))

(field_declaration name: (field_identifier) @name) @definition.field

(method_elem name: (field_identifier) @name) @definition.method

(selector_expression field: (field_identifier) @name) @reference.field
