# The lesson commands: lessons check/list/export and the plain quiz.

LESSONS_SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../lessons" && pwd)"

test_lessons_check_passes_on_the_course() {
    local out status
    out=$("$CONVLAB" lessons check 2>&1); status=$?
    expect_equal "$status" 0 "exit status of lessons check (built-in course)"
    expect_contains "$out" "OK: 15 lessons" "lessons check"
    out=$("$CONVLAB" lessons check "$LESSONS_SOURCE" 2>&1); status=$?
    expect_equal "$status" 0 "exit status of lessons check DIR"
}

test_lessons_check_fails_on_a_broken_copy_with_file_and_line() {
    cp -r "$LESSONS_SOURCE" broken
    # A wrong parameter count (the engine says 1,792) and a misspelt key.
    sed -i 's/      answer: 1,792$/      answer: 1,793/' broken/08-conv-layers.yaml
    sed -i 's/^summary:/sumary:/' broken/09-pooling.yaml
    local out status
    out=$("$CONVLAB" lessons check broken 2>&1); status=$?
    expect_equal "$status" 1 "exit status of lessons check on a broken copy"
    expect_contains "$out" "broken/08-conv-layers.yaml:" "problem location"
    expect_contains "$out" "answer 1,793 disagrees with the derived 1,792 (parameters: (3·3·3 + 1)·64 = 1,792)" "derived answer message"
    expect_contains "$out" "broken/09-pooling.yaml:3: unknown key 'sumary' in the lesson; did you mean 'summary'?" "unknown key message"
}

test_quiz_plain_judges_answers_and_records_progress() {
    local out
    # seven-by-three (5x5, right), same-padding-five (3, wrong), formula-any (skipped),
    # stride-four (right, spaced and with ×), stride-three (does not tile, right).
    out=$(printf '5x5\n3\nskip\n55 × 55 × 96\ndoes not tile\n' | XDG_STATE_HOME="$E2E_HOME/state" "$CONVLAB" quiz output-size --plain) \
        || fail "quiz exited $?"
    expect_contains "$out" "[1/12] A 7×7 image" "first prompt"
    expect_contains "$out" "correct: The kernel fits at 7 − 3 + 1 = 5 positions" "first answer"
    expect_contains "$out" "incorrect (the answer is 2): (5 − 1)/2 = 2" "second answer"
    expect_contains "$out" "skipped; the answer is" "skip"
    expect_contains "$out" "Score: 3/12 correct" "score line"
    expect_contains "$(cat "$E2E_HOME/state/convlab/progress.json")" '"seven-by-three"' "saved progress"
    out=$(XDG_STATE_HOME="$E2E_HOME/state" "$CONVLAB" lessons list) || fail "lessons list exited $?"
    expect_contains "$out" "output-size" "lessons list"
    expect_contains "$(printf '%s\n' "$out" | grep '^output-size')" "3/12" "progress mark"
}

test_quiz_plain_hints_and_early_end() {
    local out
    out=$(printf 'hint\nhint\nhint\n5x5\n' | XDG_STATE_HOME="$E2E_HOME/state" "$CONVLAB" quiz output-size --plain) \
        || fail "quiz exited $?"
    expect_contains "$out" "hint 1/2: How many positions can the kernel's left edge take along one row?" "hint"
    expect_contains "$out" "no more hints" "second hint"
    expect_contains "$out" "Score: 1/12 correct (input ended early)" "score after end of input"
}

test_quiz_unknown_lesson_is_one_line() {
    local out status
    out=$("$CONVLAB" quiz outptu-size --plain 2>&1); status=$?
    expect_equal "$status" 1 "exit status for an unknown lesson"
    expect_contains "$out" "did you mean 'output-size'?" "suggestion"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines in the error"
}

test_lessons_export_json_has_derived_answers() {
    local out
    out=$("$CONVLAB" lessons export --json) || fail "export exited $?"
    expect_contains "$out" '"answer" : "138,357,544"' "VGG16 total in export"
    expect_contains "$out" '"working" : "(3·3·3 + 1)·64 = 1,792"' "working in export"
}
