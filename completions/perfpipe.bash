# perfpipe.bash - bash completion for perfpipe's programs.  `ninja
# install` puts a copy under each program's name in
# $PREFIX/share/bash-completion/completions/, where bash-completion loads
# it on first use; or source it from ~/.bashrc.
#
# The options come from the program itself (its --help), so they never
# fall behind it; the values of options that take a column (perf-trend
# --by, -m, --higher-is-better; perf-bottleneck -t, --budget) come from the
# header of the CSV files already on the command line; --format and
# --fail-on values from the usage line.  It needs nothing but bash.

# The programs it completes: build.ninja's `progs` (tests/completion.bats
# keeps the two lists the same).
_perfpipe_progs="perf-sample perf-time perf-trend perf-bottleneck perf-validate perf-import perf-report"

# _perfpipe_options PROG: sets _pp_opts to PROG's options and _pp_args to
# those that take an argument (" -o --output ... "), from its --help: in
# an option line ("  -o, --output FILE  ..."), options followed by an
# upper-case word take one; in the usage line, "[--fail-on regression]".
_perfpipe_options() {
	local line w o pending usage=1
	local re='^[(]?(--?[A-Za-z][A-Za-z0-9-]*)(\[=[^]]*\])?[,)]?$'
	local -a ws
	_pp_opts=" " _pp_args=" "
	while IFS= read -r line; do
		# The usage: its first line and those indented under it.
		[[ $line == usage:* || $line =~ ^[[:space:]]+[^-[:space:]] ]] || usage=
		if [[ -n $usage ]]; then
			while [[ $line =~ \[(--?[A-Za-z][A-Za-z0-9-]*)\ [A-Za-z[](.*) ]]; do
				_pp_args+="${BASH_REMATCH[1]} "
				line=${BASH_REMATCH[2]}
			done
			continue
		fi
		# Any long option the text names ("--summary: one even when").
		w=$line
		while [[ $w =~ (^|[^a-z-])(--[a-z][a-z0-9-]*)(.*) ]]; do
			[[ $_pp_opts == *" ${BASH_REMATCH[2]} "* ]] ||
				_pp_opts+="${BASH_REMATCH[2]} "
			w=${BASH_REMATCH[3]}
		done
		[[ $line =~ ^[[:space:]]+- ]] || continue
		read -ra ws <<<"$line"
		pending=
		for w in "${ws[@]}"; do
			# "-o,", "--output", "--complexity[=COL]", "(--command-name)"
			if [[ $w =~ $re ]]; then
				o=${BASH_REMATCH[1]}
				[[ $_pp_opts == *" $o "* ]] || _pp_opts+="$o "
				pending+="$o "
			elif [[ -n $pending && $w =~ ^[A-Z][A-Z0-9_]*([=,.].*)?$ ]]; then
				_pp_args+=$pending
				pending=
			else
				pending=
			fi
		done
	done < <("$1" --help 2>/dev/null)
}

# _perfpipe_choices PROG OPT...: the words the usage line gives for an
# option, as in "[-f json|csv|text]" or "[--fail-on warn|fail]".
_perfpipe_choices() {
	local prog=$1 usage o
	shift
	usage=$("$prog" --help 2>/dev/null | sed -n '1,/^$/p')
	for o in "$@"; do
		[[ $usage =~ \[$o\ ([a-z]+(\|[a-z]+)*)\] ]] || continue
		echo "${BASH_REMATCH[1]//|/ }"
		return
	done
}

# _perfpipe_columns KIND WORD...: the columns of the CSV files among the
# words (read from their header): KIND metric, the columns that hold a
# number in the first row; key, the others and param_*; any, all.
_perfpipe_columns() {
	local kind=$1 w h r i
	local -a hs rs
	shift
	for w in "$@"; do
		[[ -f $w && -r $w && $w != -* ]] || continue
		{ IFS= read -r h; IFS= read -r r; } < "$w" 2>/dev/null || [[ -n $h ]] || continue
		h=${h//\"/}
		IFS=, read -ra hs <<<"$h"
		IFS=, read -ra rs <<<"$r"
		for i in "${!hs[@]}"; do
			case $kind in
			metric) [[ -z $r || ${rs[i]} =~ ^-?[0-9.]+([eE][-+]?[0-9]+)?$ ]] || continue ;;
			key) [[ -z $r || ${hs[i]} == param_* ||
				! ${rs[i]} =~ ^-?[0-9.]+([eE][-+]?[0-9]+)?$ ]] || continue ;;
			esac
			echo "${hs[i]}"
		done
	done | sort -u
}

# _perfpipe_reply WORDS CUR [SUFFIX]: COMPREPLY from WORDS matching the
# last comma-separated part of CUR, the earlier parts kept.
_perfpipe_reply() {
	local words=$1 cur=$2 suffix=${3:-} head='' w
	if [[ $cur == *,* ]]; then
		head=${cur%,*},
		cur=${cur##*,}
	fi
	COMPREPLY=()
	for w in $words; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("$head$w$suffix")
	done
}

_perfpipe() {
	local prog=${COMP_WORDS[0]##*/} cur=${COMP_WORDS[COMP_CWORD]} opt='' i
	local -a files=()
	_perfpipe_options "${COMP_WORDS[0]}"
	# The option whose value is being typed: "-o FILE", "--by COL", and
	# "--by=COL" (bash splits at '=': "--by" "=" "COL").
	if [[ $cur == = ]]; then
		opt=${COMP_WORDS[COMP_CWORD - 1]} cur=
	elif ((COMP_CWORD >= 2)) && [[ ${COMP_WORDS[COMP_CWORD - 1]} == = ]]; then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif ((COMP_CWORD >= 1)) && [[ $_pp_args == *" ${COMP_WORDS[COMP_CWORD - 1]} "* ]]; then
		opt=${COMP_WORDS[COMP_CWORD - 1]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*} cur=${cur#*=}
	fi
	# The files named so far, for their columns; and "--": a command.
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == -- ]]; then
			if ((i == COMP_CWORD - 1)); then
				mapfile -t COMPREPLY < <(compgen -c -- "$cur" | sort -u)
			else
				mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			fi
			return
		fi
		files+=("${COMP_WORDS[i]}")
	done
	COMPREPLY=()
	case $prog:$opt in
	*:) ;;
	*:-f | *:--format | *:--fail-on)
		_perfpipe_reply "$(_perfpipe_choices "${COMP_WORDS[0]}" -f --format "$opt" "--$opt")" "$cur"
		[[ $opt == --fail-on ]] && _perfpipe_reply "$(_perfpipe_choices "${COMP_WORDS[0]}" --fail-on)" "$cur"
		return ;;
	perf-trend:--by)
		_perfpipe_reply "$(_perfpipe_columns key "${files[@]}")" "$cur"
		return ;;
	perf-trend:-c | perf-trend:--compare)
		# COL=A,B: the column, then the '=' without a space.
		if [[ $cur != *=* ]]; then
			_perfpipe_reply "$(_perfpipe_columns key "${files[@]}")" "$cur" =
			compopt -o nospace 2> /dev/null
		fi
		return ;;
	perf-trend:--complexity)
		_perfpipe_reply "$(_perfpipe_columns key "${files[@]}" | grep '^param_')" "$cur"
		return ;;
	perf-trend:-m | perf-trend:--metric | perf-trend:--higher-is-better | perf-trend:--x)
		_perfpipe_reply "$(_perfpipe_columns metric "${files[@]}")" "$cur"
		return ;;
	perf-trend:--forecast | perf-bottleneck:-t | perf-bottleneck:--threshold | perf-bottleneck:--budget)
		# METRIC=...: the metric, then the '=' without a space.
		if [[ $cur != *=* ]]; then
			_perfpipe_reply "$(_perfpipe_columns metric "${files[@]}")" "$cur" =
			compopt -o nospace 2> /dev/null
		fi
		return ;;
	perf-sample:-p | perf-sample:--pid)
		mapfile -t COMPREPLY < <(compgen -W "$(cd /proc && echo [0-9]*)" -- "$cur")
		return ;;
	perf-time:--style)
		_perfpipe_reply "none basic full nocolor color" "$cur"
		return ;;
	perf-time:--measure)
		_perfpipe_reply "auto cgroup rusage" "$cur"
		return ;;
	perf-time:--interleave)
		_perfpipe_reply "alternate shuffle" "$cur"
		return ;;
	*:--root | *:--schemas)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return ;;
	*:-o | *:--output | *:--append | *:-b | *:--baseline | *:--junit | \
	*:-T | *:--thresholds | *:--calibration | *:--calibration-out | \
	*:--input | *:--export-*)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	*)
		# A value perfpipe cannot guess (a number, a command): none.
		[[ $opt == --*=* || $_pp_args == *" $opt "* ]] && return ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$_pp_opts" -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
}

# shellcheck disable=SC2086
complete -F _perfpipe $_perfpipe_progs
