"""Time the offline sketch guesser on one frame: preprocessing, the ONNX forward pass, a whole guess.

    taskset -c 1 python bench/sketch_inference.py                 # 300 drawings, one core
    python bench/sketch_inference.py --strokes other.ndjson.gz --drawings 100

Complete raw Quick, Draw! drawings are rendered as the app renders a canvas (512 px PNG) and fed,
one frame at a time, to core.sketch: `preprocess`, `SketchModel.logits` on the preprocessed input,
and `SketchGuesser.guess_now` on the PNG (which does both, plus ranking). Prints medians and p95s in
milliseconds. onnxruntime runs on one intra-op thread, as in the app; pin the process to one core
with taskset to measure "one frame on one core".
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pool_overhead import percentile  # noqa: E402  (bench/ is on the path when a bench runs)

from core.images import encode_png  # noqa: E402
from core.sketch import MODEL_PATH, SketchGuesser, SketchModel, preprocess, render_drawing  # noqa: E402
from core.strokes import read_stroke_file  # noqa: E402
from core.words import load_words  # noqa: E402

DEFAULT_STROKES = ROOT.parent / "shared" / "data" / "quickdraw" / "strokes.ndjson.gz"


def timings_ms(fn: Callable[[object], object], inputs: Sequence) -> list[float]:
    """Wall time of fn on each input, in milliseconds."""
    out = []
    for item in inputs:
        t0 = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t0) * 1000.0)
    return out


def summary(name: str, ms: Sequence[float]) -> str:
    """One line: median and p95."""
    return f"{name:<22} median {statistics.median(ms):6.2f} ms   p95 {percentile(ms, 95):6.2f} ms"


def main(argv: Sequence[str] | None = None) -> int:
    """Render the drawings, warm the model up, then time each stage over all of them."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--strokes", default=str(DEFAULT_STROKES), help="drawings in the strokes.ndjson.gz format")
    p.add_argument("--drawings", type=int, default=300)
    p.add_argument("--model", default=str(MODEL_PATH))
    args = p.parse_args(argv)
    if not Path(args.strokes).is_file():
        p.error(f"{args.strokes} not found: pass --strokes FILE.ndjson.gz")
    drawings = read_stroke_file(args.strokes)[0][: args.drawings]
    if not drawings:
        p.error(f"{args.strokes} holds no readable drawings")
    pngs = [encode_png(render_drawing(d.strokes)) for d in drawings]
    model = SketchModel(args.model)
    guesser = SketchGuesser(load_words(ROOT / "words.txt"), sketch_model=model)
    inputs = [preprocess(png)[None] for png in pngs]
    guesser.guess_now(pngs[0], [])  # the onnxruntime session is made on first use
    print(f"{len(pngs)} frames, model {model.meta.get('model')} ({model.meta.get('members', 1)} nets, "
          f"{model.meta.get('input_size')} px input)")
    print(summary("preprocess", timings_ms(preprocess, pngs)))
    print(summary("forward (ONNX)", timings_ms(model.logits, inputs)))
    print(summary("guess_now", timings_ms(lambda png: guesser.guess_now(png, ["cat", "dog"]), pngs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
