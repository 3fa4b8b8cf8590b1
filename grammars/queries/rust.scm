; git-oneshot additions to tree-sitter-rust's tags.scm: constants, statics, enum variants, fields,
; and type and path references.

(const_item name: (identifier) @name) @definition.constant

(static_item name: (identifier) @name) @definition.constant

(enum_variant name: (identifier) @name) @definition.constant

(field_declaration name: (field_identifier) @name) @definition.field

(type_identifier) @name @reference.type

(scoped_identifier name: (identifier) @name) @reference.call

(field_expression field: (field_identifier) @name) @reference.field
