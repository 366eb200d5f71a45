// Written by lessons/embed.sh from lessons/09-pooling.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_09_pooling = #"""
id: pooling
title: Pooling
summary: Cheap downsampling with no weights at all, and a first taste of shift invariance.
steps:
  - text: |
      After a few convolutions you usually want smaller maps. **Pooling** shrinks them without
      adding a single learnable parameter.

      - **Max pooling** keeps the largest value in each window: if a feature fired strongly
        anywhere in that region, the signal survives.
      - **Average pooling** keeps the mean: gentler, it smooths instead of picking.

      The usual setting is a 2×2 window with stride 2, which halves the height and the width.
      Pooling works on every channel separately, so **the depth does not change**: a
      224×224×64 volume becomes 112×112×64.
  - demo: pool
    image: checkerboard
    mode: max
    kernel: 2
    caption: Switch between max and average and compare the two outputs.
    goal:
      text: Choose a window (k/K) and a stride (s/S) so that the 8×8 map pools to 3×3.
      when: {output: 3}
  - exercise:
      id: pool-vgg-block
      kind: shape
      fixed: the notes' own 224×224×64 example
      prompt: A 224×224×64 volume goes through 2×2 max pooling with stride 2. What comes out?
      answer: 112x112x64
      derive:
        pooled-shape: {input: 224x224x64, kernel: 2, stride: 2}
      hints:
        - A 2×2 window with stride 2 halves the height and the width.
        - Pooling acts on each channel separately; what happens to the depth?
      explanation: Height and width halve; pooling acts on each channel separately, so the depth stays 64.
  - exercise:
      id: pool-parameters
      kind: number
      fixed: pooling has no parameters at any size; the count is the point
      prompt: How many learnable parameters does that pooling layer have?
      answer: 0
      derive:
        parameters: {layer: maxpool 2, input: 224x224x64}
      hints:
        - What does max pooling compute, and is there anything in it to adjust?
        - A maximum has no weights.
      explanation: Pooling only takes a maximum or a mean; there is nothing to learn.
  - exercise:
      id: max-of-window
      kind: number
      prompt: 2×2 max pooling meets the window [[3, 8], [1, 5]]. What does it output?
      answer: 8
      hints:
        - Max pooling keeps one of the four values.
        - Which of 3, 8, 1, 5 is largest?
      explanation: Max pooling keeps 8. Average pooling would give (3 + 8 + 1 + 5)/4 = 4.25.
  - exercise:
      id: pool-odd
      kind: shape
      vary: {size: [8, 12, 16, 28, 56, 112], depth: [16, 32, 64]}
      seed: 3
      prompt: A {size}×{size}×{depth} volume through 2×2 max pooling, stride 2. What comes out?
      derive:
        pooled-shape: {input: "{size}x{size}x{depth}"}
      hints:
        - 2×2 with stride 2 halves height and width.
        - The depth stays {depth}.
      explanation: Each side halves to {size}/2 and the depth stays {depth}.
  - text: |
      Pooling earns its place twice.

      - **Less compute and memory.** Smaller maps mean fewer operations in every later layer
        and far fewer weights in the fully connected layers at the end.
      - **A little shift invariance, local and partial.** Take 2×2 max pooling with stride 2
        and one strong activation on an otherwise quiet map. Its windows along a row cover
        columns 0–1, 2–3, 4–5, and so on. Shift the map one pixel to the right: an activation
        in the left column of its window (column 0, 2, 4, …) stays in the same window and the
        pooled map does not change; one in the right column (1, 3, 5, …) crosses into the next
        window, and the pooled value **moves to the neighbouring pooled cell**. So a one-pixel
        shift along one axis changes the pooled map **half the time**; a one-pixel diagonal
        shift leaves it unchanged only when both coordinates are even, a quarter of the time.

      A shift of exactly 2 pixels always moves the activation one window along: the pooled
      map then shifts by exactly one cell, which is equivariance again, at the coarser scale.
      Pooling buys tolerance to small jitter inside its windows, not indifference to where
      things are.
  - exercise:
      id: pool-shift-column
      kind: number
      prompt: >
        2×2 max pooling with stride 2; a single strong activation sits at column 5 (columns
        counted from 0), everything else is 0. The map shifts one pixel to the right. In which
        pooled column (counted from 0) is the activation now?
      answer: 3
      hints:
        - Pooled column c covers input columns 2c and 2c + 1.
        - After the shift the activation is in input column 6.
      explanation: >
        Column 5 was in pooled column 2 (columns 4–5). After the shift it is at column 6, in
        pooled column 3 (columns 6–7): the pooled output changed, the activation moved to the
        neighbouring cell.
  - exercise:
      id: pool-shift-fraction
      kind: number
      prompt: >
        A lone activation is equally likely to sit in any column. With 2×2, stride-2 max
        pooling, what fraction of one-pixel shifts to the right move it to a different pooled
        cell? (Answer as a decimal.)
      answer: 0.5
      tolerance: 0.001
      hints:
        - Each window has a left and a right column.
        - Only an activation in the right column leaves its window when it moves right.
      explanation: >
        Half the columns are the right column of their window, so half of the one-pixel shifts
        cross a window boundary and change the pooled map: the invariance is partial.
  - exercise:
      id: pool-shift-two
      kind: choice
      prompt: >
        The same 2×2, stride-2 max pooling, but now the whole input shifts by exactly 2 pixels
        to the right. What happens to the pooled map (away from the borders)?
      options:
        - it stays exactly the same
        - it shifts by exactly one cell to the right
        - it changes unpredictably
      answer: b
      hints:
        - A 2-pixel shift moves every input column into the window one step further on.
      explanation: >
        Each window's contents move, whole, into the next window, so every pooled value moves
        one cell: equivariance for shifts that are multiples of the stride, not invariance.
  - exercise:
      id: pool-why
      kind: choice
      prompt: Which is NOT a reason to pool?
      options:
        - fewer operations in later layers
        - outputs that change less when the input shifts slightly
        - more learnable parameters to fit the data
      answer: c
      explanation: Pooling has no parameters; it reduces work and adds a little, local shift invariance.
  - exercise:
      id: design-pooled-size
      kind: design
      prompt: >
        A pooling window on a 32×32 map should give {t}×{t}, exactly, with no rows left over.
        Pooling's output size follows the same formula as a convolution's. Choose the window
        size and the stride.
      vary: {t: [8, 15, 16]}
      seed: 2
      design:
        goal: conv-output-size == {t}
        input: 32
        choose: {kernel: [2, 3, 4], stride: 1..4}
      hints:
        - The pooled side is (32 − K)/S + 1, and it must be a whole number.
        - "Try the usual K = S first; if that cannot give {t}, overlap the windows (S < K)."
      explanation: >
        The pooled side is (32 − K)/S + 1: a 2×2 window at stride 2 gives 16, 4×4 at stride 4
        gives 8, and overlapping 4×4 windows at stride 2 give 15.

"""#
}
