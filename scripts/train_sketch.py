"""Train the offline sketch CNN on Quick, Draw! data and export models/sketch_cnn.onnx + .json.

    pip install -r requirements-train.txt
    python scripts/train_sketch.py                       # or: python -m core.sketch train
    python scripts/train_sketch.py --games-db arena.db   # also learn from the app's finished games
    python scripts/train_sketch.py --members 1           # one net instead of three: a third of the time

Every training image goes through core.sketch.preprocess, the function the app runs on a canvas
frame; raw strokes are rendered with core.images (black pen on a white 512 px canvas) first.
Three nets are trained from different seeds on the same inputs (in bfloat16 autocast) and exported
as one ONNX graph that averages their probabilities.
torch is imported only inside the training functions, so tests can import the data helpers.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import multiprocessing
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from core.images import BadImage, EmptyDrawing  # noqa: E402
from core.judge import normalize  # noqa: E402
from core.sketch import INPUT_SIZE, MODEL_ID, PREPROCESS_VERSION, SketchModel, evaluate, preprocess, read_drawings, render_drawing  # noqa: E402
from core.words import load_words  # noqa: E402

SEED = 20240601
HELDOUT_PERCENT = 20
STROKE_VARIANTS = 12
BITMAP_VARIANTS = 3
PARTIAL_SHARE = 0.4  # share of stroke samples cut to their first k strokes: the model guesses mid-drawing
WOBBLE_SHARE = 0.75  # share of stroke samples whose strokes are moved one by one (wobble_strokes)
STROKE_SHIFT = 0.04  # sd of a stroke's own shift, as a share of the drawing's size
STROKE_TURN = 0.05  # sd of a stroke's own turn, radians
STROKE_DROP = 0.1  # chance that a stroke (not the first, of three or more) is left out
MEMBERS = 3  # nets trained from different seeds; the exported model averages their probabilities
FINISHED_STATUSES = ("won", "timeout", "quit")
DATA_CREDIT = (
    "Quick, Draw! data by Google, Inc., CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); "
    "https://github.com/googlecreativelab/quickdraw-dataset"
)


def is_heldout(key_id: str, percent: int = HELDOUT_PERCENT) -> bool:
    """Whether a drawing belongs to the held-out split (a fixed hash of its key_id, never trained on)."""
    return int(hashlib.sha1(key_id.encode("utf-8")).hexdigest(), 16) % 100 < percent


def jitter_strokes(strokes: Sequence, rng: random.Random) -> list:
    """Strokes under a random affine map: rotation, shear and anisotropic scale."""
    a = math.radians(rng.uniform(-15.0, 15.0))
    sh = rng.uniform(-0.2, 0.2)
    sx, sy = math.exp(rng.uniform(-0.2, 0.2)), math.exp(rng.uniform(-0.2, 0.2))
    c, s = math.cos(a), math.sin(a)
    m00, m01 = sx * c, sx * (-s + sh * c)
    m10, m11 = sy * s, sy * (c + sh * s)
    out = []
    for st in strokes:
        xs, ys = st[0], st[1]
        out.append([[m00 * x + m01 * y for x, y in zip(xs, ys)], [m10 * x + m11 * y for x, y in zip(xs, ys)]])
    return out


def wobble_strokes(strokes: Sequence, rng: random.Random) -> list:
    """Each stroke nudged and turned a little on its own; now and then a stroke is left out (never the first)."""
    xs = [x for st in strokes for x in st[0]]
    ys = [y for st in strokes for y in st[1]]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    out = []
    for i, st in enumerate(strokes):
        if i > 0 and len(strokes) > 2 and rng.random() < STROKE_DROP:
            continue
        dx, dy = rng.gauss(0, STROKE_SHIFT) * span, rng.gauss(0, STROKE_SHIFT) * span
        a = rng.gauss(0, STROKE_TURN)
        cx, cy = sum(st[0]) / len(st[0]), sum(st[1]) / len(st[1])
        c, s = math.cos(a), math.sin(a)
        out.append([
            [cx + c * (x - cx) - s * (y - cy) + dx for x, y in zip(st[0], st[1])],
            [cy + s * (x - cx) + c * (y - cy) + dy for x, y in zip(st[0], st[1])],
        ])
    return out


def stroke_sample(strokes: Sequence, rng: random.Random) -> np.ndarray:
    """One augmented training input from raw strokes, rendered on the app's canvas and preprocessed."""
    if rng.random() < WOBBLE_SHARE:
        strokes = wobble_strokes(strokes, rng)
    s = jitter_strokes(strokes, rng)
    k = len(s)
    if k > 1 and rng.random() < PARTIAL_SHARE:
        k = rng.randint(1, k - 1)
    fill = rng.uniform(0.3, 0.95)
    offset = (rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.05))
    pen = rng.uniform(3.5, 9.0)
    return preprocess(render_drawing(s, n_strokes=k, fill=fill, offset=offset, pen_width=pen))


