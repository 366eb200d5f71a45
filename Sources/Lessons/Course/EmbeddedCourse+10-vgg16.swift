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
      prompt: What is the shape after VGG16's fifth (last) max pool?
      answer: 7x7x512
      derive:
        output-shape: {network: vgg16, index: 30}
      explanation: 224 halved five times is 7, and the last block has 512 filters.
  - exercise:
      id: flattened-length
      kind: number
      prompt: How many numbers does that volume flatten into?
      answer: 25,088
      derive:
        output-shape: {network: vgg16, index: 31}
      explanation: 7 × 7 × 512 = 25,088.
  - exercise:
      id: total-parameters
      kind: number
      prompt: How many learnable parameters does VGG16 have in total? (Use the engine's exact count.)
      answer: 138,357,544
      derive:
        parameters: {network: vgg16}
      hints:
        - About 138 million.
      explanation: 138,357,544, the figure usually quoted as 138 million.
  - exercise:
      id: first-dense
      kind: number
      prompt: How many of those belong to the first fully connected layer alone (25,088 → 4096, with biases)?
      answer: 102,764,544
      derive:
        parameters: {network: vgg16, index: 32}
      hints:
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

"""#
}
