#!/usr/bin/python3
"""PyTorch side of SamplingBenchmark: the same guided DDIM sampling of one image (UNet batch 2,
guidance 7.5, 77 text tokens, random weights, fp32, CPU) with a SatUNet and VAE decoder written
from torch.nn only (diffusers is not installed here), following DIFFUSIONSAT.md §1-§4 (SD 2.1
block layout, 7 metadata MLPs, linear projections, GEGLU). Timing only: the weights are random and
not those of the Java run. Prints one Markdown row like the Java benchmark.

Usage: /usr/bin/python3 benchmarks/pytorch/sampling_benchmark.py tiny|sd21 LATENT STEPS THREADS [REPEATS]
"""
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PRESETS = {
    # same values as diffusionsat.sampling.CheckpointPreset
    "tiny": dict(channels=[32, 64], heads=[4, 4], cross=32, layers=1, groups=8,
                 down=["cross", "plain"], vae=[16, 16, 32, 32], vae_layers=1, vae_groups=8),
    "sd21": dict(channels=[320, 640, 1280, 1280], heads=[5, 10, 20, 20], cross=1024, layers=2,
                 groups=32, down=["cross", "cross", "cross", "plain"], vae=[128, 256, 512, 512],
                 vae_layers=2, vae_groups=32),
}


def sinusoid(values, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32) / half)
    args = values.float()[:, None] * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)  # flip_sin_to_cos


class Mlp(nn.Module):  # TimestepEmbedding
    def __init__(self, cin, cout):
        super().__init__()
        self.linear_1, self.linear_2 = nn.Linear(cin, cout), nn.Linear(cout, cout)

    def forward(self, x):
        return self.linear_2(F.silu(self.linear_1(x)))


