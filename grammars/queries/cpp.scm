; git-oneshot additions to tree-sitter-cpp's tags.scm: macros, enumerators, namespaces, aliases,
; and references (calls, types), which upstream does not tag.

(preproc_def name: (identifier) @name) @definition.macro

(preproc_function_def name: (identifier) @name) @definition.macro

(enumerator name: (identifier) @name) @definition.constant

(namespace_definition name: (namespace_identifier) @name) @definition.module

(alias_declaration name: (type_identifier) @name) @definition.type

(field_declaration declarator: (field_identifier) @name) @definition.field

(call_expression function: (identifier) @name) @reference.call

(call_expression function: (field_expression field: (field_identifier) @name)) @reference.call

(call_expression function: (qualified_identifier name: (identifier) @name)) @reference.call

(type_identifier) @name @reference.type
