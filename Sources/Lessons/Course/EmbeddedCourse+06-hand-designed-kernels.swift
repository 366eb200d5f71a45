// Written by lessons/embed.sh from lessons/06-hand-designed-kernels.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_06_hand_designed_kernels = #"""
id: hand-designed-kernels
title: Kernels designed by hand
summary: Edge detectors, blurs and sharpening, the filters image processing used before networks learned their own.
steps:
  - text: |
      Long before CNNs, image processing built kernels by hand, each for one job:

      - **identity**: a single 1 in the centre, copying the image unchanged;
      - **box blur** and **Gaussian blur**: averages of the neighbourhood, smoothing away noise;
      - **sharpen**: the centre pixel boosted against its neighbours;
      - **Sobel** and **Prewitt**: differences between one side and the other, responding to
        edges.

      Engineers could spend months tuning the numbers of a filter for one particular feature.
      The step CNNs took was to stop designing: the network **learns its kernels end to end**
      from data, finding whichever filters help the task. Trained first layers often end up
      looking strikingly like the classic edge and blob detectors.
  - demo: kernels
    image: edge
    kernel: sobel-x
    caption: Try every kernel on the edge image; which ones react only where dark meets bright?
  - exercise:
      id: sobel-on-edge
      kind: cell
      fixed: the edge pattern is the point; other numbers would hide it
      prompt: The Sobel-x kernel lies on a patch where a bright column starts on the right. What does it output?
      patch: [[0, 0, 1], [0, 0, 1], [0, 0, 1]]
      kernel: sobel-x
      hints:
        - Sobel-x is [[−1, 0, 1], [−2, 0, 2], [−1, 0, 1]].
        - Only the right column of the patch is non-zero.
      explanation: The right column meets weights 1, 2, 1, giving 1 + 2 + 1 = 4; a strong positive response to a dark-to-bright edge.
  - exercise:
      id: sobel-on-flat
      kind: cell
      prompt: The same Sobel-x kernel on a flat patch where every pixel is {v}. Output?
      vary: {v: 1..9}
      patch: [["{v}", "{v}", "{v}"], ["{v}", "{v}", "{v}"], ["{v}", "{v}", "{v}"]]
      kernel: sobel-x
      hints:
        - Every pixel is {v}, so the output is {v} × (the sum of the kernel's weights).
        - Sobel-x is [[−1, 0, 1], [−2, 0, 2], [−1, 0, 1]]; add its weights.
      explanation: Sobel's weights add up to 0, so any flat patch gives 0; it only sees change.
  - exercise:
      id: blur-diagonal
      kind: cell
      prompt: A 3×3 box blur (every weight 1/9) on a patch with {d}s on the diagonal and 0 elsewhere. Output?
      vary: {d: [3, 6, 9, 12, 15]}
      patch: [["{d}", 0, 0], [0, "{d}", 0], [0, 0, "{d}"]]
      kernel: box-blur
      hints:
        - Multiplying every pixel by 1/9 and adding is taking the mean.
        - The nine pixels add up to 3·{d}.
      explanation: The blur averages the nine values, 3·{d}/9 = {d}/3.
  - exercise:
      id: sharpen-flat
      kind: cell
      prompt: The sharpen kernel [[0, −1, 0], [−1, 5, −1], [0, −1, 0]] on a flat patch of {v}s. Output?
      vary: {v: 1..9}
      seed: 2
      patch: [["{v}", "{v}", "{v}"], ["{v}", "{v}", "{v}"], ["{v}", "{v}", "{v}"]]
      kernel: sharpen
      hints:
        - The centre meets weight 5 and four neighbours meet −1; the corners meet 0.
        - 5·{v} − 4·{v}
      explanation: 5·{v} − 4·{v} = {v}. Its weights add up to 1, so flat regions keep their brightness and only edges get crisper.
  - exercise:
      id: which-finds-vertical-edges
      kind: choice
      prompt: Which kernel responds to vertical edges, where brightness changes from left to right?
      options: [box-blur, sobel-x, sobel-y, identity]
      answer: b
      explanation: Sobel-x takes the right column minus the left, so it reacts to left-to-right change, which is what a vertical edge is.
  - exercise:
      id: sobel-opposite-edge
      kind: cell
      fixed: the mirrored edge of the exercise before is the point
      prompt: >
        Sobel-x on a patch where the bright column is on the left, [[1, 0, 0], [1, 0, 0],
        [1, 0, 0]], a bright-to-dark edge. Output?
      patch: [[1, 0, 0], [1, 0, 0], [1, 0, 0]]
      kernel: sobel-x
      hints:
        - Only the left column of the patch is non-zero; it meets weights −1, −2, −1.
        - Compare with the 4 of the dark-to-bright edge.
      explanation: >
        −1 − 2 − 1 = −4: the same strength with the opposite sign. The sign says which way the
        brightness changes, so a ReLU after Sobel-x keeps only one direction of edge.
  - exercise:
      id: sobel-y-vertical-edge
      kind: cell
      fixed: the same vertical edge as before, now under Sobel-y, is the point
      prompt: >
        Sobel-y, [[−1, −2, −1], [0, 0, 0], [1, 2, 1]], on the vertical edge [[0, 0, 1],
        [0, 0, 1], [0, 0, 1]]. Output?
      patch: [[0, 0, 1], [0, 0, 1], [0, 0, 1]]
      kernel: sobel-y
      hints:
        - Sobel-y takes the bottom row minus the top row.
        - The patch's top and bottom rows are the same.
      explanation: >
        The right column meets −1, 0 and 1, which cancel: 0. Sobel-y sees only change from top
        to bottom, so it ignores a vertical edge; each edge kernel is tuned to one orientation.
  - exercise:
      id: pick-laplacian
      kind: pick-picture
      prompt: >
        The image below is a bright square on a dark background. Each map is the image through
        one 3×3 kernel (cross-correlation, stride 1, no padding). Which map comes from the
        Laplacian, [[0, 1, 0], [1, −4, 1], [0, 1, 0]], which answers to change in every
        direction at once?
      image:
        - [0, 0, 0, 0, 0, 0, 0]
        - [0, 0, 0, 0, 0, 0, 0]
        - [0, 0, 4, 4, 4, 0, 0]
        - [0, 0, 4, 4, 4, 0, 0]
        - [0, 0, 4, 4, 4, 0, 0]
        - [0, 0, 0, 0, 0, 0, 0]
        - [0, 0, 0, 0, 0, 0, 0]
      kernels: [sobel-x, laplacian, box-blur, sobel-y]
      pick: laplacian
      hints:
        - A kernel whose weights add up to 0 gives 0 on any flat region, inside or outside the square.
        - Sobel-x marks only the left and right sides, Sobel-y only the top and bottom; which map marks all four?
      explanation: >
        The Laplacian's weights add up to 0 and it compares the centre with its four
        neighbours, so it is 0 on flat areas and marks all four sides of the square alike,
        positive just outside and negative just inside; the box blur smears the square, and
        each Sobel kernel marks only two sides, with opposite signs.

"""#
}
