# Shared by the trainer tests (sourced): TAP output and the checks they use.
# Each test script sets adpa (the binary) and tmp (its temporary directory).
n=0 failed=0

result() { # ok|fail NAME [DETAIL-FILE]
    n=$((n + 1))
    if [ "$1" = ok ]; then echo "ok $n - $2"; else
        failed=$((failed + 1)); echo "not ok $n - $2"
        [ -n "${3:-}" ] && sed 's/^/# /' "$3" | head -40
    fi
}

run() { # run RC NAME -- CMD...: runs it (stdout in $tmp/out, stderr in $tmp/err), checks the status
    local want=$1 name=$2; shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ "$rc" -eq "$want" ]; then result ok "$name: exit $want"; else
        { echo "exit $rc, want $want"; cat "$tmp/err"; } >"$tmp/why"
        result fail "$name: exit $want" "$tmp/why"; fi
}

has() { # has STREAM PATTERN NAME (grep -E)
    if grep -Eq -- "$2" "$tmp/$1"; then result ok "$3"; else result fail "$3" "$tmp/$1"; fi
}

hasnot() { # hasnot STREAM PATTERN NAME
    if grep -Eq -- "$2" "$tmp/$1"; then result fail "$3" "$tmp/$1"; else result ok "$3"; fi
}

py() { # py NAME SCRIPT ARGS...: a Python check; its stderr explains a failure
    local name=$1 script=$2; shift 2
    if python3 -c "$script" "$@" 2>"$tmp/why"; then result ok "$name"; else result fail "$name" "$tmp/why"; fi
}

finish() { echo "1..$n"; [ "$failed" -eq 0 ]; }
