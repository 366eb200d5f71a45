// Written by lessons/embed.sh from lessons/14-beyond-classification.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_14_beyond_classification = #"""
id: beyond-classification
title: Beyond classification
summary: The same convolutional backbone with different heads localises, detects and segments.
steps:
  - text: |
      A trained CNN is a feature extractor, and its features are useful far beyond picking a
      class. Change the **head**, the last layers, and the same backbone does other jobs.

      - **Classification plus localisation.** Predict a class and a bounding box. The class
        head keeps the cross-entropy loss; the box head regresses four numbers with an L2
        loss; training minimises a weighted sum of the two.
      - **Object detection** (Faster R-CNN, YOLO): find every object, each with a class and a
        box. The CNN is the backbone; specialised heads propose and score the boxes.
      - **Semantic segmentation**: label every pixel. The natural design is a **fully
        convolutional network**: replace the dense layers with convolutions so the output
        keeps its spatial layout, and add upsampling layers to undo the pooling's shrinking.

      Swap the head, retrain or fine-tune, and you have a different model built on the same
      hierarchy of features.

      Three building blocks do most of this work.

      - **A 1×1 convolution** applies the same small dense layer to the channel vector at each
        position: on a 7×7×512 map, 21 filters of 1×1×512 turn every position's 512 features
        into 21 class scores, (512 + 1)·21 = 10,773 parameters whatever the map's size.
      - **Sliding a classifier is a convolution.** Replace a dense layer on a 7×7×512 volume by
        a 7×7 conv with as many filters, and the network accepts larger images, giving a map
        of answers, one per window, instead of one answer: a fully convolutional network.
      - **Upsampling** brings a coarse map back to the image's size: nearest-neighbour or
        bilinear interpolation, or a learned **transposed convolution**, whose output size
        in PyTorch is (W − 1)·S − 2P + F (plus any output padding); a 2×2 kernel at stride 2
        doubles a side.
  - demo: conv
    image: digit
    kernel: sobel-y
    caption: A feature map keeps the layout of the image, which is what a segmentation head builds on.
  - demo: dense
    caption: >
      One small CNN with two heads, 11 class scores and 4 box numbers, trained on CE plus an L2
      box loss, then slid over a canvas: a class map for every window, and a box for each digit.
  - exercise:
      id: box-numbers
      kind: number
      prompt: How many numbers does a bounding-box regression head predict for one box?
      answer: 4
      hints:
        - Two corners, or a centre and a size.
        - Each corner, or the centre, needs an x and a y; a size needs a width and a height.
      explanation: Four coordinates, for example the x and y of two corners, or a centre plus a width and a height.
  - exercise:
      id: box-loss
      kind: choice
      prompt: Which loss suits the box coordinates?
      options: [cross-entropy, L2 (squared error), hinge]
      answer: b
      explanation: The coordinates are real numbers, a regression problem, so an L2 loss fits; cross-entropy stays with the class head.
  - exercise:
      id: fcn-name
      kind: text
      prompt: What is a network called whose dense layers have all been replaced by convolutions?
      answer: fully convolutional network
      accept: [FCN, fully convolutional, fully-convolutional network]
      explanation: A fully convolutional network (FCN) keeps spatial structure all the way to its output.
  - exercise:
      id: one-by-one-head
      kind: shape
      vary: {classes: [2, 11, 21, 81, 151]}
      seed: 4
      prompt: >
        A segmentation head applies {classes} filters of 1×1 (one per class) to a 7×7×512
        feature volume. What shape comes out?
      derive:
        conv-output-size: {input: 7x7x512, kernel: 1, filters: "{classes}"}
      hints:
        - A 1×1 kernel with stride 1 fits at every position, so height and width stay.
        - The depth is the number of filters.
      explanation: >
        7×7×{classes}: a 1×1 conv keeps height and width and sets the depth to the number of
        filters, giving a 7×7 map of class scores to upsample.
  - exercise:
      id: one-by-one-parameters
      kind: number
      vary: {classes: [2, 11, 21, 81, 151]}
      seed: 4
      prompt: How many parameters does that 1×1 head with {classes} filters on 512 channels have, biases included?
      derive:
        parameters: {layer: "conv {classes} 1x1", input: "7x7x512"}
      hints:
        - Each filter is 1×1×512 plus a bias.
        - (1·1·512 + 1)·{classes}
      explanation: >
        (512 + 1)·{classes}, the same as a dense layer from 512 features to {classes} scores,
        applied at each of the 49 positions with the same weights.
  - exercise:
      id: one-by-one-meaning
      kind: choice
      prompt: What does a 1×1 convolution compute at each position of a feature map?
      options:
        - nothing useful; a 1×1 window sees a single number
        - a dense layer on that position's channel vector, the same weights at every position
        - an average of the neighbouring positions
      answer: b
      hints:
        - How deep is a 1×1 filter on a 512-channel map?
      explanation: >
        A 1×1 filter reaches through all the channels, so at each position it mixes the
        channel vector like a dense layer, with weights shared across positions; it changes the
        depth, never the height or width.
  - exercise:
      id: fcn-larger-input
      kind: choice
      prompt: >
        A classifier trained on 224×224 images is given a 448×448 image. Which network can
        run on it unchanged?
      options:
        - VGG16 with its flatten and dense layers
        - the same network with its dense layers turned into convolutions (fully convolutional)
        - neither
      answer: b
      hints:
        - How many inputs does VGG16's first dense layer expect?
      explanation: >
        The first dense layer expects exactly 25,088 inputs, the flattened 7×7×512; a 448
        image gives 14×14×512. Convolutions run at any size, so the fully convolutional
        version outputs a map of class scores, one per window.
  - exercise:
      id: fcn-output-map
      kind: shape
      fixed: VGG16's own convs and pools
      prompt: >
        VGG16's convs and pools, fully convolutional, applied to a 448×448×3 image: what shape
        comes out of the last max pool?
      answer: 14x14x512
      derive:
        output-shape: {network: "input 448x448x3 | conv 64 3x3 pad 1 | conv 64 3x3 pad 1 | maxpool 2 | conv 128 3x3 pad 1 | conv 128 3x3 pad 1 | maxpool 2 | conv 256 3x3 pad 1 | conv 256 3x3 pad 1 | conv 256 3x3 pad 1 | maxpool 2 | conv 512 3x3 pad 1 | conv 512 3x3 pad 1 | conv 512 3x3 pad 1 | maxpool 2 | conv 512 3x3 pad 1 | conv 512 3x3 pad 1 | conv 512 3x3 pad 1 | maxpool 2"}
      hints:
        - The convs keep the size; each of the five pools halves it.
        - 448 / 2⁵
      explanation: >
        448 halved five times is 14, with 512 channels: a 14×14 grid of positions over which a
        7×7 head can slide.
  - exercise:
      id: upsample-factor
      kind: number
      prompt: >
        The segmentation head's 7×7 score map must become one score per pixel of the 224×224
        image. By what factor must it be upsampled along each side?
      answer: 32
      hints:
        - Five 2×2 pools halved the side five times.
        - 224 / 7
      explanation: >
        224/7 = 32 = 2⁵, undoing the five poolings; fully convolutional networks often do it in
        stages, mixing in finer maps from earlier layers.
  - exercise:
      id: transposed-conv-size
      kind: number
      prompt: >
        A transposed convolution with a 2×2 kernel, stride 2 and no padding upsamples a 7×7
        map. How wide is its output? (PyTorch: (W − 1)·S − 2P + F.)
      answer: 14
      hints:
        - (W − 1)·S − 2P + F with W = 7, S = 2, P = 0, F = 2.
        - 6 · 2 + 2
      explanation: >
        (7 − 1)·2 − 0 + 2 = 14, twice the width; five such layers would undo VGG16's five
        pools.
  - exercise:
      id: trace-one-by-one-head
      kind: trace
      prompt: >
        A segmentation head scores 21 classes at every position with a 1×1 convolution. Fill
        in the table: each layer's output shape (H×W×C) and parameter count, rows separated
        by ';'.
      vary: {s: [7, 14, 28]}
      seed: 4
      network: input {s}x{s}x512 | conv 21 1x1
      hints:
        - A 1×1 conv keeps the height and width; its output depth is its number of filters.
        - Each filter has 1·1·512 weights and one bias.
      explanation: >
        The 1×1 conv keeps {s}×{s} and gives 21 maps, one score per class at each position,
        with (1·1·512 + 1)·21 = 10,773 parameters: a linear classifier applied at every
        position.

"""#
}
