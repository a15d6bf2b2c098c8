#!/usr/bin/env python3
"""The PyTorch reference loop for Bench: the notebook's network (embedding, linear, batchnorm, tanh,
linear, cross-entropy) trained with loss.backward() and plain SGD at the same sizes as Bench
(embd 10, hidden 200, block 3, batch 32, float32 as in the notebook), timed per step like Bench:
warm-up steps discarded, then the median, p10 and p90 in microseconds.

Only a measuring stick, never a dependency: run it beside Bench in the same sitting
(scripts/bench_sitting.sh does both; docs/speed.md, "How to measure"), e.g.

    python3 scripts/torch_compare.py [--data names.txt] [--warmup 2000] [--steps 20000] [--threads N]

The names file defaults to the repository's names.txt.

PyTorch comes from Debian's python3-torch (1.13 on Debian 12).
"""
import argparse
import os
import sys
import platform
import statistics
import time

import torch
import torch.nn.functional as F


def build(words, stoi, block):
    xs, ys = [], []
    for w in words:
        context = [0] * block
        for ch in w + '.':
            ix = stoi[ch]
            xs.append(context)
            ys.append(ix)
            context = context[1:] + [ix]
    return torch.tensor(xs), torch.tensor(ys)


def processor():
    try:
        for line in open('/proc/cpuinfo'):
            if line.startswith('model name'):
                return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--data', default=None)
    ap.add_argument('--warmup', type=int, default=2000)
    ap.add_argument('--steps', type=int, default=20000)
    ap.add_argument('--threads', type=int, default=None, help='torch.set_num_threads (default: PyTorch\'s own)')
    a = ap.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    path = a.data or os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'names.txt')
    words = open(path).read().splitlines()
    chars = sorted(set(''.join(words)))
    stoi = {s: i + 1 for i, s in enumerate(chars)}
    stoi['.'] = 0
    vocab, block, embd, hidden, batch = len(stoi), 3, 10, 200, 32
    X, Y = build(words[:int(0.8 * len(words))], stoi, block)

    g = torch.Generator().manual_seed(2147483647)
    C = torch.randn((vocab, embd), generator=g)
    W1 = torch.randn((embd * block, hidden), generator=g) * (5 / 3) / ((embd * block) ** 0.5)
    b1 = torch.randn(hidden, generator=g) * 0.1
    W2 = torch.randn((hidden, vocab), generator=g) * 0.1
    b2 = torch.randn(vocab, generator=g) * 0.1
    bngain = torch.randn((1, hidden), generator=g) * 0.1 + 1.0
    bnbias = torch.randn((1, hidden), generator=g) * 0.1
    params = [C, W1, b1, W2, b2, bngain, bnbias]
    for p in params:
        p.requires_grad = True

    times = []
    total = a.warmup + a.steps
    for i in range(total):
        t0 = time.perf_counter_ns()
        ix = torch.randint(0, X.shape[0], (batch,), generator=g)
        Xb, Yb = X[ix], Y[ix]
        emb = C[Xb]
        embcat = emb.view(emb.shape[0], -1)
        hprebn = embcat @ W1 + b1
        bnmean = hprebn.mean(0, keepdim=True)
        bnvar = hprebn.var(0, keepdim=True, unbiased=True)
        bnraw = (hprebn - bnmean) * (bnvar + 1e-5) ** -0.5
        h = torch.tanh(bngain * bnraw + bnbias)
        logits = h @ W2 + b2
        loss = F.cross_entropy(logits, Yb)
        for p in params:
            p.grad = None
        loss.backward()
        lr = 0.1 if i < total // 2 else 0.01
        with torch.no_grad():
            for p in params:
                p.data += -lr * p.grad
        t1 = time.perf_counter_ns()
        if i >= a.warmup:
            times.append((t1 - t0) / 1e3)
    times.sort()
    n = len(times)
    print(f"pytorch loss.backward() step (embd {embd}, hidden {hidden}, batch {batch}): median {times[n // 2]:.1f} us,"
          f" p10 {times[n // 10]:.1f} us, p90 {times[n * 9 // 10]:.1f} us, mean {statistics.fmean(times):.1f} us"
          f" over {n} steps after {a.warmup} warm-up steps")
    print(f"machine: {processor()}, {os.cpu_count()} processors;"
          f" PyTorch {torch.__version__} with {torch.get_num_threads()} threads")


if __name__ == '__main__':
    try:
        main()
    except BrokenPipeError:
        # the reader closed the pipe (| head -1): say so in one line, as bench does, not a traceback;
        # stdout goes to /dev/null so that Python's flush at exit does not fail a second time
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("torch_compare: the output could not be written (Broken pipe)", file=sys.stderr)
        sys.exit(1)