def bitmap_image(bitmap: np.ndarray, rng: random.Random, side: int = 224) -> Image.Image:
    """A 28x28 white-on-black Quick, Draw! bitmap redrawn as black ink on white, under a random affine map.

    preprocess thins its soft lines to their centre, as it does the app's pen lines.
    """
    im = Image.fromarray(bitmap.astype(np.uint8), "L").resize((side, side), Image.BICUBIC)
    a = math.radians(rng.uniform(-12.0, 12.0))
    sh = rng.uniform(-0.15, 0.15)
    sx, sy = math.exp(rng.uniform(-0.15, 0.15)), math.exp(rng.uniform(-0.15, 0.15))
    c, s = math.cos(a), math.sin(a)
    # PIL's affine maps output to input, so invert the forward map (about the centre).
    fwd = np.array([[sx * c, sx * (-s + sh * c)], [sy * s, sy * (c + sh * s)]])
    inv = np.linalg.inv(fwd)
    centre = np.array([side / 2, side / 2])
    t = centre - inv @ centre
    im = im.transform((side, side), Image.AFFINE, (inv[0, 0], inv[0, 1], t[0], inv[1, 0], inv[1, 1], t[1]), Image.BILINEAR)
    return Image.fromarray(255 - np.asarray(im), "L")


def bitmap_sample(bitmap: np.ndarray, rng: random.Random) -> np.ndarray:
    """One augmented training input from a 28x28 bitmap, through the app's preprocessing."""
    return preprocess(bitmap_image(bitmap, rng))


def _to_u8(x: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(x * 255.0), 0, 255).astype(np.uint8)


def _samples(sample, source, seed: int, n: int) -> np.ndarray:
    """n augmented inputs from one drawing (strokes or bitmap), seeded; blank samples are skipped."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        try:
            out.append(_to_u8(sample(source, rng)))
        except EmptyDrawing:
            pass
    return np.stack(out) if out else np.zeros((0, INPUT_SIZE, INPUT_SIZE), np.uint8)


def _stroke_job(job: tuple) -> np.ndarray:
    return _samples(stroke_sample, *job)


def _bitmap_job(job: tuple) -> np.ndarray:
    return _samples(bitmap_sample, *job)


def games_db_samples(db_path: str | Path, classes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Preprocessed frames of the app's finished games, labelled by their word's class index."""
    class_of = {normalize(c): i for i, c in enumerate(classes)}
    con = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT g.word, f.png FROM frames AS f JOIN games AS g ON g.id = f.game_id "
            "WHERE g.status IN (?, ?, ?) ORDER BY f.game_id, f.seq",
            FINISHED_STATUSES,
        ).fetchall()
    finally:
        con.close()
    xs, ys = [], []
    for word, png in rows:
        label = class_of.get(normalize(word or ""))
        if label is None or png is None:
            continue
        try:
            xs.append(_to_u8(preprocess(bytes(png))))
        except (BadImage, EmptyDrawing):
            continue
        ys.append(label)
    if not xs:
        return np.zeros((0, INPUT_SIZE, INPUT_SIZE), np.uint8), np.zeros((0,), np.int64)
    return np.stack(xs), np.asarray(ys, dtype=np.int64)


