// Written by lessons/embed.sh from lessons/13-backprop-through-conv.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_13_backprop_through_conv = #"""
id: backprop-through-conv
title: Backpropagation through convolution and pooling
summary: Shared weights collect gradient from every position they touched; max pooling routes gradient to the winner.
steps:
  - text: |
      A CNN trains exactly like any other network: convolution and pooling are differentiable
      layers in the computation graph, and backpropagation runs through them. Two pieces of
      bookkeeping are new.

      **Shared weights add up their gradients.** One kernel weight was used at every output
      position. By the multivariate chain rule its gradient is the **sum** of its contributions
      from all of those positions:

      ∂L/∂K(m, n) = Σᵢ Σⱼ ∂L/∂O(i, j) · I(i + m, j + n)

      which is itself a correlation, of the input with the output gradient.

      **Max pooling routes the gradient.** Only the largest value of each window reached the
      output, so only it receives that output's gradient; the others get 0. Average pooling
      instead shares the gradient equally: each of the n values in the window gets 1/n of it.
  - demo: backprop
    layer: conv
    caption: Follow one weight's gradient; it gathers a term from every window position.
  - exercise:
      id: weight-gradient
      kind: number
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
      explanation: Only the maximum influenced the output, so only it gets the gradient; the other three get 0.
  - exercise:
      id: avg-pool-share
      kind: number
      prompt: A 2×2 average-pooling output receives gradient 2. What gradient does each of its four inputs get?
      answer: 0.5
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

"""#
}
