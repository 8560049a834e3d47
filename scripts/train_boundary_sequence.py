#!/usr/bin/env python3
"""Trains the boundary model's sequence network and writes it as a sequence file.

The sequence network (crates/epitome-text/src/boundary/sequence.rs) is a bidirectional
GRU over a whole passage of unpunctuated, lowercased text; its log-odds at each gap are
added, weighted, to the window classifier's when the passage is decoded. It is trained
here, with PyTorch, because the crate has no recurrent-network trainer of its own; the
crate only reads the result.

    cargo run --release -p epitome-text --example boundary_sequence_data -- target/boundary-seq \
        --model WINDOW_MODEL
    python3 scripts/train_boundary_sequence.py train target/boundary-seq/texts.txt \
        target/boundary-seq [hid=64 layers=2 wd=64 lr=3e-3 drop=0.3 ep=30]
    cargo run --release -p epitome-text --example attach_sequence -- \
        target/boundary-seq/sequence.bin

`texts.txt` holds one running text per line (the corpus the window classifier is trained
on, cut the same way): `T` (trained on) or `H` (held out, every tenth text, as in the
window classifier's training), then one `word,unknown,class,suffix,label,space,window`
field per token: the token's hash buckets, whether a sentence starts at it, whether
whitespace precedes it, and the window classifier's log-odds for the gap before it.

Word dropout reads a word as the unknown word of its shape with probability `drop`, so
that the network also learns to decide without the word, as in text of another genre.
On the held-out texts only, the script picks the weight of the network's log-odds
against the window classifier's and the decoder's settings (gap offset, length-prior
weight, rate matching) with the same semi-Markov decoder as the crate, and writes them
with the network. `export NPZ OUT` writes the sequence file of saved weights again.

Needs torch, numpy and numba (a CUDA device makes training take minutes, not hours).
"""
import math
import os
import random
import struct
import sys
import time

import numpy as np

WORD_BITS, CLASS_BITS, SUFFIX_BITS = 18, 12, 14
MAGIC = b"EPBSEQ01"


def fnv1a(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def table(out: bytearray, rows: np.ndarray) -> None:
    """Each row as an f32 scale and signed bytes (what sequence.rs's Table reads)."""
    top = np.abs(rows).max(axis=1)
    scale = (top / 127.0).astype(np.float32)
    safe = np.where(scale > 0, scale, 1.0)
    q = np.clip(np.round(rows / safe[:, None]), -127, 127).astype(np.int8)
    q[scale == 0] = 0
    for s, r in zip(scale, q):
        out += struct.pack("<f", float(s))
        out += r.tobytes()


def export(weights: dict, decoding, path: str) -> None:
    """Writes a sequence file: magic, decoder settings, the network, checksum."""
    weight, offset, prior_weight, rate_matching = decoding
    w = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items() if k not in ("wkeys",)}
    keys = np.asarray(weights["wkeys"], dtype=np.int64)
    hidden = w["rnn.weight_hh_l0"].shape[1]
    layers = sum(1 for k in w if k.startswith("rnn.weight_ih_l") and not k.endswith("reverse"))
    word_dim, class_dim, suffix_dim = w["w.weight"].shape[1], w["c.weight"].shape[1], w["x.weight"].shape[1]
    head = w["out.0.weight"].shape[0]
    # Word rows in the order of their sorted keys (row 0: no key).
    order = np.argsort(keys, kind="stable")
    words = np.concatenate([w["w.weight"][:1], w["w.weight"][1:][order]])
    out = bytearray(MAGIC)
    out += struct.pack("<ffB", offset, prior_weight, int(rate_matching))
    out += struct.pack("<B5H", layers, hidden, word_dim, class_dim, suffix_dim, head)
    out += bytes([WORD_BITS, CLASS_BITS, SUFFIX_BITS])
    out += struct.pack("<fI", weight, len(keys))
    out += np.sort(keys).astype("<u4").tobytes()
    table(out, words)
    table(out, w["c.weight"])
    table(out, w["x.weight"])
    for layer in range(layers):
        for suffix in ("", "_reverse"):
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                out += w[f"rnn.{name}_l{layer}{suffix}"].astype("<f4").tobytes()
    out += w["out.0.weight"].astype("<f4").tobytes()
    out += w["out.0.bias"].astype("<f4").tobytes()
    out += w["out.2.weight"].reshape(-1).astype("<f4").tobytes()
    out += w["out.2.bias"].reshape(-1).astype("<f4").tobytes()
    out += struct.pack("<Q", fnv1a(bytes(out)))
    with open(path, "wb") as f:
        f.write(out)
    print(f"wrote {path} ({len(out)} bytes)")


