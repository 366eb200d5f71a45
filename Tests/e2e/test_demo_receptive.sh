# The receptive field demo in a real terminal: `convlab demo receptive`.

test_demo_receptive_grows_the_field_layer_by_layer() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo receptive --layers 2 --kernel 3; echo EXIT=\$?"
    tmux_keys Enter
    # Two 3×3 convs see 1 + 2 + 2 = 5 input pixels, with 18 weights against a 5×5 conv's 25.
    expect_screen "2  conv 3×3      5 = 3 + (3 − 1)·1             1 = 1·1          3×3" || return 1
    expect_screen "this stack: 3·3 + 3·3 = 18 weights per channel pair"
    expect_screen "one 5×5 conv, the same 5×5 field: 5·5 = 25 weights per channel pair"
    # 1 adds a third 3×3 conv: field 7, 27 against 49.
    tmux_type "1"
    expect_screen "3  conv 3×3      7 = 5 + (3 − 1)·1"
    expect_screen "one 7×7 conv, the same 7×7 field: 7·7 = 49 weights per channel pair"
    # S: the top layer strides 2, which doubles the jump.
    tmux_type "S"
    expect_screen "3  conv 3×3 s2   7 = 5 + (3 − 1)·1             2 = 1·2"
    tmux_type "x"
    expect_screen "field 5×5"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

# Stacks whose smallest exact input is above 40 (they trapped drawing the grids): the input is
# worked down from the top map, 127×127 for six 3×3 stride-2 convs, and the demo draws.
test_demo_receptive_draws_stacks_with_large_inputs() {
    local layers kernel stride first
    for stack in "6 3 2 127" "5 3 3 243" "3 7 3 79"; do
        read -r layers kernel stride first <<<"$stack"
        tmux_start 80 24
        tmux_type "\"$CONVLAB\" demo receptive --layers $layers --kernel $kernel --stride $stride; echo EXIT=\$?"
        tmux_keys Enter
        expect_screen "input ${first}×${first} → conv ${kernel}×${kernel} s${stride}" || return 1
        expect_screen "sees ${first}×${first}"
        tmux_keys Right Down Tab K S
        expect_screen "layer "
        tmux_type "q"
        expect_screen "EXIT=0"
        [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
        tmux_stop
    done
}
