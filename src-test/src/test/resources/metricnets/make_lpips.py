"""Generates the LPIPS (v0.1, AlexNet) parity fixtures for LpipsTest.

Run with Debian's python3-torch / python3-torchvision:  /usr/bin/python3 make_lpips.py
It writes, next to itself:
  alexnet_shapes.tsv   name and shape of every tensor of torchvision's alexnet().features
  lpips-tiny/alexnet.bin  random weights of an AlexNet `features` stack with torchvision's exact
                       layer layout (kernels, strides, paddings, module indices) but narrow
                       channels (WIDTHS), plus a stray `classifier.1.weight` as a torchvision
                       checkpoint has; torch.save zip format
  lpips-tiny/lin.bin   random LPIPS heads lin{0..4}.model.1.weight [1, C, 1, 1]
  images.npy           [2 pairs, 2 images, 3, 64, 64] float32 in [0, 1]
  expected.npy         [2] float64, LPIPS of each pair by a plain-torch transcription
"""
import os

import numpy as np
import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
WIDTHS = [8, 12, 16, 12, 12]
TAPS = [1, 4, 7, 9, 11]  # indices of the ReLUs whose outputs LPIPS compares
SHIFT = torch.tensor([-0.030, -0.088, -0.188]).view(1, 3, 1, 1)
SCALE = torch.tensor([0.458, 0.448, 0.450]).view(1, 3, 1, 1)


def narrow_features():
    """torchvision's alexnet().features with every conv's channels replaced by WIDTHS."""
    full = torchvision.models.alexnet(weights=None).features
    layers, conv, in_ch = [], 0, 3
    for module in full:
        if isinstance(module, torch.nn.Conv2d):
            out_ch = WIDTHS[conv]
            layers.append(torch.nn.Conv2d(in_ch, out_ch, module.kernel_size, module.stride,
                                          module.padding))
            in_ch, conv = out_ch, conv + 1
        else:
            layers.append(module)
    return full, torch.nn.Sequential(*layers)


def lpips(features, lins, x0, x1):
    """LPIPS v0.1: inputs in [-1, 1], ScalingLayer, 5 ReLU taps, unit-normalise over channels,
    squared difference, 1x1 conv head, spatial mean, sum over layers."""
    def taps(x):
        x = (x - SHIFT) / SCALE
        out = []
        for i, module in enumerate(features):
            x = module(x)
            if i in TAPS:
                out.append(x)
        return out

    total = 0
    for f0, f1, w in zip(taps(x0), taps(x1), lins):
        n0 = f0 / (torch.sqrt(torch.sum(f0 ** 2, dim=1, keepdim=True)) + 1e-10)
        n1 = f1 / (torch.sqrt(torch.sum(f1 ** 2, dim=1, keepdim=True)) + 1e-10)
        d = torch.nn.functional.conv2d((n0 - n1) ** 2, w)
        total = total + d.mean(dim=[2, 3], keepdim=True)
    return total.flatten()


def main():
    torch.manual_seed(20260101)
    full, features = narrow_features()
    with open(os.path.join(HERE, "alexnet_shapes.tsv"), "w") as f:
        for name, t in full.state_dict().items():
            f.write("features.%s\t%s\n" % (name, ",".join(str(s) for s in t.shape)))
    lins = [torch.rand(1, c, 1, 1) for c in WIDTHS]  # heads are non-negative in the real file
    tiny = os.path.join(HERE, "lpips-tiny")
    os.makedirs(tiny, exist_ok=True)
    alex = {"features." + k: v.clone() for k, v in features.state_dict().items()}
    alex["classifier.1.weight"] = torch.randn(2, 12)
    torch.save(alex, os.path.join(tiny, "alexnet.bin"))
    torch.save({"lin%d.model.1.weight" % i: w for i, w in enumerate(lins)},
               os.path.join(tiny, "lin.bin"))
    images = torch.rand(2, 2, 3, 64, 64)
    images[1, 1] = (images[1, 0] + 0.1 * torch.randn(3, 64, 64)).clamp(0, 1)  # a close pair
    with torch.no_grad():
        d = lpips(features.double(), [w.double() for w in lins],
                  images[:, 0].double() * 2 - 1, images[:, 1].double() * 2 - 1)
    np.save(os.path.join(HERE, "images.npy"), images.numpy())
    np.save(os.path.join(HERE, "expected.npy"), d.numpy())
    print("LPIPS", d.tolist())


if __name__ == "__main__":
    main()
