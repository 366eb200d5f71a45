#!/usr/bin/env bash
# Runs every end-to-end test in Tests/e2e/test_*.sh against a built binary.
# Usage: Tests/e2e/run.sh PATH/TO/convlab [NAME-FILTER]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
CONVLAB="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
filter="${2:-}"
export CONVLAB
E2E_HOME="$(mktemp -d)"
export E2E_HOME
trap 'tmux kill-session -t "convlab-e2e-$$" 2>/dev/null; rm -rf "$E2E_HOME"' EXIT
# shellcheck source=lib.sh
source "$here/lib.sh"

passed=0
failed=0
for file in "$here"/test_*.sh; do
    # shellcheck disable=SC1090
    source "$file"
done
for test in $(declare -F | awk '{print $3}' | grep '^test_' | sort); do
    case "$test" in *"$filter"*) ;; *) continue ;; esac
    echo "e2e: $test"
    # Each test runs in a subshell; it fails if any expectation failed or it returned non-zero.
    ( cd "$E2E_HOME" && "$test"; status=$?; [ "$E2E_FAILURES" -eq 0 ] || exit 1; exit $status )
    status=$?
    tmux_stop
    if [ $status -ne 0 ]; then
        echo "e2e: $test FAILED"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
done
echo "e2e: $passed passed, $failed failed"
[ $failed -eq 0 ]
