// Written by lessons/embed.sh from lessons/13-backprop-through-conv.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_13_backprop_through_conv = #"""
id: backprop-through-conv
title: Backpropagation through convolution and pooling
summary: Shared weights collect gradient from every position they touched; max pooling routes gradient to the winner.
steps:
  - text: |
      A CNN trains exactly like any other network: convolution and pooling are differentiable
      layers in the computation graph, and backpropagation runs through them. A few pieces of
      bookkeeping are new.

      **Shared weights add up their gradients.** One kernel weight was used at every output
      position. By the multivariate chain rule its gradient is the **sum** of its contributions
      from all of those positions:

      ∂L/∂K(m, n) = Σᵢ Σⱼ ∂L/∂O(i, j) · I(i + m, j + n)

      which is itself a correlation, of the input with the output gradient.

      The bias is added at every position too, so its gradient is the sum of all the output
      gradients: ∂L/∂b = Σᵢ Σⱼ ∂L/∂O(i, j).

      **The input's gradient is a full convolution.** Each input pixel I(p, q) touched every
      output whose window covered it, with weight K(p − i, q − j), so

      ∂L/∂I(p, q) = Σᵢ Σⱼ ∂L/∂O(i, j) · K(p − i, q − j)

      which, at stride 1, is the output gradient padded with zeros all round by F − 1 and
      correlated with the kernel **rotated 180°**: a "full" convolution. (Here the flip of
      lesson 5 appears for real.)

      **Max pooling routes the gradient.** Only the largest value of each window reached the
      output, so only it receives that output's gradient; the others get 0. When windows
      overlap (a 3×3 window with stride 2, say), one value can be the maximum of two windows,
      and then it receives the **sum** of both gradients. Average pooling instead shares the
      gradient equally: each of the n values in the window gets 1/n of it.

      **Check it with finite differences.** A backward pass is easy to get subtly wrong. Nudge
      one weight by a small h both ways and compare (L(w + h) − L(w − h))/(2h) with the
      gradient backprop reports: they should agree closely (in 32-bit floats, to a few
      digits). ConvLab's engine checks every backward op this way in its tests.
  - demo: backprop
    layer: conv
    caption: Follow one weight's gradient; it gathers a term from every window position.
  - exercise:
      id: weight-gradient
      kind: number
      fixed: four questions share one worked layer, each building on the numbers before
      prompt: >
        A 2×2 output came from a 3×3 input [[1, 2, 0], [3, 1, 1], [0, 2, 4]] and a 2×2 kernel.
        The output gradient is [[1, 0], [2, 1]]. What is ∂L/∂K(0, 0), the gradient of the
        kernel's top-left weight?
      answer: 8
      derive:
        cell: {patch: [[1, 2], [3, 1]], kernel: [[1, 0], [2, 1]]}
      hints:
        - K(0, 0) multiplied I(i, j) to make O(i, j), for each of the four outputs.
        - Sum ∂L/∂O(i, j) · I(i, j) over i, j in 0 and 1.
      explanation: 1·1 + 0·2 + 2·3 + 1·1 = 8; the top-left 2×2 of the input correlated with the output gradient.
  - exercise:
      id: max-pool-routing
      kind: number
      prompt: In a 2×2 max-pooling window, how many of the four inputs receive a non-zero gradient (assuming a single maximum)?
      answer: 1
      hints:
        - Which of the four values can change the output if nudged a little?
        - Nudging a value that is not the maximum leaves the maximum unchanged.
      explanation: Only the maximum influenced the output, so only it gets the gradient; the other three get 0.
  - exercise:
      id: avg-pool-share
      kind: number
      prompt: A 2×2 average-pooling output receives gradient 2. What gradient does each of its four inputs get?
      answer: 0.5
      hints:
        - The output is (a + b + c + d)/4; what is its derivative with respect to a?
        - Multiply the output gradient by that derivative.
      explanation: Each input contributed 1/4 of the average, so each gets 2 × 1/4 = 0.5.
  - exercise:
      id: shared-sum
      kind: choice
      prompt: A kernel weight is used at 100 output positions. Its gradient is…
      options:
        - the gradient from the first position only
        - the sum of the gradients from all 100 positions
        - the average of the weights
      answer: b
      explanation: The chain rule sums over every path from the weight to the loss, and there is one path per position.
  - exercise:
      id: bias-gradient
      kind: number
      fixed: four questions share one worked layer, each building on the numbers before
      prompt: >
        The same conv layer: the output gradient is [[1, 0], [2, 1]]. What is ∂L/∂b, the
        gradient of the filter's bias?
      answer: 4
      derive:
        cell: {patch: [[1, 0], [2, 1]], kernel: [[1, 1], [1, 1]]}
      hints:
        - The bias is added once at every output position, with slope 1.
        - Sum the output gradient over all positions.
      explanation: 1 + 0 + 2 + 1 = 4; every output adds the same bias, so their gradients add up.
  - exercise:
      id: input-gradient-centre
      kind: number
      fixed: four questions share one worked layer, each building on the numbers before
      prompt: >
        Same layer: 3×3 input, 2×2 kernel K = [[1, 2], [3, 4]], output gradient
        [[1, 0], [2, 1]]. What is ∂L/∂I(1, 1), the gradient of the input's centre pixel?
      answer: 9
      derive:
        # ∂L/∂I(1, 1) = Σ ∂L/∂O(i, j)·K(1 − i, 1 − j): the output gradient convolved (flipped) with K
        cell: {patch: [[1, 0], [2, 1]], kernel: [[1, 2], [3, 4]], flipped: true}
      hints:
        - The centre pixel lies under all four windows; in window (i, j) it meets the weight K(1 − i, 1 − j).
        - Pair the output gradient with the kernel rotated 180°, [[4, 3], [2, 1]].
      explanation: >
        1·4 + 0·3 + 2·2 + 1·1 = 9. The output gradient meets the kernel rotated 180°: at one
        position, that is the full convolution of the output gradient with K.
  - exercise:
      id: input-gradient-corner
      kind: number
      fixed: four questions share one worked layer, each building on the numbers before
      prompt: >
        Same layer and gradients. What is ∂L/∂I(0, 0), the gradient of the input's top-left
        pixel?
      answer: 1
      derive:
        # only window (0, 0) covers I(0, 0), with weight K(0, 0); the zero padding of the full convolution supplies the rest
        cell: {patch: [[0, 0], [0, 1]], kernel: [[1, 2], [3, 4]], flipped: true}
      hints:
        - How many of the four windows cover the top-left pixel?
        - Only window (0, 0) does, where the pixel meets K(0, 0).
      explanation: >
        1 · K(0, 0) = 1 · 1 = 1. A corner pixel reaches one output only; in the full
        convolution the other terms fall on the zero padding.
  - exercise:
      id: overlapping-pool-gradient
      kind: number
      prompt: >
        Max pooling with a 3-wide window and stride 2 over the row [1, 2, 9, 3, 0]: the two
        windows [1, 2, 9] and [9, 3, 0] both output 9. Their output gradients are 1.5 and 2.
        What gradient does the input 9 receive?
      answer: 3.5
      tolerance: 0.001
      hints:
        - The 9 is the maximum of both windows.
        - Each window routes its whole gradient to its maximum; add what arrives.
      explanation: >
        1.5 + 2 = 3.5: the 9 reached the loss along two paths, and the chain rule sums them.
        The other four inputs get 0.
  - exercise:
      id: finite-difference
      kind: number
      prompt: >
        A gradient check on one kernel weight w: with h = 0.01, the loss is 4.0200 at w + h and
        3.9800 at w − h. What does the central difference estimate for ∂L/∂w?
      answer: 2
      tolerance: 0.001
      hints:
        - (L(w + h) − L(w − h)) / (2h)
        - 0.04 / 0.02
      explanation: (4.0200 − 3.9800)/0.02 = 2.
  - exercise:
      id: gradient-check-verdict
      kind: choice
      prompt: >
        For that weight, your backward pass reports ∂L/∂w = 1.5, while the central difference
        gives 2.000 and stays 2.000 for h = 0.001. What is the likeliest conclusion?
      options:
        - the finite difference is unreliable; trust backprop
        - the backward pass has a bug, for example a missing term from one of the positions sharing the weight
        - both are right; shared weights make gradients ambiguous
      answer: b
      hints:
        - The central difference's error shrinks like h²; it did not move.
      explanation: >
        A stable central difference that disagrees by 25% points at the analytic gradient. A
        classic slip in conv backprop is to forget some of the positions whose contributions a
        shared weight must sum.

"""#
}