def build_bank(args, classes: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[str], dict]:
    """All augmented training inputs (uint8) and labels, plus the held-out key_ids."""
    data = Path(args.data)
    class_of = {c: i for i, c in enumerate(classes)}
    drawings = [d for d in read_drawings(data / "strokes.ndjson.gz") if d.word in class_of]
    # Drawings Quick, Draw! did not recognize stay out of training (often unfinished or off-topic);
    # the held-out split keeps them all.
    train = [d for d in drawings if not is_heldout(d.key) and d.recognized]
    heldout = sorted(d.key for d in drawings if is_heldout(d.key))
    npz = np.load(data / "bitmaps.npz")
    names = [str(n) for n in npz["names"]]
    bx, by = npz["x"], npz["y"]
    keep = [i for i in range(len(by)) if names[by[i]] in class_of]
    stroke_jobs = [(d.strokes, SEED * 1_000_003 + i, args.stroke_variants) for i, d in enumerate(train)]
    bitmap_jobs = [(bx[i], SEED * 7_000_001 + i, args.bitmap_variants) for i in keep]
    t0 = time.time()
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        sx = pool.map(_stroke_job, stroke_jobs, chunksize=16)
        bxs = pool.map(_bitmap_job, bitmap_jobs, chunksize=64) if args.bitmap_variants else []
    xs = sx + bxs
    ys = [class_of[d.word] for d in train] + [class_of[names[by[i]]] for i in keep][: len(bxs)]
    labels = np.concatenate([np.full(len(x), y, np.int64) for x, y in zip(xs, ys)])
    images = np.concatenate(xs)
    stats = {
        "train_drawings_strokes": len(train),
        "unrecognized_left_out": sum(1 for d in drawings if not is_heldout(d.key) and not d.recognized),
        "train_bitmaps": len(bitmap_jobs),
        "heldout_drawings": len(heldout),
        "bank_seconds": round(time.time() - t0, 1),
    }
    if args.games_db:
        gx, gy = games_db_samples(args.games_db, classes)
        stats["game_frames"] = int(len(gy))
        if len(gy):
            images = np.concatenate([images] + [gx] * args.games_repeat)
            labels = np.concatenate([labels] + [gy] * args.games_repeat)
    return images, labels, heldout, stats


def build_net(n_classes: int):
    """The CNN: a strided 5x5 stem, then 24, 12 and 6 px stages of 3x3 convs with BatchNorm, a dropout head."""
    import torch.nn as nn

    def conv(cin: int, cout: int, k: int = 3, stride: int = 1) -> list:
        return [nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]

    # About 1.6 M parameters and 77 M multiply-adds a 48 px input: about 800 inputs a second on 2 cores in bfloat16.
    return nn.Sequential(
        *conv(1, 32, k=5, stride=2),
        *conv(32, 64),
        nn.MaxPool2d(2),
        *conv(64, 128),
        *conv(128, 128),
        nn.MaxPool2d(2),
        *conv(128, 256),
        *conv(256, 256),
        nn.AdaptiveAvgPool2d(2),
        nn.Flatten(),
        nn.Dropout(0.2),
        nn.Linear(256 * 4, 384),
        nn.ReLU(inplace=True),
        nn.Dropout(0.2),
        nn.Linear(384, n_classes),
    )


