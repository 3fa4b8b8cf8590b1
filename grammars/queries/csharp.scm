; git-oneshot additions to tree-sitter-c-sharp's tags.scm: constructors, properties, fields,
; enums, records, and type references.

(constructor_declaration name: (identifier) @name) @definition.method

(property_declaration name: (identifier) @name) @definition.field

(field_declaration (variable_declaration (variable_declarator (identifier) @name))) @definition.field

(enum_declaration name: (identifier) @name) @definition.type

(enum_member_declaration name: (identifier) @name) @definition.constant

(record_declaration name: (identifier) @name) @definition.class

(invocation_expression function: (identifier) @name) @reference.call
