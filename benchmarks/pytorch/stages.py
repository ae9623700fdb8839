#!/usr/bin/python3
"""PyTorch side of StageBenchmark: each stage of the sampling path at the SD 2.1 size, fp32,
batch 1, random weights, on the upstream stack (Debian's python3-torch and a checkout of the
upstream DiffusionSat repository, which vendors diffusers 0.17):

- vae: the vendored diffusers AutoencoderKL (SD 2.1 config), decode of (1, 4, L, L) latents;
- text: the CLIP ViT-H text transformer (23 layers, width 1024, 16 heads, GELU, causal mask,
  77 tokens). transformers is not packaged by Debian, so the model is written here from torch.nn
  in the layout of transformers' CLIPTextModel (q/k/v/out projections, pre-LayerNorm);
- controlnet: the upstream ControlNetModel (diffusionsat/controlnet.py) as the super-resolution
  model builds it (10 conditioning channels, conditioning scale 2);
- step: one guided DDIM step as upstream's pipeline takes it: SatUNet on [x; x], guidance 7.5,
  the vendored DDIMScheduler's step;
- groupnorm, groupnorm-mid: the VAE decoder's GroupNorm alone (torch.nn.GroupNorm, 32 groups,
  eps 1e-6) on its largest activation (1, 128, 8L, 8L) and on (1, 512, 2L, 2L).

    /usr/bin/python3 benchmarks/pytorch/stages.py --upstream DIR [--stages vae,text,controlnet,step]
        [--latent 32] [--repeats 5] [--threads 2]

Prints one line per stage: the median of the repeats after one warm-up, and every repeat.
"""
import argparse
import importlib.util
import os
import statistics
import sys
import time
import types

from unet_forward import SD21, install_stand_ins

METADATA = [[925.0, 345.0, 411.0, 0.0, 308.0, 166.0, 354.0]]


