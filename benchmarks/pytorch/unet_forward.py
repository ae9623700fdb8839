#!/usr/bin/env python3
"""PyTorch side of the UNet forward benchmark: the upstream SatUNet, same configurations, shapes,
batch (1), dtype (fp32) and thread count as benchmarks/.../UNetForwardBenchmark.java.

Needs Debian's python3-torch and a checkout of the upstream DiffusionSat repository (it vendors
diffusers 0.17), which is not part of this project:

    /usr/bin/python3 benchmarks/pytorch/unet_forward.py --upstream DIR [--threads 2] \
        [--latent 32] [--tiny-forwards 40] [--sd21-forwards 4]

Prints one line per configuration: name, forwards, latent size, ms per forward.
"""
import argparse
import importlib.util
import sys
import time
import types

TINY = dict(sample_size=8, in_channels=4, out_channels=4, center_input_sample=False,
            flip_sin_to_cos=True, freq_shift=0,
            down_block_types=["CrossAttnDownBlock2D", "DownBlock2D"],
            up_block_types=["UpBlock2D", "CrossAttnUpBlock2D"], only_cross_attention=False,
            block_out_channels=[32, 64], layers_per_block=1, downsample_padding=1,
            mid_block_scale_factor=1, act_fn="silu", norm_num_groups=8, norm_eps=1e-5,
            cross_attention_dim=1024, attention_head_dim=[4, 4], use_linear_projection=True,
            upcast_attention=True, use_metadata=True, num_metadata=7)

SD21 = dict(sample_size=96, in_channels=4, out_channels=4, center_input_sample=False,
            flip_sin_to_cos=True, freq_shift=0,
            down_block_types=["CrossAttnDownBlock2D"] * 3 + ["DownBlock2D"],
            up_block_types=["UpBlock2D"] + ["CrossAttnUpBlock2D"] * 3, only_cross_attention=False,
            block_out_channels=[320, 640, 1280, 1280], layers_per_block=2, downsample_padding=1,
            mid_block_scale_factor=1, act_fn="silu", norm_num_groups=32, norm_eps=1e-5,
            cross_attention_dim=1024, attention_head_dim=[5, 10, 20, 20],
            use_linear_projection=True, upcast_attention=True, use_metadata=True, num_metadata=7)


def install_stand_ins():
    """Stand-ins for modules the upstream code imports but SatUNet never uses (no download).
    Feature probes (is_*) answer False; every other name is an inert exception class."""
    def attribute(name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name.startswith("is_"):
            return lambda *a, **k: False
        if name.isupper() or name.endswith("_home"):
            return "/nonexistent"  # cache-folder constants
        return type(name, (Exception,), {})

    for module_name in ("huggingface_hub", "huggingface_hub.utils", "huggingface_hub.constants",
                        "huggingface_hub.file_download"):
        module = types.ModuleType(module_name)
        module.__path__ = []
        module.__getattr__ = attribute
        sys.modules[module_name] = module


def measure(name, config, forwards, latent, sat_unet, torch):
    if forwards < 1:
        return
    torch.manual_seed(1)
    unet = sat_unet(**config).eval()
    sample = torch.randn(1, 4, latent, latent)
    text = torch.randn(1, 77, config["cross_attention_dim"])
    metadata = torch.tensor([[925.0, 345.0, 411.0, 0.0, 308.0, 166.0, 354.0]])
    timestep = torch.tensor([500])
    with torch.no_grad():
        unet(sample, timestep, text, metadata=metadata)  # warm-up
        start = time.perf_counter()
        for _ in range(forwards):
            unet(sample, timestep, text, metadata=metadata)
        ms = (time.perf_counter() - start) * 1000 / forwards
    print(f"pytorch {name}: {forwards} forwards at {latent}x{latent}: {ms:.1f} ms/forward "
          f"(torch {torch.__version__}, {torch.get_num_threads()} threads)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True, help="DiffusionSat repository checkout")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--latent", type=int, default=32)
    parser.add_argument("--tiny-forwards", type=int, default=40)
    parser.add_argument("--sd21-forwards", type=int, default=4)
    args = parser.parse_args()
    install_stand_ins()
    sys.path.insert(0, args.upstream + "/src")
    import torch
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    # sat_unet.py alone: the upstream package's __init__ pulls in data-loading dependencies.
    spec = importlib.util.spec_from_file_location("sat_unet",
                                                  args.upstream + "/diffusionsat/sat_unet.py")
    sat_unet = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sat_unet)
    SatUNet = sat_unet.SatUNet
    measure("tiny", TINY, args.tiny_forwards, args.latent, SatUNet, torch)
    measure("sd21", SD21, args.sd21_forwards, args.latent, SatUNet, torch)


if __name__ == "__main__":
    main()
