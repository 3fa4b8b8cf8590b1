; git-oneshot tags for bash (tree-sitter-bash ships none): functions, variables, commands.

(function_definition name: (word) @name) @definition.function

(program (variable_assignment name: (variable_name) @name) @definition.variable)

(command name: (command_name (word) @name)) @reference.call
