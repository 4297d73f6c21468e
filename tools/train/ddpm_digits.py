"""Trains a DDPM on the 8×8 digits and ships its noise predictor (`loadPretrained('ddpm-digits')`).

    /usr/bin/python3 tools/train/ddpm_digits.py

The network is descent/generative's `Denoiser(64, { hidden: 128, timeDim: 16 })`, transcribed
here layer for layer (names fc1, fc2, fc3, out; the sinusoidal step embedding concatenated to
each layer's input), trained with the simplified loss of Ho et al. 2020 (eq. 14) under a linear
schedule with T = 100 and β from 1e-3 to 0.2 (Ho et al.'s 1e-4 to 0.02 for T = 1000, scaled by
10 for ten times fewer steps; ᾱ_99 ≈ 2e-5, so x_99 is noise). Not the cosine schedule: its last
β is capped at 0.999, and the first reverse step then multiplies the network's error in ε̂ by
about √(ᾱ_95/ᾱ_99) ≈ 126 (DDIM, 25 steps) or 1/√α_99 ≈ 32 (DDPM), which ruins samples from a small MLP. Pixels are scaled to [−1, 1]
(x = 2·p − 1), as Ho et al. do; a sample is mapped back with p = (x + 1)/2, clipped to [0, 1].

The meta records digits_eval.py's sample statistics for 1000 DDIM samples (25 steps, η = 0),
the same for the independent-pixel baseline, and four fixed starting noises with the DDIM images
they turn into, so the test (packages/descent/test/generative/pretrained-digits.test.ts) checks
Descent's sampler and network exactly and the statistics within sampling error.
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from descent_state import descent_state_bytes, write_module  # noqa: E402
from digits_eval import ROOT, digits_train, independent_pixels, judge, sample_quality  # noqa: E402

OUT = os.path.join(ROOT, "packages", "descent", "src", "datasets", "data", "pretrained-ddpm-digits.ts")
nn = torch.nn
torch.set_num_threads(1)
T, HIDDEN, TDIM = 100, 128, 16
STEPS = int(os.environ.get("DDPM_STEPS", "16000"))


def linear_alpha_bars(T, lo=1e-3, hi=0.2):
    betas = torch.linspace(lo, hi, T, dtype=torch.float64)
    return betas, torch.cumprod(1 - betas, 0)


def embed(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32) / half)
    a = t.float()[:, None] * freqs[None]
    return torch.cat([a.sin(), a.cos()], 1)


class Denoiser(nn.Module):
    def __init__(self, dim, hidden, tdim):
        super().__init__()
        self.tdim = tdim
        self.fc1 = nn.Linear(dim + tdim, hidden)
        self.fc2 = nn.Linear(hidden + tdim, hidden)
        self.fc3 = nn.Linear(hidden + tdim, hidden)
        self.out = nn.Linear(hidden, dim)

    def forward(self, x, t):
        e = embed(t, self.tdim)
        h = torch.relu(self.fc1(torch.cat([x, e], 1)))
        h = torch.relu(self.fc2(torch.cat([h, e], 1)))
        h = torch.relu(self.fc3(torch.cat([h, e], 1)))
        return self.out(h)


def ddim(net, x, abar, n):
    """Descent's ddimSample with η = 0: n evenly spaced steps from T − 1 down to 0."""
    seq = [round((T - 1) * (n - 1 - i) / max(1, n - 1)) for i in range(n)]
    with torch.no_grad():
        for i, t in enumerate(seq):
            ab = float(abar[t])
            abp = float(abar[seq[i + 1]]) if i + 1 < n else 1.0
            eps = net(x, torch.full((len(x),), t))
            x0 = (x - math.sqrt(1 - ab) * eps) / math.sqrt(ab)
            x = math.sqrt(abp) * x0 + math.sqrt(1 - abp) * eps
    return x


def main():
    torch.manual_seed(0)
    X = digits_train() * 2 - 1
    _, abar = linear_alpha_bars(T)
    abar32 = abar.float()
    net = Denoiser(64, HIDDEN, TDIM)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, STEPS)
    g = torch.Generator().manual_seed(1)
    cnn = judge()
    batch = 128
    for step in range(1, STEPS + 1):
        x0 = X[torch.randint(0, len(X), (batch,), generator=g)]
        t = torch.randint(0, T, (batch,), generator=g)
        noise = torch.randn(x0.shape, generator=g)
        a = abar32[t][:, None]
        loss = nn.functional.mse_loss(net(a.sqrt() * x0 + (1 - a).sqrt() * noise, t), noise)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 2000 == 0:
            xs = ddim(net, torch.randn(300, 64, generator=torch.Generator().manual_seed(5)), abar, 25)
            print(step, round(float(loss), 4), sample_quality(cnn, (xs + 1) / 2), flush=True)
    ev = torch.Generator().manual_seed(7)
    model = sample_quality(cnn, (ddim(net, torch.randn(1000, 64, generator=ev), abar, 25) + 1) / 2)
    baseline = sample_quality(cnn, independent_pixels((X + 1) / 2, 1000, ev))
    x4 = torch.randn(4, 64, generator=torch.Generator().manual_seed(8))
    y4 = ddim(net, x4, abar, 25)
    meta = {
        "data": "load_digits, pixels / 16 scaled to [-1, 1], the 1438 digits with index % 5 != 4",
        "recipe": f"Denoiser(64, hidden {HIDDEN}, timeDim {TDIM}), linear schedule T = {T} beta 1e-3 to 0.2, eps-prediction MSE, "
                  f"Adam lr 1e-3 with cosine decay, batch 128, {STEPS} steps",
        "T": T, "schedule": "linear", "betaStart": 1e-3, "betaEnd": 0.2, "hidden": HIDDEN, "timeDim": TDIM, "ddimSteps": 25,
        "samples": model, "independentPixels": baseline,
        "fixedNoise": x4.tolist(), "fixedSamples": y4.tolist(),
    }
    print(meta["samples"], meta["independentPixels"], flush=True)
    state = {f"denoiser.{k}": v.detach().numpy() for k, v in net.state_dict().items()}
    data = descent_state_bytes(state, meta)
    n = write_module(OUT, "ddpm-digits", "tools/train/ddpm_digits.py", [
        "A DDPM noise predictor for the 8×8 digits (lesson 30): Denoiser(64, { hidden: 128, timeDim: 16 })",
        "under `denoiser.`, linear schedule T = 100 (beta 1e-3 to 0.2), pixels in [-1, 1]. Recipe and statistics in the meta.",
    ], data)
    print(f"wrote {OUT}: {len(data)} bytes, {n} base64 characters")


if __name__ == "__main__":
    main()