class Resnet(nn.Module):
    def __init__(self, cin, cout, groups, temb, eps=1e-5):
        super().__init__()
        self.norm1, self.conv1 = nn.GroupNorm(groups, cin, eps), nn.Conv2d(cin, cout, 3, 1, 1)
        self.time_emb_proj = nn.Linear(temb, cout) if temb else None
        self.norm2, self.conv2 = nn.GroupNorm(groups, cout, eps), nn.Conv2d(cout, cout, 3, 1, 1)
        self.shortcut = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, emb=None):
        h = self.conv1(F.silu(self.norm1(x)))
        if self.time_emb_proj is not None:
            h = h + self.time_emb_proj(F.silu(emb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return (self.shortcut(x) if self.shortcut is not None else x) + h


class Attention(nn.Module):
    def __init__(self, dim, context_dim, heads):
        super().__init__()
        self.heads = heads
        self.to_q = nn.Linear(dim, dim, bias=False)
        self.to_k = nn.Linear(context_dim, dim, bias=False)
        self.to_v = nn.Linear(context_dim, dim, bias=False)
        self.to_out = nn.Linear(dim, dim)

    def forward(self, x, context=None):
        context = x if context is None else context
        b, n, c = x.shape
        d = c // self.heads
        q = self.to_q(x).view(b, -1, self.heads, d).transpose(1, 2)
        k = self.to_k(context).view(b, -1, self.heads, d).transpose(1, 2)
        v = self.to_v(context).view(b, -1, self.heads, d).transpose(1, 2)
        w = torch.softmax(q @ k.transpose(-1, -2) * d ** -0.5, dim=-1)  # no SDPA in torch 1.13
        return self.to_out((w @ v).transpose(1, 2).reshape(b, n, c))


class Transformer2D(nn.Module):
    def __init__(self, dim, context_dim, heads, groups):
        super().__init__()
        self.norm = nn.GroupNorm(groups, dim, 1e-6)
        self.proj_in, self.proj_out = nn.Linear(dim, dim), nn.Linear(dim, dim)
        self.norm1, self.norm2, self.norm3 = nn.LayerNorm(dim), nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.attn1, self.attn2 = Attention(dim, dim, heads), Attention(dim, context_dim, heads)
        self.geglu, self.ff_out = nn.Linear(dim, 8 * dim), nn.Linear(4 * dim, dim)

    def forward(self, x, context):
        b, c, h, w = x.shape
        t = self.proj_in(self.norm(x).permute(0, 2, 3, 1).reshape(b, h * w, c))
        t = self.attn1(self.norm1(t)) + t
        t = self.attn2(self.norm2(t), context) + t
        a, gate = self.geglu(self.norm3(t)).chunk(2, dim=-1)
        t = self.ff_out(a * F.gelu(gate)) + t
        return self.proj_out(t).reshape(b, h, w, c).permute(0, 3, 1, 2) + x


class SatUNet(nn.Module):
    def __init__(self, p):
        super().__init__()
        ch, layers, groups, cross = p["channels"], p["layers"], p["groups"], p["cross"]
        temb = 4 * ch[0]
        self.c0 = ch[0]
        self.conv_in = nn.Conv2d(4, ch[0], 3, 1, 1)
        self.time_embedding = Mlp(ch[0], temb)
        self.metadata_embedding = nn.ModuleList([Mlp(ch[0], temb) for _ in range(7)])
        self.down = nn.ModuleList()
        cout = ch[0]
        for i, kind in enumerate(p["down"]):
            cin, cout = cout, ch[i]
            block = nn.Module()
            block.resnets = nn.ModuleList(
                [Resnet(cin if j == 0 else cout, cout, groups, temb) for j in range(layers)])
            block.attentions = nn.ModuleList(
                [Transformer2D(cout, cross, p["heads"][i], groups) for _ in range(layers)]
            ) if kind == "cross" else None
            block.down = nn.Conv2d(cout, cout, 3, 2, 1) if i < len(ch) - 1 else None
            self.down.append(block)
        self.mid_res1 = Resnet(ch[-1], ch[-1], groups, temb)
        self.mid_attn = Transformer2D(ch[-1], cross, p["heads"][-1], groups)
        self.mid_res2 = Resnet(ch[-1], ch[-1], groups, temb)
        self.up = nn.ModuleList()
        rev, rev_heads, rev_kind = ch[::-1], p["heads"][::-1], p["down"][::-1]
        prev = rev[0]
        for i in range(len(ch)):
            cout, skip_in = rev[i], rev[min(i + 1, len(ch) - 1)]
            block = nn.Module()
            block.resnets = nn.ModuleList([Resnet(
                (prev if j == 0 else cout) + (skip_in if j == layers else cout), cout, groups,
                temb) for j in range(layers + 1)])
            block.attentions = nn.ModuleList(
                [Transformer2D(cout, cross, rev_heads[i], groups) for _ in range(layers + 1)]
            ) if rev_kind[i] == "cross" else None
            block.up = nn.Conv2d(cout, cout, 3, 1, 1) if i < len(ch) - 1 else None
            self.up.append(block)
            prev = cout
        self.norm_out = nn.GroupNorm(groups, ch[0], 1e-5)
        self.conv_out = nn.Conv2d(ch[0], 4, 3, 1, 1)

    def forward(self, x, t, context, metadata):
        emb = self.time_embedding(sinusoid(t.expand(x.shape[0]), self.c0))
        for i, mlp in enumerate(self.metadata_embedding):
            emb = emb + mlp(sinusoid(metadata[:, i], self.c0))
        h = self.conv_in(x)
        skips = [h]
        for block in self.down:
            for j, res in enumerate(block.resnets):
                h = res(h, emb)
                if block.attentions is not None:
                    h = block.attentions[j](h, context)
                skips.append(h)
            if block.down is not None:
                h = block.down(h)
                skips.append(h)
        h = self.mid_res2(self.mid_attn(self.mid_res1(h, emb), context), emb)
        for block in self.up:
            for j, res in enumerate(block.resnets):
                h = res(torch.cat([h, skips.pop()], dim=1), emb)
                if block.attentions is not None:
                    h = block.attentions[j](h, context)
            if block.up is not None:
                h = block.up(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        return self.conv_out(F.silu(self.norm_out(h)))


class VaeDecoder(nn.Module):
    def __init__(self, p):
        super().__init__()
        ch, layers, groups = p["vae"][::-1], p["vae_layers"], p["vae_groups"]
        self.post_quant_conv = nn.Conv2d(4, 4, 1)
        self.conv_in = nn.Conv2d(4, ch[0], 3, 1, 1)
        self.mid1 = Resnet(ch[0], ch[0], groups, 0, 1e-6)
        self.attn_norm = nn.GroupNorm(groups, ch[0], 1e-6)
        self.attn = Attention(ch[0], ch[0], 1)
        self.mid2 = Resnet(ch[0], ch[0], groups, 0, 1e-6)
        self.ups = nn.ModuleList()
        prev = ch[0]
        for i, cout in enumerate(ch):
            block = nn.Module()
            block.resnets = nn.ModuleList([Resnet(prev if j == 0 else cout, cout, groups, 0, 1e-6)
                                           for j in range(layers + 1)])
            block.up = nn.Conv2d(cout, cout, 3, 1, 1) if i < len(ch) - 1 else None
            self.ups.append(block)
            prev = cout
        self.norm_out = nn.GroupNorm(groups, ch[-1], 1e-6)
        self.conv_out = nn.Conv2d(ch[-1], 3, 3, 1, 1)

    def forward(self, z):
        h = self.mid1(self.conv_in(self.post_quant_conv(z)))
        b, c, hh, ww = h.shape
        a = self.attn(self.attn_norm(h).reshape(b, c, -1).transpose(1, 2))
        h = self.mid2(h + a.transpose(1, 2).reshape(b, c, hh, ww))
        for block in self.ups:
            for res in block.resnets:
                h = res(h)
            if block.up is not None:
                h = block.up(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        return self.conv_out(F.silu(self.norm_out(h)))


def alphas_cumprod():
    betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, 1000, dtype=torch.float32) ** 2
    return torch.cumprod(1.0 - betas, dim=0)


def sample(unet, decoder, latents, context, metadata, steps, guidance):
    ac = alphas_cumprod()
    ratio = 1000 // steps
    for t in [k * ratio + 1 for k in reversed(range(steps))]:
        x2 = torch.cat([latents, latents])
        v = unet(x2, torch.tensor([t]), context, metadata)
        u, c = v.chunk(2)
        v = u + guidance * (c - u)
        a, a_prev = ac[t], (ac[t - ratio] if t - ratio >= 0 else ac[0])
        x0 = a.sqrt() * latents - (1 - a).sqrt() * v
        eps = a.sqrt() * v + (1 - a).sqrt() * latents
        latents = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps
    return latents


def main():
    preset, latent, steps, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    p = PRESETS[preset]
    unet, decoder = SatUNet(p).eval(), VaeDecoder(p).eval()
    params = sum(x.numel() for x in unet.parameters())
    context = torch.randn(2, 77, p["cross"])
    md = torch.tensor([[540., 755., 9995., 0., 292., 583., 355.]])
    metadata = torch.cat([torch.zeros_like(md), md])
    noise = torch.randn(1, 4, latent, latent)
    with torch.no_grad():
        sample(unet, decoder, noise, context, metadata, 1, 7.5)  # warm-up
        best, decode_best = float("inf"), float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            latents = sample(unet, decoder, noise, context, metadata, steps, 7.5)
            mid = time.perf_counter()
            (decoder(latents / 0.18215) / 2 + 0.5).clamp(0, 1)
            end = time.perf_counter()
            best, decode_best = min(best, mid - start), min(decode_best, end - mid)
    print(f"| pytorch {torch.__version__} | {preset} | {latent}² | {steps} | {threads} | "
          f"{best:.3f} | {best / steps:.4f} | {decode_best:.3f} |  (UNet parameters: {params})")


if __name__ == "__main__":
    main()
