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
  - exercise:
      id: pool-vgg-block
      kind: shape
      prompt: A 224×224×64 volume goes through 2×2 max pooling with stride 2. What comes out?
      answer: 112x112x64
      derive:
        pooled-shape: {input: 224x224x64, kernel: 2, stride: 2}
      explanation: Height and width halve; pooling acts on each channel separately, so the depth stays 64.
  - exercise:
      id: pool-parameters
      kind: number
      prompt: How many learnable parameters does that pooling layer have?
      answer: 0
      derive:
        parameters: {layer: maxpool 2, input: 224x224x64}
      explanation: Pooling only takes a maximum or a mean; there is nothing to learn.
  - exercise:
      id: max-of-window
      kind: number
      prompt: 2×2 max pooling meets the window [[3, 8], [1, 5]]. What does it output?
      answer: 8
      explanation: Max pooling keeps 8. Average pooling would give (3 + 8 + 1 + 5)/4 = 4.25.
  - exercise:
      id: pool-odd
      kind: shape
      vary: {size: [8, 12, 16, 28, 56, 112], depth: [16, 32, 64]}
      seed: 3
      prompt: A {size}×{size}×{depth} volume through 2×2 max pooling, stride 2. What comes out?
      derive:
        pooled-shape: {input: "{size}x{size}x{depth}"}
      explanation: Each side halves to {size}/2 and the depth stays {depth}.
  - text: |
      Pooling earns its place twice.

      - **Less compute and memory.** Smaller maps mean fewer operations in every later layer
        and far fewer weights in the fully connected layers at the end.
      - **Shift invariance.** Move a feature by a pixel and it usually stays inside the same
        window, so the max, and the pooled output, does not change.
  - exercise:
      id: pool-why
      kind: choice
      prompt: Which is NOT a reason to pool?
      options:
        - fewer operations in later layers
        - outputs that change less when the input shifts slightly
        - more learnable parameters to fit the data
      answer: c
      explanation: Pooling has no parameters; it reduces work and adds a little shift invariance.

"""#
}
