; git-oneshot additions to tree-sitter-typescript's tags.scm, which tags only signatures,
; interfaces and modules: functions, classes, methods, arrow-function constants, type aliases,
; enums, exported constants, calls and type references. (Same file for tsx.)

(
  (comment)* @doc
  .
  [(function_declaration name: (identifier) @name)
   (generator_function_declaration name: (identifier) @name)] @definition.function
  (#strip! @doc "^[\\s\\*/]+|^[\\s\\*/]$")
  (#select-adjacent! @doc @definition.function)
)

(
  (comment)* @doc
  .
  (class_declaration name: (type_identifier) @name) @definition.class
  (#strip! @doc "^[\\s\\*/]+|^[\\s\\*/]$")
  (#select-adjacent! @doc @definition.class)
)

(
  (comment)* @doc
  .
  (method_definition name: (property_identifier) @name) @definition.method
  (#not-eq? @name "constructor")
  (#strip! @doc "^[\\s\\*/]+|^[\\s\\*/]$")
  (#select-adjacent! @doc @definition.method)
)

(variable_declarator
  name: (identifier) @name
  value: [(arrow_function) (function_expression)]) @definition.function

(program (lexical_declaration (variable_declarator name: (identifier) @name) @definition.constant))

(program (export_statement (lexical_declaration (variable_declarator name: (identifier) @name) @definition.constant)))

(public_field_definition name: (property_identifier) @name) @definition.field

(type_alias_declaration name: (type_identifier) @name) @definition.type

(enum_declaration name: (identifier) @name) @definition.type

(pair key: (property_identifier) @name value: [(arrow_function) (function_expression)]) @definition.function

(
  (call_expression function: (identifier) @name) @reference.call
  (#not-match? @name "^(require)$")
)

(call_expression function: (member_expression property: (property_identifier) @name)) @reference.call

(type_identifier) @name @reference.type

(import_specifier name: (identifier) @name) @reference.import
