"""Trains a GAN on the 8×8 digits and ships its generator (`loadPretrained('gan-digits')`).

    /usr/bin/python3 tools/train/gan_digits.py

Recipe (the usual stabilizers, Radford et al. 2016 and Salimans et al. 2016): the non-saturating
generator loss, Adam with betas (0.5, 0.999), one-sided label smoothing (real label 0.9), a
LeakyReLU discriminator with dropout. The generator is `mlp([32, 128, 192, 64])` of
descent/generative (Linear-ReLU-Linear-ReLU-Linear, PyTorch's Sequential names), its output a
logit per pixel: an image is sigmoid(G(z)), z ~ N(0, I_32). Only the generator ships.
The shipped file was made with the defaults below (no R1 penalty; GAN_R1, GAN_LR, GAN_BATCH and
GAN_STEPS exist for experiments, and GAN_OUT to write elsewhere). Measured on the shipped weights
(1000 samples, judged by digits_eval.py): 9 classes covered, mean confidence 0.87, 62 % of samples
recognized with probability >= 0.9, against 7, 0.74 and 32 % for independent pixels.

The meta records the sample statistics of digits_eval.py for 1000 samples, the same for the
independent-pixel baseline, and eight fixed latents with their images, so the test
(packages/descent/test/generative/pretrained-digits.test.ts) checks Descent's forward pass exactly and
the sample statistics within sampling error.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from descent_state import descent_state_bytes, write_module  # noqa: E402
from digits_eval import ROOT, digits_train, independent_pixels, judge, sample_quality  # noqa: E402

OUT = os.path.join(ROOT, "packages", "descent", "src", "datasets", "data", "pretrained-gan-digits.ts")
nn = torch.nn
torch.set_num_threads(1)
Z = 32
STEPS = int(os.environ.get("GAN_STEPS", "12000"))
R1 = float(os.environ.get("GAN_R1", "0"))
LR = float(os.environ.get("GAN_LR", "2e-4"))
BATCH = int(os.environ.get("GAN_BATCH", "64"))
OUT = os.environ.get("GAN_OUT", OUT)


def main():
    torch.manual_seed(0)
    X = digits_train()
    G = nn.Sequential(nn.Linear(Z, 128), nn.ReLU(), nn.Linear(128, 192), nn.ReLU(), nn.Linear(192, 64))
    D = nn.Sequential(nn.Linear(64, 256), nn.LeakyReLU(0.2), nn.Dropout(0.3),
                      nn.Linear(256, 128), nn.LeakyReLU(0.2), nn.Dropout(0.3), nn.Linear(128, 1))
    optG = torch.optim.Adam(G.parameters(), lr=LR, betas=(0.5, 0.999))
    optD = torch.optim.Adam(D.parameters(), lr=LR, betas=(0.5, 0.999))
    bce = nn.functional.binary_cross_entropy_with_logits
    g = torch.Generator().manual_seed(1)
    cnn = judge()
    batch = BATCH
    for step in range(1, STEPS + 1):
        real = X[torch.randint(0, len(X), (batch,), generator=g)]
        fake = torch.sigmoid(G(torch.randn(batch, Z, generator=g)))
        real.requires_grad_(R1 > 0)
        dr, df = D(real), D(fake.detach())
        d_loss = bce(dr, torch.full_like(dr, 0.9)) + bce(df, torch.zeros_like(df))
        if R1 > 0:  # R1: (γ/2)·E‖∇_x D(x)‖² on real data (Mescheder et al. 2018)
            (grad,) = torch.autograd.grad(dr.sum(), real, create_graph=True)
            d_loss = d_loss + R1 / 2 * grad.pow(2).sum(1).mean()
        optD.zero_grad()
        d_loss.backward()
        optD.step()
        df = D(torch.sigmoid(G(torch.randn(batch, Z, generator=g))))
        g_loss = bce(df, torch.ones_like(df))       # non-saturating: −log D(G(z))
        optG.zero_grad()
        g_loss.backward()
        optG.step()
        if step % 1000 == 0:
            with torch.no_grad():
                q = sample_quality(cnn, torch.sigmoid(G(torch.randn(1000, Z, generator=torch.Generator().manual_seed(5)))))
            print(step, round(float(d_loss), 3), round(float(g_loss), 3), q, flush=True)
    G.eval()
    with torch.no_grad():
        ev = torch.Generator().manual_seed(7)
        model = sample_quality(cnn, torch.sigmoid(G(torch.randn(1000, Z, generator=ev))))
        baseline = sample_quality(cnn, independent_pixels(X, 1000, ev))
        real = sample_quality(cnn, X)
        z8 = torch.randn(8, Z, generator=torch.Generator().manual_seed(8))
        x8 = torch.sigmoid(G(z8))
    meta = {
        "data": "load_digits, pixels / 16, the 1438 digits with index % 5 != 4",
        "recipe": f"non-saturating loss, Adam lr {LR} betas (0.5, 0.999), real label 0.9, R1 weight {R1}, batch {BATCH}, {STEPS} steps; "
                  "D: 64-256-128-1 LeakyReLU(0.2) dropout 0.3; G: mlp([32, 128, 192, 64]) then sigmoid",
        "latentDim": Z, "hidden": [128, 192],
        "samples": model, "independentPixels": baseline, "trainingDigits": real,
        "fixedLatents": z8.tolist(), "fixedImages": x8.tolist(),
    }
    print(meta["samples"], meta["independentPixels"], meta["trainingDigits"], flush=True)
    state = {f"generator.{k}": v.detach().numpy() for k, v in G.state_dict().items()}
    data = descent_state_bytes(state, meta)
    n = write_module(OUT, "gan-digits", "tools/train/gan_digits.py", [
        "A GAN generator for the 8×8 digits (lesson 30): mlp([32, 128, 192, 64]) under `generator.`;",
        "an image is sigmoid(G(z)) with z ~ N(0, I_32). Recipe and sample statistics in the meta.",
    ], data)
    print(f"wrote {OUT}: {len(data)} bytes, {n} base64 characters")


if __name__ == "__main__":
    main()
