; git-oneshot additions to tree-sitter-c's tags.scm: macros, enumerators, globals, and references
; (upstream has none), so the symbol graph links C files that call each other.

(preproc_def name: (identifier) @name) @definition.macro

(preproc_function_def name: (identifier) @name) @definition.macro

(enumerator name: (identifier) @name) @definition.constant

(translation_unit
  (declaration declarator: (init_declarator declarator: (identifier) @name)) @definition.variable)

(call_expression function: (identifier) @name) @reference.call

(call_expression function: (field_expression field: (field_identifier) @name)) @reference.call

(type_identifier) @name @reference.type

(struct_specifier name: (type_identifier) @name !body) @reference.type
