; git-oneshot additions to tree-sitter-java's tags.scm: constructors, enums, records, fields and
; constants, annotation types, and type references.

(constructor_declaration name: (identifier) @name) @definition.method

(enum_declaration name: (identifier) @name) @definition.class

(record_declaration name: (identifier) @name) @definition.class

(annotation_type_declaration name: (identifier) @name) @definition.interface

(enum_constant name: (identifier) @name) @definition.constant

(field_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.field

(type_identifier) @name @reference.type

(field_access field: (identifier) @name) @reference.field
