"""Tools-only generator of the scikit-image reference values for SkimageParityTest.

Run with the Debian interpreter (python3-skimage, python3-numpy, python3-pil):
    /usr/bin/python3 make_expected.py /work/shared/data .
Writes <pair>_a.npy, <pair>_b.npy (uint8 HWC) and expected.json into the output folder.
"""
import json
import sys
from pathlib import Path

import numpy as np
import PIL
import scipy
import skimage
from PIL import Image
from skimage.metrics import mean_squared_error, peak_signal_noise_ratio, structural_similarity


def load(path, size=None):
    image = Image.open(path).convert("RGB")
    if size is not None:
        image = image.resize(size, Image.BICUBIC)
    return np.asarray(image, dtype=np.uint8)


def crop(array, top, left, height, width):
    return np.ascontiguousarray(array[top:top + height, left:left + width, :])


def pairs(data):
    sr = data / "superres"
    hr = load(sr / "worldstrat/hr_spot_rgb.png")                                    # 800x800
    lr = load(sr / "worldstrat/lr_s2_revisit1.png", size=(800, 800))                # 400 -> 800
    yield "worldstrat_spot_vs_s2_bicubic", crop(hr, 336, 336, 128, 128), crop(lr, 336, 336, 128, 128)
    naip = load(sr / "satlas_s2naip/naip_rgb.png")                                  # 128x128
    s2 = load(sr / "satlas_s2naip/s2_l1c_tci_0.png", size=(128, 128))               # 32 -> 128
    yield "s2naip_naip_vs_s2_bicubic", naip, s2
    xbd = data / "xbd_style/hurricane_matthew/images"
    pre = load(xbd / "hurricane-matthew_00000351_pre_disaster.png")                 # 1024x1024
    post = load(xbd / "hurricane-matthew_00000351_post_disaster.png")
    # Not square on purpose (H 96, W 128), so that a row/column mix-up cannot pass.
    yield "xbd_matthew_pre_vs_post", crop(pre, 464, 448, 96, 128), crop(post, 464, 448, 96, 128)


def as_unit_float64(u8):
    # The exact pixels the Java test builds: float32(u8) / float32(255), then widened to float64.
    return (u8.astype(np.float32) / np.float32(255)).astype(np.float64)


def main(data, out):
    out.mkdir(parents=True, exist_ok=True)
    expected = {
        "versions": {"skimage": skimage.__version__, "numpy": np.__version__,
                     "scipy": scipy.__version__, "PIL": PIL.__version__},
        "pixels": "uint8 HWC .npy; image = float32(u8) / float32(255), computed in float64",
        "ssim_call": "structural_similarity(a, b, gaussian_weights=True, sigma=1.5, "
                     "use_sample_covariance=False, data_range=1, channel_axis=-1)",
        "pairs": {},
    }
    for name, a8, b8 in pairs(data):
        np.save(out / f"{name}_a.npy", a8)
        np.save(out / f"{name}_b.npy", b8)
        a, b = as_unit_float64(a8), as_unit_float64(b8)
        expected["pairs"][name] = {
            "shape": list(a8.shape),
            "ssim": float(structural_similarity(a, b, gaussian_weights=True, sigma=1.5,
                                                use_sample_covariance=False, data_range=1,
                                                channel_axis=-1)),
            "psnr": float(peak_signal_noise_ratio(a, b, data_range=1)),
            "mse": float(mean_squared_error(a, b)),
        }
    (out / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
