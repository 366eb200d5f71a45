# The architecture demos in a real terminal: `convlab demo vgg16` and `convlab demo arch`.

test_demo_vgg16_counts_and_scrolls() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo vgg16; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "FC layers: 123,642,856 of 138,357,544 = 89.4%" || return 1
    expect_screen "vgg16: input 224×224×3 (H×W×C) → 1000 · 37 layers · 138,357,544 parameters"
    expect_screen "layer 0 conv 64 3x3 pad 1: 224×224×3 → 224×224×64 · (3·3·3+1)·64 = 1,792"
    tmux_type "G"
    expect_screen "layer 36 linear 1000: 4096 → 1000 · (4,096+1)·1000 = 4,097,000"
    expect_screen "36 linear 1000"
    tmux_type "v"
    expect_screen "parameters (linear scale, v toggles)"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_demo_arch_reads_a_spec_and_reports_its_errors() {
    E2E_ENV="NO_COLOR=1" tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo arch --spec 'input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | flatten | linear 10'; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "spec: input 28×28×1 (H×W×C) → 10 · 5 layers · 15,770 parameters" || return 1
    tmux_keys Down
    expect_screen "layer 1 relu: 28×28×8 → 28×28×8 · no parameters"
    tmux_type "q"
    expect_screen "EXIT=0"
    tmux_type "\"$CONVLAB\" demo arch --spec 'input 28x28x1 | maxpol 2'; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "column 17: expected a layer name" || return 1
    expect_screen "EXIT=1"
}