def train(data: str, outdir: str, opts: dict) -> None:
    import torch
    import torch.nn as nn
    from numba import njit

    torch.manual_seed(1)
    random.seed(1)
    np.random.seed(1)
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    hid, layers = int(opts.get("hid", 64)), int(opts.get("layers", 2))
    wd, epochs = int(opts.get("wd", 64)), int(opts.get("ep", 30))
    drop, lr = float(opts.get("drop", 0.3)), float(opts.get("lr", 3e-3))

    t0 = time.time()
    texts = []
    with open(data) as f:
        header = f.readline().split()
        assert header[0] == "P", "texts.txt starts with the length prior"
        prior = np.array([float(x) for x in header[1:]], dtype=np.float64)
        for line in f:
            parts = line.split()
            a = np.array([[float(x) for x in t.split(",")] for t in parts[1:]], dtype=np.float64)
            texts.append((parts[0], a))
    print(f"read {len(texts)} texts in {time.time() - t0:.1f} s", flush=True)
    # Word rows: every word of the trained-on texts, and every unknown-of-shape word.
    wmap = {}
    for tag, a in texts:
        if tag == "T":
            for x in a[:, 0].astype(np.int64):
                wmap.setdefault(int(x), len(wmap) + 1)
    for _, a in texts:
        for x in a[:, 1].astype(np.int64):
            wmap.setdefault(int(x), len(wmap) + 1)
    rows = len(wmap) + 1

    def encode(a):
        w = np.array([wmap.get(int(x), 0) for x in a[:, 0]])
        u = np.array([wmap.get(int(x), 0) for x in a[:, 1]])
        return (np.where(w == 0, u, w), u, a[:, 2].astype(np.int64), a[:, 3].astype(np.int64),
                a[:, 4].astype(np.float32), a[:, 5].astype(np.float32), a[:, 6].astype(np.float32))

    tr = [encode(a) for t, a in texts if t == "T"]
    ho = [encode(a) for t, a in texts if t == "H"]

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.w = nn.Embedding(rows, wd)
            self.c = nn.Embedding(1 << CLASS_BITS, 16)
            self.x = nn.Embedding(1 << SUFFIX_BITS, 16)
            self.rnn = nn.GRU(wd + 32, hid, num_layers=layers, batch_first=True, bidirectional=True)
            self.out = nn.Sequential(nn.Linear(4 * hid, 64), nn.ReLU(), nn.Linear(64, 1))

        def forward(self, w, c, x):
            h, _ = self.rnn(torch.cat([self.w(w), self.c(c), self.x(x)], -1))
            # The gap before token k: the states at k - 1 and k.
            return self.out(torch.cat([h[:, :-1], h[:, 1:]], -1)).squeeze(-1)

    def batch(docs, idx, p):
        n = max(len(docs[i][0]) for i in idx)
        W = np.zeros((len(idx), n), np.int64)
        C, X = np.zeros_like(W), np.zeros_like(W)
        Y = np.zeros((len(idx), n - 1), np.float32)
        M = np.zeros_like(Y)
        for r, i in enumerate(idx):
            w, u, c, x, y, sp, _ = docs[i]
            k = len(w)
            if p > 0:
                w = np.where(np.random.rand(k) < p, u, w)
            W[r, :k], C[r, :k], X[r, :k] = w, c, x
            Y[r, :k - 1], M[r, :k - 1] = y[1:], sp[1:]
        t = lambda a: torch.from_numpy(a).to(dev)
        return t(W), t(C), t(X), t(Y), t(M)

    net = Net().to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=epochs * math.ceil(len(tr) / 32))
    bce = nn.BCEWithLogitsLoss(reduction="none")

    def logits(docs):
        net.eval()
        out = []
        with torch.no_grad():
            for i in range(0, len(docs), 64):
                idx = list(range(i, min(i + 64, len(docs))))
                z = net(*batch(docs, idx, 0)[:3]).cpu().numpy()
                out.extend(z[r, :len(docs[j][0]) - 1] for r, j in enumerate(idx))
        net.train()
        return out

    @njit(cache=True)
    def decode(s, sp, prior, weight):
        # The crate's decoder (BoundaryModel::decode): s[g - 1] scores the gap before token g.
        n = len(s) + 1
        ml = len(prior)
        cand = [0]
        sc = [0.0]
        for g in range(1, n):
            if sp[g - 1] > 0:
                cand.append(g)
                sc.append(s[g - 1])
        cand.append(n)
        sc.append(0.0)
        k_all = len(cand)
        best = np.full(k_all, -1e30)
        back = np.zeros(k_all, np.int64)
        best[0] = 0.0
        for k in range(1, k_all):
            g = cand[k]
            top = -1e30
            arg = k - 1
            for j in range(k - 1, -1, -1):
                ln = g - cand[j]
                if ln > ml and j + 1 < k:
                    break
                p = weight * prior[ln - 1] if ln <= ml else weight * prior[ml - 1] * (ln / ml) - 1e4
                if best[j] + p > top:
                    top = best[j] + p
                    arg = j
            best[k] = top + sc[k]
            back[k] = arg
        cuts = np.zeros(n, np.int64)
        k = k_all - 1
        while k > 0:
            k = back[k]
            if k > 0:
                cuts[cand[k]] = 1
        return cuts

    mean_len = sum((n + 1) * math.exp(p) for n, p in enumerate(prior))
    rate = 1 / max(mean_len, 2)
    logit = lambda p: math.log(p / (1 - p))

    def f1(docs, zs, off, weight, rm):
        tp = fp = fn = 0
        for d, z in zip(docs, zs):
            sp, y = d[5][1:], d[4][1:]
            s = z + off
            g = z[sp > 0]
            if rm and len(g) >= 50:
                mp = float(np.mean(1 / (1 + np.exp(-g))))
                s = s + min(3, max(-3, logit(rate) - logit(min(max(mp, 1e-4), 0.5))))
            cuts = decode(s.astype(np.float64), sp, prior, weight)[1:]
            tp += int(((cuts == 1) & (y == 1)).sum())
            fp += int(((cuts == 1) & (y == 0)).sum())
            fn += int(((cuts == 0) & (y == 1)).sum())
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        return 2 * p * r / max(p + r, 1e-9)

    def tune(docs, zs, base):
        best = (-1.0,)
        for off in np.arange(base - 2.5, base + 2.51, 0.125):
            for weight in (0.25, 0.5, 0.75, 1.0, 1.5):
                for rm in (True, False):
                    f = f1(docs, zs, off, weight, rm)
                    if f > best[0]:
                        best = (f, float(off), weight, rm)
        return best

    window = [d[6][1:] for d in ho]
    pos = sum(float(d[4][1:].sum()) for d in tr)
    gaps = sum(float(d[5][1:].sum()) for d in tr)
    # The offset that removes the training boundary rate from a score that carries it.
    base = -logit(pos / gaps)
    print(f"window classifier alone, held out: F1 {tune(ho, window, base)[0]:.4f}", flush=True)
    for ep in range(epochs):
        perm = np.random.permutation(len(tr))
        total = 0.0
        for i in range(0, len(perm), 32):
            W, C, X, Y, M = batch(tr, perm[i:i + 32], drop)
            loss = (bce(net(W, C, X), Y) * M).sum() / M.sum()
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item()
        print(f"epoch {ep + 1}: loss {total:.2f}", flush=True)
    zh = logits(ho)
    print(f"network alone, held out: F1 {tune(ho, zh, base)[0]:.4f}", flush=True)
    best = (-1.0,)
    for a in (1 / 3, 0.5, 2 / 3, 1.0):
        # Both scores carry the boundary rate: the offset removes it (1 + a) times.
        r = tune(ho, [a * z + w for z, w in zip(zh, window)], (1 + a) * base)
        print(f"weight {a:.3f}: held out F1 {r[0]:.4f} (offset {r[1]:.2f}, prior weight {r[2]}, rate matching {r[3]})", flush=True)
        if r[0] > best[0]:
            best = (r[0], a) + r[1:]
    print(f"chosen: weight {best[1]}, held out F1 {best[0]:.4f}", flush=True)
    # The window classifier's log-odds are added unweighted, so the network's weight is
    # relative to them.
    weights = {k: v.detach().cpu().numpy() for k, v in net.state_dict().items()}
    weights["wkeys"] = np.array(sorted(wmap, key=wmap.get), dtype=np.int64)
    decoding = (best[1], best[2], best[3], best[4])
    np.savez(os.path.join(outdir, "sequence.npz"), decoding=np.array(decoding, dtype=np.float64), **weights)
    export(weights, decoding, os.path.join(outdir, "sequence.bin"))


def main() -> None:
    if len(sys.argv) >= 4 and sys.argv[1] == "train":
        train(sys.argv[2], sys.argv[3], dict(a.split("=", 1) for a in sys.argv[4:]))
    elif len(sys.argv) == 4 and sys.argv[1] == "export":
        z = np.load(sys.argv[2])
        weights = {k: z[k] for k in z.files if k != "decoding"}
        export(weights, tuple(z["decoding"]), sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
