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
      - **Filters reach through the whole depth.** If the input has C channels, every filter of
        an ordinary convolution is F×F×C. Its dot product runs over the spatial window **and**
        all channels, so each filter still produces one 2-D map. (Two variants break this rule
        on purpose: a **grouped** convolution splits the channels into G groups and each filter
        reads only its group's C/G channels, as in AlexNet's two-GPU layers and ResNeXt; a
        **depthwise** convolution, as in MobileNet, gives each channel its own F×F filter.
        PyTorch's Conv2d has a groups argument for both. This course means the ordinary kind.)
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
      fixed: VGG16's own first layer
      prompt: VGG16's first layer applies 64 filters of 3×3 to a 224×224×3 image. How many learnable parameters does it have?
      answer: 1,792
      derive:
        parameters: {layer: conv 64 3x3 pad 1, input: 224x224x3}
      hints:
        - One filter is 3×3×3 weights plus a bias.
        - (F·F·C + 1)·K with F = 3, C = 3, K = 64.
      explanation: (3·3·3 + 1)·64 = 28·64 = 1,792.
  - exercise:
      id: vgg-first-layer-from-network
      kind: number
      fixed: VGG16's own first layer, checked against the whole network
      prompt: Check it against the whole network. Counting from 0, how many parameters does layer 0 of vgg16 have?
      answer: 1792
      derive:
        parameters: {network: vgg16, index: 0}
      hints:
        - Layer 0 is the first conv, the one you just counted.
        - (3·3·3 + 1)·64
      explanation: The same (3·3·3 + 1)·64 = 1,792, read from the VGG16 architecture the engine knows.
  - exercise:
      id: dense-equivalent
      kind: number
      fixed: compared with VGG16's own first layer
      prompt: >
        A fully connected layer from the same 224×224×3 input to an output just as big as the
        conv layer's, 224×224×64 units, would need how many weights (ignoring biases)?
      answer: 483,385,147,392
      derive:
        mlp-weights: {inputs: 150528, hidden: 3211264}
      hints:
        - Every input connects to every output unit.
        - 224·224·3 inputs, 224·224·64 outputs.
      explanation: >
        150,528 × 3,211,264 ≈ 4.8 × 10¹¹, against 1,792 for the convolution: about 2.7 × 10⁸
        times as many, more than eight orders of magnitude. That gap is what makes CNNs
        feasible.
  - demo: arch
    spec: teaching-net
    caption: Every conv row is (F·F·C + 1)·K; the linear layer at the end costs more than both convs together.
  - exercise:
      id: filter-depth
      kind: choice
      tests: understanding
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
        - Each filter reaches through all {channels} input channels and has one bias.
        - (F·F·C + 1)·K with F = {kernel}, C = {channels}, K = {filters}.
      explanation: ({kernel}·{kernel}·{channels} + 1)·{filters}.
  - exercise:
      id: depthwise-parameters
      kind: number
      vary: {channels: [16, 32, 64, 128]}
      seed: 4
      prompt: >
        A depthwise 3×3 convolution on a {channels}-channel input gives each channel its own
        3×3 filter (no biases). How many weights? Compare an ordinary 3×3 conv from {channels}
        to {channels} channels, which has 9·{channels}² of them.
      derive:
        # one full-depth 3×3 filter has 9·C weights, as many as C one-channel 3×3 filters
        parameters: {layer: "conv 1 3x3 nobias", input: "16x16x{channels}"}
      hints:
        - Each filter now reads one channel only, so it has 3·3 weights.
        - There is one such filter per channel.
      explanation: >
        9 × {channels}: one 3×3 filter per channel, {channels} times fewer weights than the
        ordinary layer, because no filter mixes channels (MobileNet follows it with a 1×1 conv
        that does).
  - text: |
      Stacked layers form a **hierarchy**. The first layers pick up edges, corners and blobs;
      middle layers combine those into textures and parts (an eye, a wheel); the last ones
      respond to whole objects. Zeiler and Fergus (2014) showed this by projecting what
      excites units of a trained ImageNet network back to pixels: edges and colour blobs in
      layer 1, corners and textures in layers 2 and 3, object parts such as dog faces in
      layer 4, whole objects in layer 5. Nobody assigns these roles: they emerge from training
      on the task. Going deeper, the maps get smaller, each unit sees more of the image (its
      receptive field grows, lesson 12) and the features become more abstract, loosely like
      the progression neuroscience describes along the visual cortex.
  - demo: train
    epochs: "2"
    caption: >
      Train the teaching net on digits and watch its first layer's filters turn from noise into
      edge and stroke detectors, learned rather than designed by hand.
  - demo: train
    epochs: "2"
    page: strongest
    caption: >
      What does one channel look for? This page ranks test digits by how strongly they excite
      a channel and shows the nine strongest, as Zeiler and Fergus (2014) did for each feature
      of their network. Press c and C to change channel, [ and ] to change layer, and compare
      what channels of the first conv layer and of deeper layers respond to.
  - demo: network
    layer: "3"
    caption: >
      Look inside the teaching net while it learns: every layer's activation maps for one
      digit, with each conv filter beside its map. The cursor starts on the second conv layer;
      press Enter to step through the very window, learned kernel and bias that produced the
      selected unit, summed over all eight channels of the layer below.
  - demo: draw
    caption: >
      Draw a digit and watch every layer of a trained teaching net respond: the first maps
      follow your strokes, the deeper ones are smaller and coarser, and the class scores change
      with every stroke. It opens on the network you just trained, or on a built-in one.
  - demo: train
    epochs: "2"
    page: failures
    caption: >
      Where does it fail? After each epoch this page counts, for every true class, which class
      the network predicted on the test digits (the confusion matrix); x and X step through
      the digits it got wrong.
  - exercise:
      id: hierarchy-where
      kind: choice
      tests: understanding
      prompt: >
        In a trained VGG-like network, where would you expect a unit that responds to dog
        faces, wherever they appear?
      options:
        - in the first conv layer
        - in one of the last conv layers
        - in the max-pooling layers, which have no weights
      answer: b
      hints:
        - How much of the image can a first-layer 3×3 unit see?
        - A face is built from eyes, a nose and fur texture, which are built from edges.
      explanation: >
        A face detector combines parts, which combine edges, so it needs several layers below
        it and a receptive field large enough to cover a face: deep layers. Pooling layers only
        select or average; they cannot learn a pattern.
  - exercise:
      id: hierarchy-first-layer
      kind: choice
      tests: understanding
      prompt: Why can no unit of the first 3×3 conv layer detect a whole face in a 224×224 photo?
      options:
        - its weights are too small
        - it sees only a 3×3 patch of pixels, far less than a face
        - first layers have no activation function
      answer: b
      hints:
        - What is the receptive field of one first-layer output?
      explanation: >
        Each first-layer output depends on 9 pixels per channel. A face spans dozens or
        hundreds of pixels, so only units many layers up, whose receptive fields cover it, can
        respond to the whole face.
  - exercise:
      id: hierarchy-designed
      kind: truefalse
      tests: understanding
      prompt: >
        In a CNN, the designer decides that layer 1 detects edges and layer 4 detects object
        parts, and initialises the filters accordingly.
      answer: false
      hints:
        - Where do the kernels' numbers come from in a CNN?
      explanation: >
        The filters start random and are learned end to end; the hierarchy emerges from
        training. The designer only chooses the architecture (how many layers, filters, kernel
        sizes), which makes such a hierarchy possible.
  - exercise:
      id: trace-first-block
      kind: trace
      prompt: >
        Fill in this table, CS231n style: for each layer, its output shape (H×W×C) and its
        parameter count, rows separated by ';'.
      vary: {s: [16, 20, 24, 28, 32]}
      seed: 6
      network: input {s}x{s}x1 | conv 6 5x5 pad 2 | relu | maxpool 2
      hints:
        - Padding 2 on a 5×5 kernel keeps the size; ReLU changes nothing but the values; a 2×2 pool halves.
        - "The conv has (5·5·1 + 1)·6 parameters; the input side is {s}."
      explanation: >
        A 5×5 conv with padding 2 keeps {s}×{s} and makes 6 maps, with (5·5·1 + 1)·6 = 156
        parameters; ReLU and max pooling have none, and the pool halves the side.
  - exercise:
      id: depthwise-depth
      kind: truefalse
      tests: understanding
      prompt: >
        In a depthwise convolution (groups equal to the number of input channels), each
        filter spans the whole input depth, as in an ordinary conv layer.
      answer: false
      hints:
        - Grouped convolution splits the channels into groups, and each filter sees only its group.
        - With as many groups as channels, how many channels does each group hold?
      explanation: >
        "A filter spans the whole input depth" holds for ordinary convolution. A grouped
        convolution's filters see only their group's channels; a depthwise one, with one group
        per channel, gives each filter a single channel (a 3×3 depthwise filter has 9 weights).
  - exercise:
      id: trace-small-net
      kind: trace
      prompt: >
        Fill in the table for this small network: each layer's output shape (H×W×C) and
        parameter count, rows separated by ';'.
      vary: {s: [28, 32, 36]}
      seed: 6
      network: input {s}x{s}x3 | conv 8 5x5 | relu | maxpool 2 | conv 16 3x3 pad 1
      hints:
        - A 5×5 conv without padding loses 4 rows and columns; the pool halves; padding 1 keeps a 3×3 conv's size.
        - "The convs have (5·5·3 + 1)·8 and (3·3·8 + 1)·16 parameters; the first output side is {s} − 4."
      explanation: >
        The 5×5 conv gives ({s} − 4)×({s} − 4)×8 with 608 parameters, the pool halves the
        side, and the padded 3×3 conv keeps it with 16 maps and 1,168 parameters; the filters
        span all 3 and then all 8 input channels.
  - exercise:
      id: hierarchy-why-deeper
      kind: choice
      tests: understanding
      prompt: >
        Why can units deep in a CNN respond to larger and more complex patterns (a wheel, a
        face) than units of the first layer, although every layer uses small 3×3 kernels?
      options:
        - deeper layers have larger kernels
        - each deeper unit sees a larger receptive field and combines the features the layer below found in it
        - deeper layers see more channels of the original image
      answer: b
      mistakes:
        a: The kernels stay 3×3; the field grows because each layer adds k − 1 (and more after strides).
      hints:
        - What does a unit of layer 2 see through the 3×3 units of layer 1 below it?
        - "What are the inputs of a deeper layer: pixels, or earlier features?"
      explanation: >
        Each stacked layer widens the receptive field, and its inputs are the previous
        layer's features, not pixels: edges combine into textures and parts, parts into
        objects. That is learned from data, not designed.

"""#
}
