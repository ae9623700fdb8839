#!/usr/bin/env python3
"""PyTorch side of MetricNetworksBenchmark: the evaluation's metric networks with the same shapes,
inputs, dtype (fp32), batch sizes and thread count as benchmarks/.../MetricNetworksBenchmark.java.

    /usr/bin/python3 benchmarks/pytorch/metric_networks.py [--threads 2] [--forwards 10] \
        [--warm-ups 2] [--clip-patch 16]

The networks come from the test fixtures' generator scripts (src-test/.../metricnets), imported
for their plain-torch definitions only:
  - make_inception.py: torchvision's Inception3 with pytorch-fid's FID pooling, loaded with the
    same formula weights as the Java side, so the pool-feature checksums must agree;
  - make_lpips.py: the LPIPS arithmetic over torchvision's alexnet().features (default init);
  - make_clip.py: the CLIP image tower transcription (random weights).
Prints one line per measurement: name, median ms per forward and per image, min, forwards.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
import torchvision

METRICNETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                          "src-test", "src", "test", "resources", "metricnets")
sys.path.insert(0, METRICNETS)
import make_clip  # noqa: E402
import make_inception  # noqa: E402
import make_lpips  # noqa: E402

INCEPTION_SIDE = 299
LPIPS_SIDE = 256
EVALUATED_SIDE = 512


def pattern(*shape):
    """0.5 + 0.5 sin(0.37 i) over the flat index i, float32: the Java side's values."""
    n = int(np.prod(shape))
    return torch.from_numpy((0.5 + 0.5 * np.sin(0.37 * np.arange(n))).astype(np.float32)
                            .reshape(shape))


def network_input(batch, side):
    return pattern(batch, 3, side, side) * 2 - 1


def timed(forward, forwards, warm_ups):
    ms = []
    with torch.no_grad():
        for i in range(warm_ups + forwards):
            start = time.perf_counter()
            forward()
            if i >= warm_ups:
                ms.append((time.perf_counter() - start) * 1000)
    return ms


def report(name, batch, ms):
    median = statistics.median(ms)
    print(f"pytorch {name}: median {median:.1f} ms/forward, {median / batch:.1f} ms/image, "
          f"min {min(ms):.1f} ms/forward ({len(ms)} forwards)", flush=True)


def inception(args):
    net = make_inception.fid_inception()
    state = net.state_dict()
    net.load_state_dict({k: make_inception.formula_tensor(k, tuple(v.shape))
                         for k, v in state.items() if not k.endswith("num_batches_tracked")},
                        strict=False)
    net.eval()
    trunk = torch.nn.Sequential(*list(net.children())[:-3])  # up to Mixed_7c, as features()

    def pool_and_logits(x):
        pool = net.avgpool(trunk(x)).flatten(1)
        return pool, net.fc(pool)

    for batch in (1, 8):
        x = network_input(batch, INCEPTION_SIDE)
        with torch.no_grad():
            pool = pool_and_logits(x)[0]
        print(f"pytorch inception pool checksum (batch {batch}): sum {pool.double().sum():.6f} "
              f"first {pool[0, 0]:.8g}")
        report(f"inception {INCEPTION_SIDE} batch {batch}", batch,
               timed(lambda: pool_and_logits(x), args.forwards, args.warm_ups))

    # the evaluate job's per-image path from a 512x512 image: resize (float64 as ours, float32
    # as pytorch-fid), 2x - 1, the network
    image = pattern(1, 3, EVALUATED_SIDE, EVALUATED_SIDE)

    def end_to_end(dtype):
        x = F.interpolate(image.to(dtype), size=(INCEPTION_SIDE, INCEPTION_SIDE),
                          mode="bilinear", align_corners=False).float()
        return pool_and_logits(2 * x - 1)

    for dtype, label in ((torch.float64, "float64"), (torch.float32, "float32")):
        report(f"resize {EVALUATED_SIDE} -> {INCEPTION_SIDE} ({label}) + inception", 1,
               timed(lambda: end_to_end(dtype), args.forwards, args.warm_ups))


def lpips(args):
    features = torchvision.models.alexnet(weights=None).features.eval()
    lins = [torch.rand(1, c, 1, 1) for c in (64, 192, 384, 256, 256)]
    pair = network_input(2, LPIPS_SIDE)
    x0, x1 = pair[:1], pair[1:]
    report(f"lpips alexnet {LPIPS_SIDE} pair", 1,
           timed(lambda: make_lpips.lpips(features, lins, x0, x1), args.forwards, args.warm_ups))


def clip(args):
    # transformers' CLIPConfig defaults (ViT-B) with the given patch size
    config = {
        "projection_dim": 512, "logit_scale_init_value": 2.6592,
        "text_config": {"vocab_size": 49408, "hidden_size": 512, "intermediate_size": 2048,
                        "num_hidden_layers": 12, "num_attention_heads": 8,
                        "max_position_embeddings": 77},
        "vision_config": {"hidden_size": 768, "intermediate_size": 3072, "num_hidden_layers": 12,
                          "num_attention_heads": 12, "image_size": 224,
                          "patch_size": args.clip_patch, "layer_norm_eps": 1e-5},
    }
    weights = make_clip.random_weights(config, torch.Generator().manual_seed(3))
    pixels = network_input(1, 224)
    report(f"clip image ViT-B/{args.clip_patch} 224", 1,
           timed(lambda: make_clip.image_embeds(pixels, weights, config), args.forwards,
                 args.warm_ups))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--forwards", type=int, default=10)
    parser.add_argument("--warm-ups", type=int, default=2)
    parser.add_argument("--clip-patch", type=int, default=16)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads", flush=True)
    inception(args)
    lpips(args)
    clip(args)


if __name__ == "__main__":
    main()
