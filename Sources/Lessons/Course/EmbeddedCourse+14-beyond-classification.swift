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
      prompt: >
        A segmentation head applies 21 filters of 1×1 (one per class) to a 7×7×512 feature
        volume. What shape comes out?
      answer: 7x7x21
      derive:
        conv-output-size: {input: 7x7x512, kernel: 1, filters: 21}
      explanation: A 1×1 conv keeps height and width and sets the depth to the number of filters, giving a 7×7 map of class scores to upsample.

"""#
}
