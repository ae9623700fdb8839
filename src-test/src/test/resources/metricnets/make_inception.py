"""Generates the FID Inception-v3 parity fixtures for FidInceptionV3Test and InceptionMetricTest.

Run with Debian's python3-torch / python3-torchvision:  /usr/bin/python3 make_inception.py
The reference network is torchvision's Inception3 (num_classes=1008, no AuxLogits) whose
Mixed_5b..5d (InceptionA), Mixed_6b..6e (InceptionC) and Mixed_7b (InceptionE) pool their
branch_pool input with an average that leaves the zero padding out (count_include_pad=False),
and whose Mixed_7c pools it with a 3x3 max instead, as pytorch-fid's FID Inception does. Its
weights are FORMULA WEIGHTS (the real file is ~95 MB): for each tensor, seed = FNV-1a 64 of its
UTF-8 name, element i draws splitmix64(seed + i), u = top 24 bits / 2^24, then
  conv / fc weight   (2u - 1) * sqrt(3 / fan_in)
  bn weight          1 + 0.1 (2u - 1)
  bn bias, running_mean, fc bias   0.1 (2u - 1)
  bn running_var     0.5 + u
computed in float64 and rounded to float32 (diffusionsat.model.FormulaWeights does the same).
It writes, into inception/ next to itself:
  shapes.tsv          name and shape of every tensor of the reference network's state_dict,
                      without BatchNorm's num_batches_tracked counters
  images.npy          [2, 3, 64, 80] float32 in [0, 1]
  square.npy          [1, 3, 299, 299] float32 in [0, 1] (already the network's input size)
  resized.npy         [1, 3, 97, 131] float64: images[0] by F.interpolate bilinear,
                      align_corners=False (checks the resize alone, at non-integer scales)
  expected_pool.npy   [3, 2048] float64 pool features of images[0], images[1], square[0]
  expected_logits.npy [3, 1008] float64 logits of the same
The expected outputs follow pytorch-fid's preprocessing (bilinear resize to 299x299,
align_corners=False, then 2x - 1) and are computed in float64.
"""
import os
import types

import numpy as np
import torch
import torch.nn.functional as F
import torchvision

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inception")
MASK = (1 << 64) - 1


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & MASK
    return h


def uniforms(name, n):
    """u_i = top 24 bits of splitmix64(seed + i) / 2^24, exactly representable in float32."""
    with np.errstate(over="ignore"):
        z = np.uint64(fnv1a64(name)) + np.arange(n, dtype=np.uint64) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(40)).astype(np.float64) / float(1 << 24)


def formula_tensor(name, shape):
    n = int(np.prod(shape))
    u = uniforms(name, n)
    if name.endswith("running_var"):
        v = 0.5 + u
    elif name.endswith("weight") and len(shape) >= 2:
        v = (2 * u - 1) * np.sqrt(3.0 / (n // shape[0]))
    elif name.endswith("weight"):
        v = 1 + 0.1 * (2 * u - 1)
    else:  # bias, running_mean
        v = 0.1 * (2 * u - 1)
    return torch.from_numpy(v.astype(np.float32).reshape(shape))


def pooled_input(x, fid_pool):
    if fid_pool == "max":
        return F.max_pool2d(x, kernel_size=3, stride=1, padding=1)
    return F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)


def fid_a(self, x):
    b5 = self.branch5x5_2(self.branch5x5_1(x))
    b3 = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
    return torch.cat([self.branch1x1(x), b5, b3,
                      self.branch_pool(pooled_input(x, self.fid_pool))], 1)


def fid_c(self, x):
    b7 = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
    d = self.branch7x7dbl_1(x)
    for layer in (self.branch7x7dbl_2, self.branch7x7dbl_3, self.branch7x7dbl_4,
                  self.branch7x7dbl_5):
        d = layer(d)
    return torch.cat([self.branch1x1(x), b7, d,
                      self.branch_pool(pooled_input(x, self.fid_pool))], 1)


def fid_e(self, x):
    b3 = self.branch3x3_1(x)
    b3 = torch.cat([self.branch3x3_2a(b3), self.branch3x3_2b(b3)], 1)
    d = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
    d = torch.cat([self.branch3x3dbl_3a(d), self.branch3x3dbl_3b(d)], 1)
    return torch.cat([self.branch1x1(x), b3, d,
                      self.branch_pool(pooled_input(x, self.fid_pool))], 1)


def fid_inception():
    """torchvision's Inception3 with pytorch-fid's branch_pool pooling in the Mixed blocks."""
    net = torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=False,
                                          num_classes=1008)
    patches = {"5b": fid_a, "5c": fid_a, "5d": fid_a, "6b": fid_c, "6c": fid_c, "6d": fid_c,
               "6e": fid_c, "7b": fid_e, "7c": fid_e}
    for block, forward in patches.items():
        module = getattr(net, "Mixed_" + block)
        module.fid_pool = "max" if block == "7c" else "avg"
        module.forward = types.MethodType(forward, module)
    return net


def features(net, images):
    """pytorch-fid's preprocessing, then the 2048 pool features and the fc logits."""
    x = F.interpolate(images, size=(299, 299), mode="bilinear", align_corners=False)
    x = 2 * x - 1
    pool = net.avgpool(torch.nn.Sequential(*list(net.children())[:-3])(x)).flatten(1)
    return pool, net.fc(pool)


def main():
    os.makedirs(HERE, exist_ok=True)
    net = fid_inception()
    state = net.state_dict()
    names = [k for k in state if not k.endswith("num_batches_tracked")]
    with open(os.path.join(HERE, "shapes.tsv"), "w") as f:
        for name in names:
            f.write("%s\t%s\n" % (name, ",".join(str(s) for s in state[name].shape)))
    net.load_state_dict({k: formula_tensor(k, tuple(state[k].shape)) for k in names},
                        strict=False)
    net = net.double().eval()

    rng = np.random.default_rng(20260102)
    images = rng.random((2, 3, 64, 80), dtype=np.float32)
    # a smooth square image: gradients plus a little noise, already 299x299
    yy, xx = np.mgrid[0:299, 0:299].astype(np.float32) / 298
    square = np.stack([xx, yy, 0.5 * (xx + yy)])[None] * 0.8 \
        + 0.2 * rng.random((1, 3, 299, 299), dtype=np.float32)
    square = square.astype(np.float32)
    np.save(os.path.join(HERE, "images.npy"), images)
    np.save(os.path.join(HERE, "square.npy"), square)
    resized = F.interpolate(torch.from_numpy(images[:1]).double(), size=(97, 131),
                            mode="bilinear", align_corners=False)
    np.save(os.path.join(HERE, "resized.npy"), resized.numpy())
    with torch.no_grad():
        pool_a, logits_a = features(net, torch.from_numpy(images).double())
        pool_b, logits_b = features(net, torch.from_numpy(square).double())
    pool = torch.cat([pool_a, pool_b]).numpy()
    logits = torch.cat([logits_a, logits_b]).numpy()
    np.save(os.path.join(HERE, "expected_pool.npy"), pool)
    np.save(os.path.join(HERE, "expected_logits.npy"), logits)
    print("pool mean %.4g std %.4g, logits std %.4g" % (pool.mean(), pool.std(), logits.std()))
    print("pool features differ between images by (max abs)",
          np.abs(pool[0] - pool[1]).max(), np.abs(pool[0] - pool[2]).max())


if __name__ == "__main__":
    main()
