"""The teaching net as a torch.nn.Sequential, module for module as ConvLab numbers it, so a
ConvLab checkpoint's keys ("0.weight", "3.weight", "7.weight", ...) are this model's state_dict
keys. Shared by make_training_fixtures.py and check_checkpoint.py.
"""
import torch.nn as nn


def teaching_net():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # 0, 1, 2
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # 3, 4, 5
        nn.Flatten(), nn.Linear(16 * 7 * 7, 10),                     # 6, 7
    )
