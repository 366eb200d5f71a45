// Written by lessons/embed.sh from lessons/08-conv-layers.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_08_conv_layers = #"""
id: conv-layers
title: Convolution layers
summary: Many filters in parallel, each spanning the full input depth, plus a bias and an activation; and what that costs in parameters.
steps:
  - text: |
      A convolution **layer** wraps the operation in three ideas.

      - **Many filters.** One filter finds one kind of feature, say a vertical edge. A layer
        runs K filters side by side, each hunting for a different pattern, and stacks their K
        output maps into a volume of depth K.
      - **Filters reach through the whole depth.** If the input has C channels, every filter is
        F×F×C. Its dot product runs over the spatial window **and** all channels, so each filter
        still produces one 2-D map.
      - **Bias and activation.** Each filter adds its own bias, then a non-linearity such as
        ReLU is applied. The result is called an **activation map** or **feature map**.

      Counting parameters: each filter has F·F·C weights and 1 bias, so the layer has

      **(F·F·C + 1)·K** parameters,

      independent of the image's height and width: the payoff of weight sharing.
  - demo: conv
    image: colour
    kernel: sobel-x
    caption: The filter reads all three colour channels at once and still writes a single output map.
  - exercise:
      id: vgg-first-layer
      kind: number
      prompt: VGG16's first layer applies 64 filters of 3×3 to a 224×224×3 image. How many learnable parameters does it have?
      answer: 1,792
      derive:
        parameters: {layer: conv 64 3x3 pad 1, input: 224x224x3}
      hints:
        - One filter is 3×3×3 plus a bias.
      explanation: (3·3·3 + 1)·64 = 28·64 = 1,792.
  - exercise:
      id: vgg-first-layer-from-network
      kind: number
      prompt: Check it against the whole network. Counting from 0, how many parameters does layer 0 of vgg16 have?
      answer: 1792
      derive:
        parameters: {network: vgg16, index: 0}
      explanation: The same (3·3·3 + 1)·64 = 1,792, read from the VGG16 architecture the engine knows.
  - exercise:
      id: dense-equivalent
      kind: number
      prompt: >
        A fully connected layer from the same 224×224×3 input to an output just as big as the
        conv layer's, 224×224×64 units, would need how many weights (ignoring biases)?
      answer: 483,385,147,392
      derive:
        mlp-weights: {inputs: 150528, hidden: 3211264}
      hints:
        - 224·224·3 inputs, 224·224·64 outputs.
      explanation: >
        150,528 × 3,211,264 ≈ 4.8 × 10¹¹, against 1,792 for the convolution: more than eight
        orders of magnitude. That gap is what makes CNNs feasible.
  - demo: arch
    spec: teaching-net
    caption: Every conv row is (F·F·C + 1)·K; the linear layer at the end costs more than both convs together.
  - exercise:
      id: filter-depth
      kind: choice
      prompt: A layer's input has 128 channels. How deep must each of its filters be?
      options: ["3", "64", "128", "it is a free choice"]
      answer: c
      explanation: >
        The dot product runs over every channel at each position, so a filter needs one weight
        per (offset, channel) pair: depth 128. Only the spatial size F is a design choice.
  - exercise:
      id: parameters-any
      kind: number
      vary: {kernel: [1, 3, 5], channels: [3, 16, 32, 64], filters: [8, 16, 32, 64]}
      seed: 5
      prompt: A conv layer with {filters} filters of {kernel}×{kernel} on an input with {channels} channels. How many parameters, biases included?
      derive:
        parameters: {layer: "conv {filters} {kernel}x{kernel}", input: "32x32x{channels}"}
      hints:
        - (F·F·C + 1)·K
      explanation: ({kernel}·{kernel}·{channels} + 1)·{filters}.
  - text: |
      Stacked layers form a **hierarchy**. The first layers pick up edges, corners and blobs;
      middle layers combine those into parts (an eye, a wheel); the last ones respond to whole
      objects. Going deeper, the maps get smaller and the features more abstract, much as
      neuroscience describes the visual cortex.
  - demo: train
    epochs: "2"
    caption: >
      Train the teaching net on digits and watch its first layer's filters turn from noise into
      edge and stroke detectors, learned rather than designed by hand.

"""#
}
