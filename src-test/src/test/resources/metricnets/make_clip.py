"""Generates the CLIP score parity fixtures (ClipModelParityTest, ClipScoreMetricTest).

Run with Debian's python3-torch:  /usr/bin/python3 make_clip.py
Needs the shared text fixtures' tokenizer (/work/shared/fixtures/text/tokenizer, or argv[1]) for
the first MERGES BPE merges. Writes, next to itself:
  clip/tiny/          an HF CLIPModel folder with a tiny random configuration:
                      config.json, pytorch_model.bin (torch.save zip, HF names, plus the
                      towers' position_ids buffers and logit_scale as older checkpoints have),
                      vocab.json + merges.txt (CLIP's byte-level BPE cut to MERGES merges),
                      tokenizer_config.json, preprocessor_config.json
  clip/image{0,1,2}.npy  [3, H, W] float32 RGB in [0, 1]: 32x32, 48x40 (wide), 20x28 (tall)
  clip/cases.json     captions paired with the images, their ids
  clip/pixel_values.npy  [3, 3, 32, 32] float64, the processed images
  clip/input_ids.npy  [3, 77] int64
  clip/image_embeds.npy, clip/text_embeds.npy  [3, 16] float64 (projected, not normalised)
  clip/scores.npy     [3] float64, 100 * max(cos, 0) of each pair
  clip/clip_vit_large_patch14_shapes.tsv  name and shape of every tensor of a CLIPModel with
                      openai/clip-vit-large-patch14's configuration (from the same transcription)
Everything is computed in float64 by a plain-torch transcription of HF CLIPModel written for
this file (pre-LN transformer, quick_gelu, explicit matmuls); no CLIP library is used.
"""
import json
import os
import re
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "clip")
TOKENIZER = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/fixtures/text/tokenizer"
MERGES = 300
CONTEXT = 77
MEAN = torch.tensor([0.48145466, 0.4578275, 0.40821073], dtype=torch.float64).view(3, 1, 1)
STD = torch.tensor([0.26862954, 0.26130258, 0.27577711], dtype=torch.float64).view(3, 1, 1)


def tiny_config(vocab_size):
    return {
        "architectures": ["CLIPModel"], "model_type": "clip", "projection_dim": 16,
        "logit_scale_init_value": 2.6592,
        # eos_token_id 2 as in openai/clip-vit-* configs: pooled at the argmax of the ids
        "text_config": {"vocab_size": vocab_size, "hidden_size": 32, "intermediate_size": 64,
                        "num_hidden_layers": 2, "num_attention_heads": 4,
                        "max_position_embeddings": CONTEXT, "hidden_act": "quick_gelu",
                        "layer_norm_eps": 1e-5, "bos_token_id": 0, "eos_token_id": 2,
                        "pad_token_id": 1},
        "vision_config": {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
                          "num_attention_heads": 4, "image_size": 32, "patch_size": 8,
                          "hidden_act": "quick_gelu", "layer_norm_eps": 1e-5},
    }


LARGE_PATCH14 = {  # openai/clip-vit-large-patch14
    "projection_dim": 768,
    "text_config": {"vocab_size": 49408, "hidden_size": 768, "intermediate_size": 3072,
                    "num_hidden_layers": 12, "num_attention_heads": 12,
                    "max_position_embeddings": 77},
    "vision_config": {"hidden_size": 1024, "intermediate_size": 4096, "num_hidden_layers": 24,
                      "num_attention_heads": 16, "image_size": 224, "patch_size": 14},
}


def layer_shapes(prefix, width, inner):
    shapes = {}
    for proj in ("k_proj", "v_proj", "q_proj", "out_proj"):
        shapes[f"{prefix}.self_attn.{proj}.weight"] = [width, width]
        shapes[f"{prefix}.self_attn.{proj}.bias"] = [width]
    for norm in ("layer_norm1", "layer_norm2"):
        shapes[f"{prefix}.{norm}.weight"] = [width]
        shapes[f"{prefix}.{norm}.bias"] = [width]
    shapes[f"{prefix}.mlp.fc1.weight"] = [inner, width]
    shapes[f"{prefix}.mlp.fc1.bias"] = [inner]
    shapes[f"{prefix}.mlp.fc2.weight"] = [width, inner]
    shapes[f"{prefix}.mlp.fc2.bias"] = [width]
    return shapes


