# bash completion for adpa: commands, options and their values, fiche ids,
# rubric ids and learner names. adpa itself answers (adpa __complete reads the
# same option table as the parser), so this file never needs to change when a
# command or an option is added. Installed as
# $datadir/bash-completion/completions/adpa.

_adpa() {
    local cur=${COMP_WORDS[COMP_CWORD]} IFS=$'\n' line
    local -a out
    out=($(command "${COMP_WORDS[0]}" __complete "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null))
    COMPREPLY=()
    case ${out[0]-} in
    :file)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur")) ;;
    :dir)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -d -- "$cur")) ;;
    *)
        # learner names may hold spaces or quotes: offer them quoted
        for line in "${out[@]}"; do
            COMPREPLY+=("$(printf '%q' "$line")")
        done ;;
    esac
}
complete -F _adpa adpa
