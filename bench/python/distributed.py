"""PyTorch's DistributedDataParallel on the bench CNN, the reference for bench/distributed.ts.

Measures what Descent's data-parallel ranks (bench/distributed-rank.ts) measure, in PyTorch:
W processes (W = 1 or 2) joined by torch.distributed's gloo backend on 127.0.0.1, one
thread each (torch.set_num_threads(1), one inter-op thread), the CNN of anchors.py wrapped in
DistributedDataParallel, Adam(1e-3), cross-entropy. Every batch of 64 is split across the
ranks: rank r trains on rows [b*64 + r*64/W, b*64 + (r+1)*64/W), and DDP averages the
gradients, so W processes follow the trajectory of one. After the warm-up steps (five epochs,
as Descent's ranks take), a barrier, then one timed epoch: rank 0's wall time between two
barriers, and rank 0's process CPU time (its compute thread and gloo's threads).

Usage: python3 bench/python/distributed.py <data dir> <world> <images> <batch> <warm-up steps>
(the data dir holds cnnX and cnnY as written by bench/distributed.ts; prints one JSON object
{world, seconds, cpuSeconds, finalLoss, steps, torch} on stdout, from rank 0).
"""
import json
import os
import socket
import sys
import time

import numpy as np

sys.dont_write_bytecode = True  # importing anchors.py leaves no __pycache__ in the checkout
from anchors import build_cnn, load  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rank_main(rank, world, port, data_dir, images, batch, warmup_steps):
    import torch
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world)
    arrays = load(data_dir)
    X = torch.from_numpy(arrays["cnnX"][:images].copy()).reshape(-1, 1, 28, 28)  # (N,784) -> (N,1,28,28)
    y = torch.from_numpy(arrays["cnnY"][:images].astype(np.int64))
    torch.manual_seed(0)  # equal replicas (DDP also broadcasts rank 0's weights)
    ddp = DistributedDataParallel(build_cnn(torch.nn))
    opt = torch.optim.Adam(ddp.parameters(), lr=1e-3)
    per, steps = batch // world, images // batch

    def step(b):
        at = b * batch + rank * per
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(ddp(X[at:at + per]), y[at:at + per])
        loss.backward()  # DDP all-reduces the gradients during backward
        opt.step()
        return loss

    for b in range(warmup_steps):
        step(b % steps)
    dist.barrier()
    wall, cpu = time.perf_counter(), time.process_time()
    for b in range(steps):
        last = step(b)
    dist.barrier()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    loss = last.detach().reshape(1)
    dist.all_reduce(loss)  # the sum over ranks of the last batch's loss
    if rank == 0:
        print(json.dumps({"world": world, "seconds": wall, "cpuSeconds": cpu, "finalLoss": float(loss) / world,
                          "steps": steps, "torch": torch.__version__}), flush=True)
    # Leave without tearing gloo down: with destroy_process_group() here, one two-process run
    # in five hung, one rank gone and the other at 100% CPU until killed (in the teardown,
    # as far as could be seen). After the last barrier no collective is left; the OS closes
    # the sockets.
    dist.barrier()
    sys.stdout.flush()
    os._exit(0)


def main():
    data_dir, world, images, batch, warmup_steps = sys.argv[1], *map(int, sys.argv[2:6])
    os.environ.setdefault("GLOO_SOCKET_IFNAME", "lo")  # the loopback device, whatever the host name resolves to
    import torch.multiprocessing as mp
    mp.spawn(rank_main, args=(world, free_port(), data_dir, images, batch, warmup_steps), nprocs=world)


if __name__ == "__main__":
    main()
