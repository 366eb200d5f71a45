// Written by lessons/embed.sh from lessons/course.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_course = #"""
format: 1
title: Convolutional neural networks, from the ground up
lessons:
  - 01-mlp-limits.yaml
  - 02-weight-sharing.yaml
  - 03-image-representation.yaml
  - 04-activations.yaml
  - 05-convolution.yaml
  - 06-hand-designed-kernels.yaml
  - 07-output-size.yaml
  - 08-conv-layers.yaml
  - 09-pooling.yaml
  - 10-vgg16.yaml
  - 11-invariance-equivariance.yaml
  - 12-receptive-fields.yaml
  - 13-backprop-through-conv.yaml
  - 14-beyond-classification.yaml
  - 15-reading-and-designing.yaml

"""#
}
