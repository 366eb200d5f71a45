// Written by lessons/embed.sh from lessons/07-output-size.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_07_output_size = #"""
id: output-size
title: Output size, padding and stride
summary: How big a convolution's output is, and how zero padding and stride change it.
steps:
  - text: |
      Without padding, the output is smaller than the input. A 3×3 kernel cannot be centred
      on a border pixel, since part of it would hang off the image, so a 7×7 image gives a
      **5×5** output: one row and one column lost on every side.
  - demo: geometry
    size: 7
    kernel: 3
    caption: Start at padding 0, then raise the padding to 1 and watch the output size return to 7.
    goal:
      text: Raise the padding until the 7×7 input gives a 7×7 output again, with the 3×3 kernel.
      when: {size: 7, kernel: 3, output: 7}
  - exercise:
      id: seven-by-three
      kind: shape
      fixed: the 7×7 case the demo above shows
      prompt: A 7×7 image, a 3×3 kernel, stride 1, no padding. What size is the output?
      answer: 5x5
      derive:
        conv-output-size: {input: 7x7, kernel: 3}
      hints:
        - How many positions can the kernel's left edge take along one row?
        - (W − F)/S + 1 with W = 7, F = 3, S = 1.
      explanation: The kernel fits at 7 − 3 + 1 = 5 positions along each axis, so 5×5.
  - text: |
      Two settings control the size.

      - **Padding P** surrounds the input with P rings of zeros. For an odd kernel size F,
        padding (F − 1)/2 keeps the output exactly as large as the input at stride 1: P = 1
        for 3×3, P = 2 for 5×5. This is called **same** convolution.
      - **Stride S** is the step between neighbouring kernel positions. Stride 1 visits every
        position; stride 2 skips every other one and roughly halves the output.

      Put together, an input of width W with a kernel of width F, padding P and stride S gives

      **O = (W − F + 2P)/S + 1**

      and the same along the height. With K kernels the output has depth K, whatever the
      input's depth.
  - exercise:
      id: same-padding-five
      kind: number
      prompt: What padding keeps the output of a 5×5 kernel at stride 1 the same size as its input?
      answer: 2
      hints:
        - The kernel reaches (F − 1)/2 pixels past its centre on each side.
        - (F − 1)/2 with F = 5.
      explanation: (5 − 1)/2 = 2; then (W − 5 + 4)/1 + 1 = W.
  - exercise:
      id: formula-any
      kind: number
      vary: {size: 6..16, kernel: [1, 3, 5], padding: 0..2}
      seed: 7
      prompt: An input {size} wide, a {kernel}-wide kernel, padding {padding}, stride 1. How wide is the output?
      derive:
        conv-output-size: {input: "{size}", kernel: "{kernel}", padding: "{padding}"}
      hints:
        - (W − F + 2P)/S + 1
        - ({size} − {kernel} + 2·{padding})/1 + 1
      explanation: ({size} − {kernel} + 2·{padding})/1 + 1.
  - exercise:
      id: stride-four
      kind: shape
      fixed: AlexNet's first layer, the notes' own example
      prompt: A 227×227×3 image, 96 kernels of 11×11, no padding, stride 4. What is the output volume?
      answer: 55x55x96
      derive:
        conv-output-size: {input: 227x227x3, kernel: 11, stride: 4, filters: 96}
      hints:
        - (W − F + 2P)/S + 1 along each side; the depth equals the number of kernels.
        - (227 − 11 + 0)/4 + 1
      explanation: (227 − 11 + 0)/4 + 1 = 55 along each side, and 96 kernels give depth 96.
  - text: |
      If the formula does not give a whole number, the kernel positions **do not tile** the
      input: the last step would run past the edge. Two conventions meet here, and you will
      see both.

      - **Invalid (the CS231n view).** Stanford's CS231n notes call such a setting of W, F, P
        and S invalid: the neurons do not fit neatly and symmetrically across the input. Choose
        F, P and S so that the division comes out even.
      - **Round down (what frameworks do).** PyTorch's Conv2d and MaxPool2d, and TensorFlow
        with 'valid' padding, take the whole number of windows that fit,
        **O = ⌊(W − F + 2P)/S⌋ + 1**, and silently drop the last rows and columns that no
        window reaches. (PyTorch's pooling can round up instead with ceil_mode=True.)

      Real networks rely on the floor. ResNet's first layer is a 7×7 conv with stride 2 and
      padding 3 on a 224×224 image: (224 − 7 + 6)/2 + 1 = 112.5, and PyTorch gives
      ⌊111.5⌋ + 1 = **112**. Its downsampling 3×3 convs with stride 2 and padding 1 turn 56 into
      ⌊55/2⌋ + 1 = **28**. In both cases what is dropped is the last column of **padding**, so
      no image pixel is lost. With no padding that is not so: a 3×3 kernel at stride 3 on 7
      columns never reads the last image column.

      When a question's geometry does not tile, this course says which convention it asks for.
  - demo: geometry
    size: 7
    kernel: 3
    stride: 3
    caption: Stride 3 leaves the last column uncovered; change the padding or stride until it tiles.
    goal:
      text: Keep stride 3 and change only the padding until the windows tile; the output is then 3×3.
      when: {size: 7, kernel: 3, stride: 3, output: 3}
  - exercise:
      id: stride-three
      kind: number
      fixed: the notes' own non-tiling example, asked in both conventions
      prompt: >
        A 7×7 image, 3×3 kernel, stride 3, no padding. In the CS231n convention, where a
        geometry that does not tile is invalid, how wide is the output? (If the windows do not
        tile, answer "does not tile".)
      answer: does not tile
      derive:
        conv-output-size: {input: 7, kernel: 3, stride: 3, convention: exact}
      hints:
        - Compute (W − F + 2P)/S + 1 and check whether it is a whole number.
        - (7 − 3 + 0)/3 + 1 = ?
      explanation: >
        (7 − 3)/3 + 1 = 2.33, not a whole number. The windows start at columns 0 and 3; a third
        would start at 6 and need columns 6 to 8, but the image ends at column 6, so that column
        is never covered.
  - exercise:
      id: stride-three-floor
      kind: number
      fixed: the notes' own non-tiling example, asked in both conventions
      prompt: >
        The same 7×7 image, 3×3 kernel, stride 3, no padding, in PyTorch's convention (round
        down). How wide is the output?
      answer: 2
      derive:
        conv-output-size: {input: 7, kernel: 3, stride: 3, convention: floor}
      hints:
        - PyTorch computes ⌊(W − F + 2P)/S⌋ + 1.
        - ⌊(7 − 3 + 0)/3⌋ + 1 = ⌊1.33⌋ + 1.
      explanation: >
        ⌊4/3⌋ + 1 = 2. The two windows cover columns 0 to 5; column 6, a real image column, is
        dropped without a word.
  - exercise:
      id: floor-lost-columns
      kind: number
      prompt: >
        In that case (7 wide, kernel 3, stride 3, no padding, rounded down), how many image
        columns does no window ever read?
      answer: 1
      hints:
        - The windows start at 0, 3, 6, … as long as the whole window fits.
        - Which columns do the windows starting at 0 and 3 cover?
      explanation: >
        The windows cover columns 0–2 and 3–5; column 6 is never read, so whatever is there
        cannot affect the output.
  - exercise:
      id: resnet-stem
      kind: number
      fixed: ResNet's own first layer
      prompt: >
        ResNet's first layer: a 7×7 conv, stride 2, padding 3, on a 224×224 image. In
        PyTorch's convention (round down), how wide is the output?
      answer: 112
      derive:
        conv-output-size: {input: 224, kernel: 7, stride: 2, padding: 3, convention: floor}
      hints:
        - ⌊(W − F + 2P)/S⌋ + 1
        - (224 − 7 + 6)/2 = 111.5; round down, then add 1.
      explanation: >
        ⌊223/2⌋ + 1 = 111 + 1 = 112. In the CS231n convention the same geometry is invalid,
        since 223/2 is not whole. The padded row is 230 wide; the last of the 112 windows
        starts at 222 and ends at 228, so only column 229, a padding zero, is dropped.
  - exercise:
      id: resnet-downsample
      kind: number
      fixed: ResNet's own downsampling layer
      prompt: >
        A 3×3 conv with stride 2 and padding 1 on a 56×56 map, as in ResNet's downsampling
        blocks. In PyTorch's convention (round down), how wide is the output?
      answer: 28
      derive:
        conv-output-size: {input: 56, kernel: 3, stride: 2, padding: 1, convention: floor}
      hints:
        - ⌊(W − F + 2P)/S⌋ + 1
        - (56 − 3 + 2)/2 = 27.5
      explanation: >
        ⌊55/2⌋ + 1 = 27 + 1 = 28: the map halves, as intended. Only the last padding column is
        dropped.
  - exercise:
      id: convolution-arithmetic-guide
      kind: number
      fixed: the guide's published example
      prompt: >
        Dumoulin and Visin's guide to convolution arithmetic (2016) shows a 3×3 kernel with
        stride 2 on a 6×6 input padded by 1. Rounding down, as the guide and PyTorch do, how
        wide is the output?
      answer: 3
      derive:
        conv-output-size: {input: 6, kernel: 3, stride: 2, padding: 1, convention: floor}
      hints:
        - i = 6, k = 3, s = 2, p = 1 in ⌊(i + 2p − k)/s⌋ + 1.
        - (6 + 2 − 3)/2 = 2.5
      explanation: >
        ⌊5/2⌋ + 1 = 3. The padded input is 8 wide; windows start at 0, 2 and 4, and the last
        padding column is never read.
  - demo: geometry
    size: 6
    kernel: 3
    stride: 2
    padding: 1
    caption: The guide's case; step through the windows and see that only padding is never read, so rounding down to 3×3 loses no pixel.
    goal:
      text: Then widen the input by one (W 7, same kernel, stride and padding) and see the windows tile exactly, 4×4.
      when: {size: 7, kernel: 3, stride: 2, padding: 1, output: 4}
  - exercise:
      id: which-convention
      kind: choice
      prompt: >
        A student computes ResNet's stem (224, kernel 7, stride 2, padding 3) and writes
        "invalid: 223/2 is not whole". Another writes 112. Who is right?
      options:
        - only the first; PyTorch would raise an error
        - both, each in its own convention; PyTorch rounds down and prints 112
        - only the second; the formula always rounds down
      answer: b
      hints:
        - Does a PyTorch model with this layer run on a 224×224 image?
      explanation: >
        The CS231n notes treat a geometry that does not tile as invalid; PyTorch and
        TensorFlow ('valid') round down and silently drop what does not fit, here a column of
        padding. Both are correct statements about different conventions.
  - exercise:
      id: halve-and-tile
      kind: choice
      prompt: >
        In the CS231n convention, where the windows must tile exactly, which of these layers
        turns a 56-wide input into exactly 28?
      options:
        - 3×3 kernel, stride 2, padding 1
        - 2×2 window, stride 2, padding 0
        - 3×3 kernel, stride 2, padding 0
      answer: b
      hints:
        - Check (W − F + 2P)/S + 1 for each, and whether the division is exact.
        - (56 − 3 + 2)/2 = 27.5; (56 − 2)/2 = 27; (56 − 3)/2 = 26.5.
      explanation: >
        Only the 2×2, stride-2 window tiles: (56 − 2)/2 + 1 = 28 exactly. The 3×3, stride-2,
        padding-1 layer gives 28 only by rounding 27.5 down, PyTorch's convention, where the
        last padding column is never read; with no padding it does not reach 28 even rounded
        down (⌊26.5⌋ + 1 = 27).


"""#
}
