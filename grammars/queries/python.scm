; git-oneshot additions to tree-sitter-python's tags.scm: class attributes and constants, imports
; and type references.

(class_definition
  body: (block (expression_statement (assignment left: (identifier) @name) @definition.constant)))

(import_from_statement name: (dotted_name (identifier) @name) @reference.import)

(decorator (identifier) @name) @reference.call

(type (identifier) @name) @reference.type