def load_upstream(upstream, name):
    """One module of the upstream package, without its __init__ (data-loading dependencies)."""
    if "diffusionsat" not in sys.modules:  # an empty package, so relative imports resolve
        package = types.ModuleType("diffusionsat")
        package.__path__ = [os.path.join(upstream, "diffusionsat")]
        sys.modules["diffusionsat"] = package
    spec = importlib.util.spec_from_file_location(
        "diffusionsat." + name, os.path.join(upstream, "diffusionsat", name + ".py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def text_encoder(torch):
    nn, F = torch.nn, torch.nn.functional
    width, heads, layers, tokens = 1024, 16, 23, 77

    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.q_proj, self.k_proj = nn.Linear(width, width), nn.Linear(width, width)
            self.v_proj, self.out_proj = nn.Linear(width, width), nn.Linear(width, width)

        def forward(self, x, mask):
            b, t, _ = x.shape

            def heads_first(y):
                return y.view(b, t, heads, width // heads).transpose(1, 2).reshape(
                    b * heads, t, width // heads)

            q = heads_first(self.q_proj(x) * (width // heads) ** -0.5)
            k, v = heads_first(self.k_proj(x)), heads_first(self.v_proj(x))
            weights = torch.softmax(torch.bmm(q, k.transpose(1, 2)) + mask, dim=-1)
            out = torch.bmm(weights, v).view(b, heads, t, width // heads).transpose(1, 2)
            return self.out_proj(out.reshape(b, t, width))

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.layer_norm1, self.self_attn = nn.LayerNorm(width), Attention()
            self.layer_norm2 = nn.LayerNorm(width)
            self.fc1, self.fc2 = nn.Linear(width, 4 * width), nn.Linear(4 * width, width)

        def forward(self, x, mask):
            x = x + self.self_attn(self.layer_norm1(x), mask)
            return x + self.fc2(F.gelu(self.fc1(self.layer_norm2(x))))

    class TextModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.token_embedding = nn.Embedding(49408, width)
            self.position_embedding = nn.Embedding(tokens, width)
            self.layers = nn.ModuleList(Layer() for _ in range(layers))
            self.final_layer_norm = nn.LayerNorm(width)

        def forward(self, ids):
            t = ids.shape[1]
            x = self.token_embedding(ids) + self.position_embedding(torch.arange(t))[None]
            mask = torch.full((t, t), float("-inf")).triu(1)[None]
            for layer in self.layers:
                x = layer(x, mask)
            return self.final_layer_norm(x)

    return TextModel()


def build(stage, latent, upstream, torch):
    """The stage's model with random weights, as a call without arguments."""
    torch.manual_seed(1)
    if stage == "vae":
        from diffusers.models.autoencoder_kl import AutoencoderKL
        vae = AutoencoderKL(block_out_channels=(128, 256, 512, 512), layers_per_block=2,
                            down_block_types=("DownEncoderBlock2D",) * 4,
                            up_block_types=("UpDecoderBlock2D",) * 4, sample_size=768).eval()
        z = torch.randn(1, 4, latent, latent)
        return lambda: vae.decode(z).sample
    if stage == "text":
        model = text_encoder(torch).eval()
        ids = torch.randint(0, 49408, (1, 77))
        return lambda: model(ids)
    if stage in ("groupnorm", "groupnorm-mid"):
        channels, side = (128, 8 * latent) if stage == "groupnorm" else (512, 2 * latent)
        norm = torch.nn.GroupNorm(32, channels, eps=1e-6)
        x = torch.randn(1, channels, side, side)
        return lambda: norm(x)
    metadata = torch.tensor(METADATA)
    unet_config = {k: v for k, v in SD21.items()
                   if k not in ("sample_size", "out_channels", "center_input_sample")}
    if stage == "controlnet":
        controlnet_module = load_upstream(upstream, "controlnet")
        del unet_config["up_block_types"]
        model = controlnet_module.ControlNetModel(
            **unet_config, conditioning_in_channels=10, conditioning_scale=2).eval()
        z = torch.randn(1, 4, latent, latent)
        text = torch.randn(1, 77, SD21["cross_attention_dim"])
        image = torch.randn(1, 10, latent * 4, latent * 4)
        return lambda: model(z, torch.tensor([500]), text, image, metadata=metadata)
    if stage == "step":
        from diffusers.schedulers.scheduling_ddim import DDIMScheduler
        unet = load_upstream(upstream, "sat_unet").SatUNet(**SD21).eval()
        scheduler = DDIMScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                                  clip_sample=False, set_alpha_to_one=False, steps_offset=1,
                                  prediction_type="v_prediction")
        scheduler.set_timesteps(1)
        t = scheduler.timesteps[0]
        z = torch.randn(1, 4, latent, latent)
        text = torch.randn(2, 77, SD21["cross_attention_dim"])
        both = metadata.repeat(2, 1)

        def step():
            model_input = scheduler.scale_model_input(torch.cat([z] * 2), t)
            noise = unet(model_input, t, text, metadata=both).sample
            unconditional, conditional = noise.chunk(2)
            guided = unconditional + 7.5 * (conditional - unconditional)
            return scheduler.step(guided, t, z).prev_sample

        return step
    raise SystemExit(f"unknown stage {stage} (vae, text, controlnet, step, groupnorm, "
                     "groupnorm-mid)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True, help="DiffusionSat repository checkout")
    parser.add_argument("--stages", default="vae,text,controlnet,step")
    parser.add_argument("--latent", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    install_stand_ins()
    sys.path.insert(0, os.path.join(args.upstream, "src"))
    import torch
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    for stage in args.stages.split(","):
        call = build(stage, args.latent, args.upstream, torch)
        with torch.no_grad():
            call()  # warm-up
            ms = []
            for _ in range(args.repeats):
                start = time.perf_counter()
                call()
                ms.append((time.perf_counter() - start) * 1000)
        print(f"pytorch {stage} latent {args.latent} threads {args.threads}: median "
              f"{statistics.median(ms):.1f} ms ({', '.join(f'{m:.0f}' for m in ms)})")


if __name__ == "__main__":
    main()
