// Written by lessons/embed.sh from lessons/15-reading-and-designing.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_15_reading_and_designing = #"""
id: reading-and-designing
title: Reading and designing networks
summary: Recognise a kernel by its output, choose padding and stride for a goal, and check a layer table row by row.
steps:
  - text: |
      The earlier lessons asked for one number at a time. This one asks you to use what they
      taught: to recognise a kernel from what it does to an image, to choose settings that
      reach a goal (any choice that works is right), to find the wrong row in a network's
      table, and to fill in a table yourself.

      Every map, table and answer here is computed by the same engine as the demos.
  - exercise:
      id: which-is-sobel-x
      kind: pick-picture
      prompt: >
        The image below is dark on the left and top, with a bright square in the lower right.
        Each map is the image through one 3×3 kernel (cross-correlation, stride 1, no
        padding). Which map comes from sobel-x?
      image:
        - [0, 0, 0, 0, 0, 0]
        - [0, 0, 0, 0, 0, 0]
        - [0, 0, 0, 1, 1, 1]
        - [0, 0, 0, 1, 1, 1]
        - [0, 0, 0, 1, 1, 1]
        - [0, 0, 0, 1, 1, 1]
      kernels: [sobel-y, laplacian, sobel-x, sharpen]
      pick: sobel-x
      hints:
        - sobel-x is [[−1, 0, 1], [−2, 0, 2], [−1, 0, 1]]; it compares the column to the right of the centre with the column to its left.
        - It is positive where brightness rises to the right, and zero inside flat regions; look for a map that is large along the square's left edge.
      explanation: >
        sobel-x weighs the right column against the left, so it responds along the square's
        vertical left edge, where brightness rises to the right (4 where all three rows see
        the edge), and is 0 inside flat areas. sobel-y does the same for brightness rising
        downwards, so it marks the top edge instead.
      then:
        demo: kernels
        image: edge
        kernel: sobel-x
        caption: Try sobel-x and sobel-y on the edge image; which one reacts to a vertical edge?
  - text: |
      **Designing a layer.** Under the CS231n rule a setting is valid only when
      (W − F + 2P)/S + 1 is a whole number. PyTorch (and TensorFlow with "valid" padding)
      instead takes the floor, ⌊(W − F + 2P)/S⌋ + 1, and drops the rows and columns that no
      window reaches. ResNet-18 and ResNet-34 (He et al., 2015) halve 56×56 maps to 28×28
      with a 3×3 convolution of stride 2 and padding 1: (56 − 3 + 2)/2 + 1 is 28.5, and the
      floor gives 28.
  - exercise:
      id: halve-fifty-six
      kind: design
      prompt: >
        A 3×3 convolution on a {w}×{w} map should give 28×28, computed the PyTorch way (the
        floor). Choose the padding and the stride.
      vary: {w: 54..58}
      seed: 23
      design:
        goal: conv-output-size == 28
        input: "{w}"
        kernel: 3
        floor: true
        choose: {padding: 0..3, stride: 1..3}
      hints:
        - To roughly halve a side you need stride 2; then choose the padding.
        - With stride 2 the output is ⌊({w} − 3 + 2P)/2⌋ + 1; try P = 0, 1 and 2.
      explanation: >
        At stride 2 the output is ⌊({w} − 3 + 2P)/2⌋ + 1; the padding that makes it 28 is the
        answer, and the floor drops a last row and column when the windows do not tile. ResNet
        does exactly this on 56×56 maps with padding 1: ⌊27.5⌋ + 1 = 28.
  - exercise:
      id: field-of-seven
      kind: design
      prompt: >
        Build a stack of identical stride-1 convolutions whose receptive field is {r}×{r}:
        choose the kernel size and the number of layers.
      vary: {r: [5, 7, 9, 13]}
      seed: 4
      design:
        goal: receptive-field == {r}
        stride: 1
        choose: {kernel: [2, 3, 4, 5, 7], layers: 1..6}
      hints:
        - At stride 1 each layer of kernel k widens the field by k − 1, starting from 1.
        - The field is 1 + L·(k − 1); find L and k that make {r}.
      explanation: >
        At stride 1 the field is 1 + L·(k − 1), so several stacks reach {r}. For a 7×7 field,
        one 7×7, two 4×4, three 3×3 or six 2×2 layers all work; with C channels in and out,
        three 3×3 layers have 3·9·C² = 27C² weights against 49C² for one 7×7, and two more
        non-linearities: the reason VGG stacks 3×3 convolutions (Simonyan & Zisserman, 2014).
  - demo: receptive
    layers: 3
    kernel: 3
    caption: Three stacked 3×3 layers; check that the highlighted field is 7×7, then try other kernels and depths.
  - text: |
      **Reading a table.** For each layer, a summary lists the output shape (here H×W×C) and
      the learnable parameters: (F·F·C + 1)·K for a conv with K filters of F×F over C input
      channels (the + 1 is each filter's bias), (inputs + 1)·outputs for a linear layer, and
      none for pooling and flattening.
  - exercise:
      id: forgot-biases
      kind: spot-error
      prompt: One entry of this summary is wrong. Which row?
      vary: {s: [16, 24, 28, 32]}
      seed: 3
      network: input {s}x{s}x1 | conv 8 3x3 pad 1 | maxpool 2 | conv 16 3x3 pad 1 | maxpool 2 | flatten | linear 10
      wrong: {row: 3, parameters: 1152}
      hints:
        - Check each conv and linear layer with (F·F·C + 1)·K and (inputs + 1)·outputs.
        - Row 3 has 16 filters of 3×3 over 8 channels.
      explanation: >
        Row 3 shows 3·3·8·16 = 1,152: the weights without the 16 biases. The right count is
        (3·3·8 + 1)·16 = 1,168.
  - exercise:
      id: depth-from-filters
      kind: spot-error
      fixed: the wrong row is written by hand for this input size
      prompt: And in this one?
      network: input 32x32x3 | conv 6 5x5 | maxpool 2 | conv 16 5x5 | maxpool 2
      wrong: {row: 3, output: 10x10x6}
      hints:
        - A conv layer's output depth is its number of filters, whatever the input depth.
      explanation: >
        Row 3's conv has 16 filters, so its output is 10×10×16; the table kept the input's
        depth of 6.
  - exercise:
      id: trace-lenet-like
      kind: trace
      prompt: >
        Fill in this table, CS231n style: for each layer, its output shape (H×W×C) and its
        parameter count, rows separated by ';'.
      vary: {s: [28, 32, 36, 40, 44]}
      seed: 4
      network: input {s}x{s}x3 | conv 6 5x5 | maxpool 2 | conv 16 5x5 | maxpool 2
      hints:
        - A 5×5 conv without padding takes 4 from each side; a 2×2 pool with stride 2 halves it.
        - "{s} − 5 + 1 for the first conv; parameters are (5·5·C + 1)·K for each conv and 0 for each pool."
      explanation: >
        Each 5×5 conv gives W − 5 + 1 and each pool halves: from {s}, the first conv leaves
        {s} − 4. The convs have (5·5·3 + 1)·6 = 456 and (5·5·6 + 1)·16 = 2,416 parameters
        whatever the input size; pooling has none.
  - text: |
      **Predict, then see.** Commit to an answer first; the demo that shows it opens only
      once you have answered (or asked to see the answer).
  - exercise:
      id: predict-stride-three
      kind: number
      fixed: the demo that follows shows this very 7-wide input
      prompt: >
        Predict before you look: a 3×3 kernel slides over a 7-wide input with stride 2 and no
        padding. How many outputs does one row have?
      derive:
        conv-output-size: {input: 7, kernel: 3, stride: 2}
      hints:
        - The windows start at 0, 2, 4, … and must fit inside the 7 columns.
        - (7 − 3 + 2·0)/2 + 1
      explanation: (7 − 3)/2 + 1 = 3 windows, starting at columns 0, 2 and 4.
      then:
        demo: geometry
        size: 7
        kernel: 3
        stride: 2
        caption: Step through the windows and count them; then try stride 3 and see what is left over.

"""#
}
