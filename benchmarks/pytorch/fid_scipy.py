"""pytorch-fid's Fréchet distance (scipy.linalg.sqrtm of sigma1 @ sigma2, real part) on the
statistics FrechetDistanceBenchmark wrote: the baseline for the Java driver-side FID.

Usage: /usr/bin/python3 benchmarks/pytorch/fid_scipy.py DIR DIMENSION
"""
import sys
import time

import numpy as np
from scipy import linalg

folder, dimension = sys.argv[1], int(sys.argv[2])
mu1, mu2 = (np.fromfile(f"{folder}/mu{k}.f64", dtype="<f8") for k in (1, 2))
sigma1, sigma2 = (np.fromfile(f"{folder}/sigma{k}.f64", dtype="<f8").reshape(dimension, dimension)
                  for k in (1, 2))
start = time.perf_counter()
diff = mu1 - mu2
covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
if np.iscomplexobj(covmean):
    covmean = covmean.real
fid = diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)
elapsed = time.perf_counter() - start
print(f"scipy sqrtm Fréchet distance: {elapsed:.2f} s, FID {fid:.6f}")
