"""The numpy reference for `circuits bench forward`: the same GPT-2-small forward pass
(12 layers, 12 heads, d=768, vocab 50257; 50 prompts x 16 tokens; float32; logits at the last
position only), random weights, median of 5 timed passes after 2 warm-ups.
Run side by side with `./circuits bench forward` on the same machine: python3 forward_numpy.py"""
import math
import time

import numpy as np

L, H, D, V, T, N = 12, 12, 768, 50257, 16, 50
DH = D // H
rng = np.random.default_rng(0)


def w(*shape):
    return (rng.standard_normal(shape, dtype=np.float32) * 0.02).astype(np.float32)


layers = [dict(ln1=(np.ones(D, np.float32), np.zeros(D, np.float32)), qkv=w(D, 3 * D),
               qkv_b=np.zeros(3 * D, np.float32), o=w(D, D), o_b=np.zeros(D, np.float32),
               ln2=(np.ones(D, np.float32), np.zeros(D, np.float32)), fc=w(D, 4 * D),
               fc_b=np.zeros(4 * D, np.float32), proj=w(4 * D, D), proj_b=np.zeros(D, np.float32))
          for _ in range(L)]
wte, wpe = w(V, D), w(1024, D)
lnf = (np.ones(D, np.float32), np.zeros(D, np.float32))
tokens = rng.integers(0, V, size=(N, T))
mask = np.triu(np.full((T, T), -1e4, np.float32), 1)


def layer_norm(x, p, eps=1e-5):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * p[0] + p[1]


def gelu_new(x):  # x * x * x: numpy's x ** 3 takes a slow pow path for negative x
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * (x * x * x))))


def forward():
    x = (wte[tokens] + wpe[:T]).reshape(N * T, D)  # rows as one matrix: one GEMM per weight
    for p in layers:
        qkv = layer_norm(x, p["ln1"]) @ p["qkv"] + p["qkv_b"]
        q, k, v = (a.reshape(N, T, H, DH).transpose(0, 2, 1, 3) for a in np.split(qkv, 3, -1))
        s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(DH) + mask
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        z = (s @ v).transpose(0, 2, 1, 3).reshape(N * T, D)
        x = x + z @ p["o"] + p["o_b"]
        x = x + gelu_new(layer_norm(x, p["ln2"]) @ p["fc"] + p["fc_b"]) @ p["proj"] + p["proj_b"]
    assert x.dtype == np.float32
    return layer_norm(x.reshape(N, T, D)[:, -1], lnf) @ wte.T


for _ in range(2):
    forward()
times = []
for _ in range(5):
    start = time.perf_counter()
    forward()
    times.append((time.perf_counter() - start) * 1000)
print(f"numpy {np.__version__} forward: {sorted(times)[2]:.0f} ms (median of "
      f"{[round(t) for t in times]} ms)")