def ensemble(nets: Sequence):
    """One module whose output is the log of the members' mean probabilities (a single net as is)."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    if len(nets) == 1:
        return nets[0]

    class Ensemble(nn.Module):
        def __init__(self):
            super().__init__()
            self.members = nn.ModuleList(nets)

        def forward(self, x):
            logp = torch.stack([F.log_softmax(m(x), dim=1) for m in self.members])
            return torch.logsumexp(logp, dim=0) - math.log(len(self.members))

    return Ensemble().eval()


def shift_batch(x, rng_t, max_shift: int = 2):
    """Random translation of each image by up to max_shift pixels (zero padding)."""
    import torch
    import torch.nn.functional as F

    n, _, h, w = x.shape
    p = F.pad(x, (max_shift,) * 4)[:, 0]
    dx = torch.randint(0, 2 * max_shift + 1, (n,), generator=rng_t)
    dy = torch.randint(0, 2 * max_shift + 1, (n,), generator=rng_t)
    rows = dy[:, None, None] + torch.arange(h)[None, :, None]
    cols = dx[:, None, None] + torch.arange(w)[None, None, :]
    out = p[torch.arange(n)[:, None, None], rows, cols]
    return out.unsqueeze(1)


def train_net(images: np.ndarray, labels: np.ndarray, n_classes: int, args, seed: int = SEED):
    """Train one CNN on the bank with AdamW, label smoothing, a one-cycle cosine schedule, in bfloat16."""
    import torch
    import torch.nn as nn

    torch.manual_seed(seed)
    torch.set_num_threads(args.threads)
    net = build_net(n_classes).to(memory_format=torch.channels_last)
    x_all = torch.from_numpy(images)
    y_all = torch.from_numpy(labels)
    n = len(y_all)
    steps_per_epoch = math.ceil(n / args.batch)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=args.lr, total_steps=args.epochs * steps_per_epoch, pct_start=0.15, anneal_strategy="cos"
    )
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    gen = torch.Generator().manual_seed(seed)
    for epoch in range(args.epochs):
        net.train()
        t0 = time.time()
        perm = torch.randperm(n, generator=gen)
        total, correct, loss_sum = 0, 0, 0.0
        for b in range(steps_per_epoch):
            idx = perm[b * args.batch : (b + 1) * args.batch]
            x = x_all[idx].float().div_(255.0).unsqueeze(1)
            x = shift_batch(x, gen).contiguous(memory_format=torch.channels_last)
            y = y_all[idx]
            # bfloat16 autocast: about 1.8x faster on CPUs with AVX-512 BF16, and as accurate here.
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                out = net(x).float()
            loss = loss_fn(out, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += loss.item() * len(y)
            correct += int((out.argmax(1) == y).sum())
            total += len(y)
        print(
            f"seed {seed} epoch {epoch + 1}/{args.epochs} loss={loss_sum / total:.3f} train_acc={correct / total:.3f} "
            f"({time.time() - t0:.0f}s)",
            flush=True,
        )
    net.eval()
    return net.to(memory_format=torch.contiguous_format)


def export_onnx(net, path: Path) -> None:
    """Write the trained net as ONNX (input 'image' N x 1 x S x S, output 'logits')."""
    import torch

    dummy = torch.zeros(1, 1, INPUT_SIZE, INPUT_SIZE)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        net,
        dummy,
        str(path),
        dynamo=False,
        input_names=["image"],
        output_names=["logits"],
        dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
        opset_version=17,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Build the training bank, train, export, and evaluate on the held-out drawings."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=str(REPO_ROOT.parent / "shared" / "data" / "quickdraw"))
    p.add_argument("--words", default=str(REPO_ROOT / "words.txt"))
    p.add_argument("--out", default=str(REPO_ROOT / "models" / "sketch_cnn.onnx"))
    p.add_argument("--games-db", default=None, help="the app's SQLite DB: also train on frames of finished games")
    p.add_argument("--games-repeat", type=int, default=2, help="how many times each game frame enters the bank")
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--weight-decay", type=float, default=0.02)
    p.add_argument("--stroke-variants", type=int, default=STROKE_VARIANTS)
    p.add_argument("--bitmap-variants", type=int, default=BITMAP_VARIANTS)
    p.add_argument("--members", type=int, default=MEMBERS, help="nets to train and average (seeds SEED, SEED+1, ...)")
    p.add_argument("--no-bf16", dest="bf16", action="store_false", help="train in float32 (slower)")
    p.add_argument("--threads", type=int, default=min(2, os.cpu_count() or 1))
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    args = p.parse_args(argv)

    for name in ("strokes.ndjson.gz", "bitmaps.npz"):
        if not (Path(args.data) / name).is_file():
            p.error(f"{Path(args.data) / name} not found: point --data at the Quick, Draw! sample data")
    if args.games_db and not Path(args.games_db).is_file():
        p.error(f"{args.games_db} not found")
    import torch

    started = time.time()
    classes = [w.text for w in load_words(args.words)]
    images, labels, heldout, stats = build_bank(args, classes)
    print(f"bank: {len(labels)} inputs {stats}", flush=True)
    net = ensemble([train_net(images, labels, len(classes), args, SEED + i) for i in range(args.members)])
    train_seconds = round(time.time() - started, 1)

    out = Path(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_onnx = Path(tmp) / "model.onnx"
        export_onnx(net, tmp_onnx)
        meta = {
            "model": MODEL_ID,
            "classes": classes,
            "input_size": INPUT_SIZE,
            "preprocess_version": PREPROCESS_VERSION,
            "trained_on": dt.date.today().isoformat(),
            "data_credit": DATA_CREDIT,
            "seed": SEED,
            "epochs": args.epochs,
            "members": args.members,
            "bf16": args.bf16,
            "parameters": sum(t.numel() for t in net.parameters()),
            "torch": torch.__version__,
            "heldout_rule": f"sha1(key_id) % 100 < {HELDOUT_PERCENT} (models/heldout_keys.txt)",
            "train_seconds": train_seconds,
            **stats,
        }
        tmp_onnx.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
        x = torch.from_numpy(images[:64]).float().div(255.0).unsqueeze(1)
        with torch.no_grad():
            ref = net(x).numpy()
        model = SketchModel(tmp_onnx)
        assert np.allclose(model.logits(x.numpy()[:, 0]), ref, atol=1e-3), "ONNX output differs from torch"
        keys = set(heldout)
        metrics = evaluate(model, read_drawings(Path(args.data) / "strokes.ndjson.gz", keys), load_words(args.words))
        print("held-out: " + " ".join(f"{k}={v:.4f}" if k != "drawings" else f"{k}={v}" for k, v in metrics.items()))
        meta["heldout_metrics"] = {k: (round(v, 4) if k != "drawings" else v) for k, v in metrics.items()}
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(tmp_onnx.read_bytes())
        out.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    (out.parent / "heldout_keys.txt").write_text("\n".join(heldout) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.time() - started:.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