def clip_shapes(config):
    """HF CLIPModel's state-dict names and shapes (without the position_ids buffers)."""
    t, v, e = config["text_config"], config["vision_config"], config["projection_dim"]
    shapes = {
        "text_model.embeddings.token_embedding.weight": [t["vocab_size"], t["hidden_size"]],
        "text_model.embeddings.position_embedding.weight":
            [t["max_position_embeddings"], t["hidden_size"]],
    }
    for i in range(t["num_hidden_layers"]):
        shapes.update(layer_shapes(f"text_model.encoder.layers.{i}", t["hidden_size"],
                                   t["intermediate_size"]))
    shapes["text_model.final_layer_norm.weight"] = [t["hidden_size"]]
    shapes["text_model.final_layer_norm.bias"] = [t["hidden_size"]]
    d, p, s = v["hidden_size"], v["patch_size"], v["image_size"]
    shapes["vision_model.embeddings.class_embedding"] = [d]
    shapes["vision_model.embeddings.patch_embedding.weight"] = [d, 3, p, p]
    shapes["vision_model.embeddings.position_embedding.weight"] = [(s // p) ** 2 + 1, d]
    shapes["vision_model.pre_layrnorm.weight"] = [d]
    shapes["vision_model.pre_layrnorm.bias"] = [d]
    for i in range(v["num_hidden_layers"]):
        shapes.update(layer_shapes(f"vision_model.encoder.layers.{i}", d,
                                   v["intermediate_size"]))
    shapes["vision_model.post_layernorm.weight"] = [d]
    shapes["vision_model.post_layernorm.bias"] = [d]
    shapes["visual_projection.weight"] = [e, d]
    shapes["text_projection.weight"] = [e, t["hidden_size"]]
    shapes["logit_scale"] = []
    return shapes


def random_weights(config, generator):
    weights = {}
    for name, shape in clip_shapes(config).items():
        if name == "logit_scale":
            weights[name] = torch.tensor(config["logit_scale_init_value"])
        elif re.search(r"(norm\d?|layrnorm|layernorm)\.weight$", name):
            weights[name] = 1 + 0.1 * torch.randn(shape, generator=generator)
        elif name.endswith("embedding.weight") or name.endswith("class_embedding"):
            weights[name] = 0.5 * torch.randn(shape, generator=generator)
        else:
            fan_in = shape[-1] if len(shape) == 2 else int(np.prod(shape[1:])) if shape else 1
            weights[name] = torch.randn(shape, generator=generator) / fan_in ** 0.5
    return weights


# ---- the reference forward pass, float64 -----------------------------------------------------

def layer_norm(x, w, prefix, eps):
    return F.layer_norm(x, x.shape[-1:], w[prefix + ".weight"], w[prefix + ".bias"], eps)


def linear(x, w, prefix, bias=True):
    y = x @ w[prefix + ".weight"].T
    return y + w[prefix + ".bias"] if bias else y


def attention(x, w, prefix, heads, mask):
    b, n, width = x.shape
    d = width // heads

    def split(y):  # (B, N, heads*d) -> (B, heads, N, d)
        return y.view(b, n, heads, d).transpose(1, 2)

    q = split(linear(x, w, prefix + ".q_proj")) * d ** -0.5
    k = split(linear(x, w, prefix + ".k_proj"))
    v = split(linear(x, w, prefix + ".v_proj"))
    scores = q @ k.transpose(-1, -2)
    if mask is not None:
        scores = scores + mask
    out = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, width)
    return linear(out, w, prefix + ".out_proj")


def encoder(x, w, prefix, config, mask):
    eps = config["layer_norm_eps"]
    for i in range(config["num_hidden_layers"]):
        p = f"{prefix}.{i}"
        x = x + attention(layer_norm(x, w, p + ".layer_norm1", eps), w, p + ".self_attn",
                          config["num_attention_heads"], mask)
        h = linear(layer_norm(x, w, p + ".layer_norm2", eps), w, p + ".mlp.fc1")
        h = h * torch.sigmoid(1.702 * h)  # quick_gelu
        x = x + linear(h, w, p + ".mlp.fc2")
    return x


def text_embeds(ids, w, config):
    t = config["text_config"]
    n = ids.shape[1]
    x = w["text_model.embeddings.token_embedding.weight"][ids] \
        + w["text_model.embeddings.position_embedding.weight"][:n]
    mask = torch.full((n, n), float("-inf"), dtype=torch.float64).triu(1)
    x = encoder(x, w, "text_model.encoder.layers", t, mask)
    x = layer_norm(x, w, "text_model.final_layer_norm", t["layer_norm_eps"])
    pooled = x[torch.arange(ids.shape[0]), ids.argmax(-1)]  # eos_token_id 2: argmax rule
    return linear(pooled, w, "text_projection", bias=False)


def image_embeds(pixels, w, config):
    v = config["vision_config"]
    p = v["patch_size"]
    patches = F.conv2d(pixels, w["vision_model.embeddings.patch_embedding.weight"], stride=p)
    patches = patches.flatten(2).transpose(1, 2)  # (B, N, D)
    cls = w["vision_model.embeddings.class_embedding"].expand(pixels.shape[0], 1, -1)
    x = torch.cat([cls, patches], 1) + w["vision_model.embeddings.position_embedding.weight"]
    x = layer_norm(x, w, "vision_model.pre_layrnorm", v["layer_norm_eps"])
    x = encoder(x, w, "vision_model.encoder.layers", v, None)
    pooled = layer_norm(x[:, 0], w, "vision_model.post_layernorm", v["layer_norm_eps"])
    return linear(pooled, w, "visual_projection", bias=False)


def preprocess(image, size):
    """CLIPImageProcessor in float: shortest side -> size (antialiased bicubic, PIL's kernel),
    centre crop size x size, normalise."""
    _, h, wd = image.shape
    if wd >= h:
        nh, nw = size, int(size * wd / h)
    else:
        nh, nw = int(size * h / wd), size
    x = F.interpolate(image[None], size=(nh, nw), mode="bicubic", antialias=True,
                      align_corners=False)[0]
    top, left = (nh - size) // 2, (nw - size) // 2
    return (x[:, top:top + size, left:left + size] - MEAN) / STD


def preprocess_pil(image, size):
    """The same through 8-bit PIL images as HF does (for the README's comparison only)."""
    from PIL import Image
    array = (image.permute(1, 2, 0).numpy() * 255).astype(np.uint8)  # HF truncates
    pil = Image.fromarray(array)
    wd, h = pil.size
    nh, nw = (size, int(size * wd / h)) if wd >= h else (int(size * h / wd), size)
    pil = pil.resize((nw, nh), Image.BICUBIC)
    x = torch.from_numpy(np.asarray(pil).astype(np.float64) / 255).permute(2, 0, 1)
    top, left = (nh - size) // 2, (nw - size) // 2
    return (x[:, top:top + size, left:left + size] - MEAN) / STD


# ---- tokenizer: CLIP's byte-level BPE, written for this file (ASCII captions only) -------------

def vocab_alphabet(vocab):
    """The 256 byte symbols in the order of CLIP's vocabulary (its first 256 ids)."""
    return [token for token, i in sorted(vocab.items(), key=lambda kv: kv[1])][:256]


def byte_symbols():
    """byte -> symbol of the byte-level alphabet: printable Latin-1 bytes stand for
    themselves, the other 68 get chr(256), chr(257), ... in byte order."""
    printable = set(range(33, 127)) | set(range(161, 173)) | set(range(174, 256))
    symbols, extra = [], 0
    for b in range(256):
        symbols.append(chr(b) if b in printable else chr(256 + extra))
        extra += b not in printable
    return symbols


def bpe(word, ranks):
    parts = list(word[:-1]) + [word[-1] + "</w>"]
    while len(parts) > 1:
        pairs = [(ranks.get((a, b), 1 << 30), i) for i, (a, b) in enumerate(zip(parts, parts[1:]))]
        rank, i = min(pairs)
        if rank == 1 << 30:
            break
        parts = parts[:i] + [parts[i] + parts[i + 1]] + parts[i + 2:]
    return parts


def tokenize(caption, vocab, ranks, alphabet):
    ids = []
    for word in re.findall(r"[a-z]+|[0-9]|[^\sa-z0-9]+", " ".join(caption.split()).lower()):
        ids += [vocab[p] for p in bpe("".join(alphabet[b] for b in word.encode()), ranks)]
    eos = vocab["<|endoftext|>"]
    row = [vocab["<|startoftext|>"]] + ids[:CONTEXT - 2] + [eos]
    return row + [eos] * (CONTEXT - len(row))  # pad token <|endoftext|>, as openai's folders


def main():
    os.makedirs(os.path.join(OUT, "tiny"), exist_ok=True)
    generator = torch.Generator().manual_seed(20260105)
    with open(os.path.join(TOKENIZER, "vocab.json")) as f:
        full_vocab = json.load(f)
    with open(os.path.join(TOKENIZER, "merges.txt")) as f:
        merges = [line.rstrip("\n") for line in f if not line.startswith("#version")][:MERGES]
    ordered = vocab_alphabet(full_vocab)
    alphabet = byte_symbols()
    assert sorted(ordered) == sorted(alphabet)
    tokens = ordered + [a + "</w>" for a in ordered] + ["".join(m.split()) for m in merges]
    tokens += ["<|startoftext|>", "<|endoftext|>"]
    vocab = {token: i for i, token in enumerate(tokens)}
    ranks = {tuple(m.split()): i for i, m in enumerate(merges)}

    config = tiny_config(len(vocab))
    weights = random_weights(config, generator)
    saved = dict(weights)
    saved["text_model.embeddings.position_ids"] = torch.arange(CONTEXT)[None]
    saved["vision_model.embeddings.position_ids"] = torch.arange(17)[None]
    torch.save({k: v.float() if v.is_floating_point() else v for k, v in saved.items()},
               os.path.join(OUT, "tiny", "pytorch_model.bin"))
    w = {k: v.float().double() for k, v in weights.items()}  # the values the file holds

    def write_json(name, value):
        with open(os.path.join(OUT, name), "w") as f:
            json.dump(value, f, indent=1, ensure_ascii=False)
            f.write("\n")

    write_json("tiny/config.json", config)
    write_json("tiny/vocab.json", vocab)
    with open(os.path.join(OUT, "tiny", "merges.txt"), "w") as f:
        f.write("#version: 0.2\n" + "\n".join(merges) + "\n")
    write_json("tiny/tokenizer_config.json", {
        "model_max_length": CONTEXT, "bos_token": "<|startoftext|>",
        "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>",
        "pad_token": "<|endoftext|>"})
    write_json("tiny/preprocessor_config.json", {
        "crop_size": {"height": 32, "width": 32}, "do_center_crop": True,
        "do_normalize": True, "do_resize": True, "image_mean": MEAN.flatten().tolist(),
        "image_std": STD.flatten().tolist(), "resample": 3, "size": {"shortest_edge": 32}})

    sizes = [(32, 32), (40, 48), (28, 20)]  # (H, W)
    images = []
    for i, (h, wd) in enumerate(sizes):
        # a smooth pattern plus noise, in [0, 1]
        yy, xx = torch.meshgrid(torch.linspace(0, 1, h), torch.linspace(0, 1, wd), indexing="ij")
        base = torch.stack([xx, yy, 0.5 + 0.5 * torch.sin(6 * (xx + yy) + i)])
        image = (0.7 * base + 0.3 * torch.rand(3, h, wd, generator=generator)).clamp(0, 1)
        images.append(image.float())
        np.save(os.path.join(OUT, f"image{i}.npy"), image.float().numpy())
    captions = ["a satellite image of farmland near a river",
                "",
                " ".join(["green fields and rivers"] * 30)]
    ids = torch.tensor([tokenize(c, vocab, ranks, alphabet) for c in captions])
    pixels = torch.stack([preprocess(img.double(), 32) for img in images])
    img_emb = image_embeds(pixels, w, config)
    txt_emb = text_embeds(ids, w, config)
    cosine = F.cosine_similarity(img_emb, txt_emb, dim=-1)
    scores = 100 * cosine.clamp(min=0)
    np.save(os.path.join(OUT, "pixel_values.npy"), pixels.numpy())
    np.save(os.path.join(OUT, "input_ids.npy"), ids.numpy())
    np.save(os.path.join(OUT, "image_embeds.npy"), img_emb.numpy())
    np.save(os.path.join(OUT, "text_embeds.npy"), txt_emb.numpy())
    np.save(os.path.join(OUT, "scores.npy"), scores.numpy())
    write_json("cases.json", {"captions": captions, "image_sizes_hw": sizes,
                              "cosine": cosine.tolist(), "scores": scores.tolist()})

    pil = torch.stack([preprocess_pil(img, 32) for img in images])
    pil_scores = 100 * F.cosine_similarity(image_embeds(pil, w, config), txt_emb).clamp(min=0)
    print("scores", scores.tolist())
    print("cosine", cosine.tolist())
    print("max |pixels - PIL-8bit pixels|", (pixels - pil).abs().max().item())
    print("max |score - PIL-8bit score|", (scores - pil_scores).abs().max().item())

    with open(os.path.join(OUT, "clip_vit_large_patch14_shapes.tsv"), "w") as f:
        for name, shape in clip_shapes(LARGE_PATCH14).items():
            f.write(f"{name}\t{list(shape)}\n")


if __name__ == "__main__":
    main()
