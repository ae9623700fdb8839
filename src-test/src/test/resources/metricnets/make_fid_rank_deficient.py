"""Generates fid_rank_deficient.json for FrechetDistanceTest: the pytorch-fid Fréchet distance
when one covariance is singular (fewer vectors than dimensions), the case where Cholesky fails and
FrechetDistance falls back to its eigendecomposition path.

Run with Debian's scipy:  /usr/bin/python3 make_fid_rank_deficient.py CASE_I_FOLDER
(CASE_I_FOLDER: the reference fixtures' i_metrics). It reuses case i's 64-d features: the first
ROWS vectors of fid_features_1 against all 200 of fid_features_2, with mu = mean(axis=0),
sigma = np.cov(rowvar=False) in float64 and pytorch-fid's calculate_frechet_distance
(scipy.linalg.sqrtm(sigma1 @ sigma2, disp=False), real part). Writes next to itself.
"""
import json
import os
import sys

import numpy as np
from scipy import linalg

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = 40


def statistics(features):
    x = features.astype(np.float64)
    return x.mean(axis=0), np.cov(x, rowvar=False)


def frechet_distance(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)


inputs = os.path.join(sys.argv[1], "inputs")
first = np.load(os.path.join(inputs, "fid_features_1.npy"))[:ROWS]
second = np.load(os.path.join(inputs, "fid_features_2.npy"))
mu1, sigma1 = statistics(first)
mu2, sigma2 = statistics(second)
value = float(frechet_distance(mu1, sigma1, mu2, sigma2))
with open(os.path.join(HERE, "fid_rank_deficient.json"), "w") as out:
    json.dump({"rows_of_fid_features_1": ROWS, "frechet_distance": value}, out, indent=2)
    out.write("\n")
# cross-check, not stored: the symmetric form the Java code uses, via B = V sqrt(L)
lam, v = np.linalg.eigh(sigma1)
b = v * np.sqrt(np.clip(lam, 0, None))
inner = np.linalg.eigvalsh(b.T @ sigma2 @ b)
sym = mu1 @ mu1 - 2 * mu1 @ mu2 + mu2 @ mu2 + np.trace(sigma1) + np.trace(sigma2) \
    - 2 * np.sqrt(np.clip(inner, 0, None)).sum()
print(f"rank of sigma1 {np.linalg.matrix_rank(sigma1)}, FID {value!r}, symmetric form {sym!r}")
