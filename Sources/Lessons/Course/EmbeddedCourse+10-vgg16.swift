// Written by lessons/embed.sh from lessons/10-vgg16.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_10_vgg16 = #"""
id: vgg16
title: A worked architecture, VGG16
summary: Thirteen 3×3 convolutions and three dense layers, and where its 138 million parameters really sit.
steps:
  - text: |
      VGG16 (Simonyan and Zisserman, 2014) was a leading ImageNet model whose choices became
      the default recipe.

      - **Small kernels only.** Every convolution is 3×3 with padding 1, so it keeps the size.
      - **Double the depth, halve the size.** Five blocks with 64, 128, 256, 512 and 512 filters;
        a 2×2 max pool after each block halves the maps: 224 → 112 → 56 → 28 → 14 → 7.
      - **Three dense layers at the end.** The final 7×7×512 volume is flattened into 25,088
        numbers, then layers of 4096, 4096 and 1000 units (one per ImageNet class).
  - demo: vgg16
    layer: 0
    caption: Walk through the layers; watch the shapes shrink and the parameter counts grow.
  - exercise:
      id: last-pool-shape
      kind: shape
      fixed: VGG16's own numbers
      prompt: What is the shape after VGG16's fifth (last) max pool?
      answer: 7x7x512
      derive:
        output-shape: {network: vgg16, index: 30}
      hints:
        - Each 2×2 pool halves the height and width; the convs keep them.
        - 224 halved five times, with the last block's 512 filters.
      explanation: 224 halved five times is 7, and the last block has 512 filters.
  - exercise:
      id: flattened-length
      kind: number
      fixed: VGG16's own numbers
      prompt: How many numbers does that volume flatten into?
      answer: 25,088
      derive:
        output-shape: {network: vgg16, index: 31}
      hints:
        - Flattening keeps every number, only lined up in one row.
        - 7 × 7 × 512
      explanation: 7 × 7 × 512 = 25,088.
  - exercise:
      id: total-parameters
      kind: number
      fixed: VGG16's own numbers
      prompt: How many learnable parameters does VGG16 have in total? (Use the engine's exact count.)
      answer: 138,357,544
      derive:
        parameters: {network: vgg16}
      hints:
        - Add (F·F·C + 1)·K over the thirteen convs and (inputs + 1)·outputs over the three dense layers.
        - About 138 million.
      explanation: 138,357,544, the figure usually quoted as 138 million.
  - exercise:
      id: first-dense
      kind: number
      fixed: VGG16's own numbers
      prompt: How many of those belong to the first fully connected layer alone (25,088 → 4096, with biases)?
      answer: 102,764,544
      derive:
        parameters: {network: vgg16, index: 32}
      hints:
        - Each of the 4,096 units has a weight per input and one bias.
        - (inputs + 1) × outputs
      explanation: >
        (25,088 + 1) × 4,096 = 102,764,544: about three quarters of the network in a single
        dense layer, while all thirteen convolutions together hold under 15 million. That is
        weight sharing paying off.
  - exercise:
      id: why-small-kernels
      kind: truefalse
      prompt: Most of VGG16's parameters are in its convolution layers.
      answer: false
      explanation: The three dense layers hold about 124 million of the 138 million; the convolutions do most of the computing with few weights.
  - text: |
      Parameters and compute sit in different places. A conv layer's weights are few, but it
      uses each of them at every output position: a 3×3 layer from C to K channels on an
      H×W output does **H·W·9·C·K multiply-accumulates (MACs)**. A dense layer uses each
      weight exactly once per image. Adding it up for VGG16 on one 224×224 image:

      - the thirteen convs hold about 14.7 million of the 138.4 million parameters (11%) but
        do about **15.3 billion** of the 15.5 billion MACs (99%);
      - the three dense layers hold about **123.6 million parameters (89%)** but do only
        123.6 million MACs (under 1%).

      The CS231n notes say the same of VGGNet: most of the memory and compute is in the early
      conv layers, most of the parameters in the last fully connected layers. To make a
      network smaller, shrink the dense head (later designs replace it with global average
      pooling); to make it faster, make the convs on the large maps cheaper.
  - exercise:
      id: second-conv-macs
      kind: number
      fixed: VGG16's own numbers
      prompt: >
        VGG16's second conv applies 64 filters of 3×3×64 at every position of a 224×224 map
        (stride 1, padding 1). How many multiply-accumulates is that, biases aside?
      answer: 1,849,688,064
      derive:
        # MACs = output positions × weights used at each position: 224·224 × 3·3·64·64
        mlp-weights: {inputs: 50176, hidden: 36864}
      hints:
        - At each position, each of the 64 filters does one dot product of 3·3·64 products.
        - 224·224 positions × 3·3·64·64 weights.
      explanation: >
        50,176 positions × 36,864 weights = 1,849,688,064 MACs, about 1.8 billion, for a layer
        with only 36,928 parameters.
  - exercise:
      id: first-dense-macs
      kind: number
      fixed: VGG16's own numbers
      prompt: >
        And VGG16's first dense layer, 25,088 inputs to 4,096 units: how many
        multiply-accumulates per image, biases aside?
      answer: 102,760,448
      derive:
        mlp-weights: {inputs: 25088, hidden: 4096}
      hints:
        - A dense layer uses each weight once per image.
        - 25,088 × 4,096
      explanation: >
        102,760,448 MACs, one per weight: eighteen times fewer than the second conv layer
        alone, although this layer holds nearly 2,800 times as many parameters.
  - exercise:
      id: conv-macs-per-position
      kind: number
      vary: {channels: [64, 128, 256, 512]}
      seed: 6
      prompt: >
        A VGG-style 3×3 conv from {channels} to {channels} channels: how many multiply-accumulates
        does it do at one output position, biases aside?
      derive:
        # one MAC per weight at each position
        parameters: {layer: "conv {channels} 3x3 nobias", input: "14x14x{channels}"}
      hints:
        - Each of the {channels} filters does a dot product over a 3×3×{channels} window.
        - 3 · 3 · {channels} · {channels}
      explanation: >
        9 · {channels}² MACs per position, as many as the layer has weights; multiply by the
        number of positions for the layer's total.
  - exercise:
      id: compute-versus-parameters
      kind: choice
      prompt: Where does VGG16 hold most of its parameters, and where does it do most of its arithmetic?
      options:
        - parameters in the convs, arithmetic in the dense layers
        - parameters in the dense layers, arithmetic in the convs
        - both in the dense layers
        - both in the convs
      answer: b
      hints:
        - A conv weight is used at every position of its map; a dense weight once per image.
      explanation: >
        The dense layers hold 89% of the parameters but do under 1% of the MACs; the convs,
        reusing their few weights at tens of thousands of positions, do 99% of the arithmetic.
  - exercise:
      id: shrink-what
      kind: choice
      prompt: >
        You may make one change to VGG16 to cut its parameter count. Which removes the most
        parameters?
      options:
        - replace the flatten and first dense layer with global average pooling and a smaller head
        - halve the filters of the first conv block
        - drop one 2×2 max pool
      answer: a
      hints:
        - Where are 102.8 million of the 138.4 million parameters?
      explanation: >
        The first dense layer alone holds 102,764,544 parameters; averaging each 7×7 map to one
        number gives a 512-long vector and removes almost all of them. The first conv block
        holds under 40,000, and dropping a pool would make the flattened vector, and the dense
        layer, four times larger.
  - exercise:
      id: spot-vgg-block
      kind: spot-error
      prompt: One entry of this summary of VGG's first block is wrong. Which row?
      vary: {s: [32, 64, 224]}
      seed: 3
      network: input {s}x{s}x3 | conv 64 3x3 pad 1 | conv 64 3x3 pad 1 | maxpool 2
      wrong: {row: 2, parameters: 36864}
      hints:
        - Each conv has (F·F·C + 1)·K parameters, with C the depth of its input.
        - Row 2's filters are 3×3 over the 64 maps of row 1, and each has a bias.
      explanation: >
        Row 2 shows 3·3·64·64 = 36,864: the weights without the 64 biases. The right count is
        (3·3·64 + 1)·64 = 36,928, whatever the input size.

"""#
}
