# bash completion for git-oneshot. git's own completion calls _git_oneshot for `git oneshot ...`
# (loading this file on demand as "git-oneshot"); `git-oneshot ...` is completed directly too.
# Self-contained: only compgen, so it also works without git's helpers.

_git_oneshot ()
{
	local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
	local commands="run context apply batch help"
	local common="--model --provider --base-url --effort --answer-format --localize --no-syntax-gate --attempts --candidates
		--no-stream --background --timeout --idle-timeout --record --replay --budget --base
		--test-cmd --test-timeout --test-retries --no-test --sandbox --no-sandbox --test-network --allow-dependency-changes --json --output --no-branch --quiet --help"
	local batch="--jobs --report --summary --resume --shard --max-cost --max-tasks --merge-reports"

	# The subcommand: the first word after "oneshot" (or after git-oneshot) not starting with '-'.
	local i command="" start=1
	[[ "${COMP_WORDS[0]}" == git ]] && start=2
	for ((i = start; i < COMP_CWORD; i++)); do
		case "${COMP_WORDS[i]}" in
		run|context|apply|batch|help) command="${COMP_WORDS[i]}"; break ;;
		esac
	done

	case "$prev" in
	--provider) COMPREPLY=($(compgen -W "openai openai-chat anthropic" -- "$cur")); return ;;
	--effort) COMPREPLY=($(compgen -W "low medium high" -- "$cur")); return ;;
	--answer-format) COMPREPLY=($(compgen -W "json text" -- "$cur")); return ;;
	--output|--report|--summary|--record|--replay|--include) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--base) COMPREPLY=($(compgen -W "$(git for-each-ref --format='%(refname:short)' 2>/dev/null) HEAD" -- "$cur")); return ;;
	esac

	if [[ -z "$command" && "$cur" != -* ]]; then
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		return
	fi
	case "$command" in
	batch)
		if [[ "$cur" == -* ]]; then
			COMPREPLY=($(compgen -W "$batch $common" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -X '!*.jsonl' -- "$cur") $(compgen -d -- "$cur"))
		fi ;;
	apply)
		if [[ "$cur" == -* ]]; then
			COMPREPLY=($(compgen -W "--check --allow-git-files $common" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	*)
		COMPREPLY=($(compgen -W "--include $common" -- "$cur")) ;;
	esac
}

complete -o bashdefault -o default -F _git_oneshot git-oneshot 2>/dev/null
