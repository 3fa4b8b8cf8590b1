; git-oneshot additions to tree-sitter-javascript's tags.scm: top-level constants and class
; fields, exported names, imports.

(program (lexical_declaration (variable_declarator name: (identifier) @name) @definition.constant))

(program (export_statement (lexical_declaration (variable_declarator name: (identifier) @name) @definition.constant)))

(field_definition property: (property_identifier) @name) @definition.field

(export_specifier name: (identifier) @name) @reference.export

(import_specifier name: (identifier) @name) @reference.import

(member_expression property: (property_identifier) @name) @reference.property
