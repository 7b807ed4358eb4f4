"""How well core.profanity catches disguised swearing, how often it blocks ordinary words, and its cost.

    python bench/profanity.py                    # recall, false alarms, time per check
    python bench/profanity.py --libraries        # also the libraries' own checks, as they come
    python bench/profanity.py --regenerate       # rewrite bench/data/profanity_evasions.txt (seeded)
    python bench/profanity.py --check-roots      # the words that contain each [roots] entry
    python bench/profanity.py --dictionary /usr/share/dict/words   # and every word of a dictionary

RECALL: bench/data/profanity_evasions.txt, generated from SEEDS (words the filter must block, each
with the tier it must have) with a seeded rng: each word plain, in capitals and mixed case, in a
sentence, in leetspeak, spelled out with spaces, dots, dashes, underscores or stars, split once,
with letters repeated, with Cyrillic/Greek look-alikes, fullwidth, accented, with zero-width
characters, starred (f*ck), dressed as a nickname (xXwordXx, word69), and two or three of these at
once. Recall at strict counts every line blocked at strict; at moderate, the strong lines blocked
at moderate (a mild line passing at moderate is the design, so those are counted apart).

FALSE ALARMS: every word and alias of words.txt, and bench/data/ordinary_words.txt (common English
words, first names, Scunthorpe traps), checked at strict, at moderate, and as typical guesses
("I think it's a cat"). Its last section, words blocked by design for their other sense (cock the
bird), is reported apart.

TIME: is_blocked(text, "strict") on typical guesses (words.txt names, short guesses, nicknames,
model replies of up to 300 characters), in microseconds: a new text (the text cache cleared before
each call, the word caches as a running app has them), every cache cleared before each call, and a
text checked before (the text cache hit).
"""
from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pool_overhead import percentile  # bench/ is on the path when a bench runs

from core import profanity
from core.words import load_words

DATA = ROOT / "bench" / "data"
EVASIONS = DATA / "profanity_evasions.txt"
ORDINARY = DATA / "ordinary_words.txt"

# Words the filter must block, and the tier each must have. Chosen from what people type, not
# from any library's list: the recall part would flatter a list measured on its own words.
SEEDS = {
    "strong": [
        "fuck", "fucking", "fucker", "motherfucker", "shit", "bullshit", "shithead", "cunt", "cock", "dick",
        "dickhead", "pussy", "bitch", "bastard", "asshole", "whore", "slut", "twat", "wanker", "prick",
        "nigger", "nigga", "faggot", "fag", "dyke", "tranny", "retard", "kike", "spic", "chink", "porn",
        "sex", "penis", "vagina", "cum", "jizz", "dildo", "blowjob", "tits", "orgasm", "horny", "rape",
    ],
    "mild": [
        "damn", "crap", "hell", "piss", "pissed", "bloody", "bugger", "arse", "ass", "bollocks", "butt",
        "sod", "wtf", "sucks", "boobs", "fart", "turd", "dumbass", "jackass", "goddamn",
    ],
}

LEET = {"a": "4@", "b": "8", "e": "3", "g": "96", "i": "1!|", "l": "1|", "o": "0", "s": "5$", "t": "7+"}
LOOKALIKES = {  # Latin letter -> Cyrillic, Greek and other letters drawn the same
    "a": "аα", "b": "Ьβ", "c": "сϲ", "d": "ԁ", "e": "еε", "h": "һ", "i": "іι", "j": "ј", "k": "κк",
    "l": "ӏ", "n": "ո", "o": "оο", "p": "рρ", "r": "г", "s": "ѕ", "t": "τт", "u": "υս", "v": "ν",
    "w": "ԝω", "x": "хχ", "y": "уγ",
}
ACCENTED = {"a": "àáâäãå", "e": "èéêë", "i": "ìíîï", "o": "òóôöõ", "u": "ùúûü", "c": "ç", "n": "ñ", "s": "šś"}
COMBINING = ("\u0301", "\u0308", "\u0336", "\u0332", "\u0303")
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
SEPARATORS = (" ", ".", "-", "_", "*", " . ", "..", "~")
SENTENCES = ("you are a {w}", "{w}!!!", "lol {w} lol", "is it a {w}?", "what the {w}", "{w} you", "such {w}.")
NICKNAMES = ("{w}69", "xX{w}Xx", "{w}_420", "the{w}", "{w}2000", "Mr{W}")

# Typical guesses for the timing part and the "guesses" false-alarm row.
GUESS_TEMPLATES = ("{w}", "a {w}", "I think it's a {w}", "is it a {w}?", "{w}!", "maybe a {w} or a {v}",
                   "It looks like a {w}.", "{W}")
REPLY_TEMPLATES = (
    ("The drawing shows {w}: there is a rounded outline with a few strokes inside it, which could also be "
     "{v}, but the proportions and the detail at the top suggest {w} more than anything else. My answer: {w}."),
    ("I see a simple sketch. It might be {v} or {w}; the long line on the left looks like part of {w}. "
     "Final guess: {w}."),
    "{W}? The shape is close to {v}, yet the small marks look like {w}. I'll say {w}.",
)


# --- the evasion list ----------------------------------------------------------------------------

def swap(cells: list[str], rng: random.Random, table: dict[str, list[str]], least: float) -> list[str]:
    """Swap some letters (at least one, at least `least` of those the table knows) for the table's stand-ins."""
    can = [i for i, c in enumerate(cells) if c.lower() in table]
    if not can:
        return cells
    chosen = set(rng.sample(can, max(1, round(len(can) * rng.uniform(least, 1.0)))))
    return [rng.choice(table[c.lower()]) if i in chosen else c for i, c in enumerate(cells)]


def leet(cells: list[str], rng: random.Random) -> list[str]:
    """Swap some letters (at least one) for digits or symbols."""
    return swap(cells, rng, LEET, 0.4)


def lookalike(cells: list[str], rng: random.Random) -> list[str]:
    """Swap some letters (at least one) for Cyrillic or Greek look-alikes."""
    return swap(cells, rng, LOOKALIKES, 0.3)


def accent(cells: list[str], rng: random.Random) -> list[str]:
    """Put accents on some letters: precomposed (ü) or combining marks (u + U+0308)."""
    out = []
    for c in cells:
        if rng.random() < 0.5 and c.lower() in ACCENTED:
            out.append(rng.choice(ACCENTED[c.lower()]))
        elif rng.random() < 0.3 and c.isalpha():
            out.append(c + rng.choice(COMBINING))
        else:
            out.append(c)
    if out == cells and cells:
        out[0] = cells[0] + COMBINING[0]
    return out


def repeat(cells: list[str], rng: random.Random) -> list[str]:
    """Repeat one or two letters 3 to 7 times in all ('fuuuuck')."""
    out = list(cells)
    for i in sorted(rng.sample(range(len(out)), min(len(out), rng.choice((1, 2)))), reverse=True):
        out[i:i + 1] = [out[i]] * rng.randint(3, 7)
    return out


def mixed_case(cells: list[str], rng: random.Random) -> list[str]:
    """Each letter upper or lower case at random (at least one of each)."""
    out = [c.upper() if rng.random() < 0.5 else c.lower() for c in cells]
    if len(out) > 1 and (all(c.isupper() for c in out) or all(c.islower() for c in out)):
        out[0] = out[0].swapcase()
    return out


def fullwidth(cells: list[str], rng: random.Random) -> list[str]:
    """Every ASCII letter in its fullwidth form (ｆｕｃｋ)."""
    return ["".join(chr(ord(c) - 0x21 + 0xFF01) if "!" <= c <= "~" else c for c in cell) for cell in cells]


def invisible(cells: list[str], rng: random.Random) -> list[str]:
    """A zero-width character (or soft hyphen) after some letters."""
    out = [c + rng.choice(INVISIBLE) if i < len(cells) - 1 and rng.random() < 0.6 else c for i, c in enumerate(cells)]
    if out == cells and len(cells) > 1:
        out[0] = cells[0] + INVISIBLE[0]
    return out


CELL_KINDS: dict[str, Callable[[list[str], random.Random], list[str]]] = {
    "leetspeak": leet, "lookalikes": lookalike, "accents": accent, "repeats": repeat,
    "mixed case": mixed_case, "fullwidth": fullwidth, "zero-width": invisible,
}


def spaced(word: str, rng: random.Random) -> str:
    """The letters with a separator between each two ('f.u.c.k')."""
    return rng.choice(SEPARATORS).join(word)


def split_once(word: str, rng: random.Random) -> str:
    """The word split once with a space, dot or dash ('fu ck')."""
    i = rng.randint(1, len(word) - 1)
    return word[:i] + rng.choice((" ", ".", "-", "_")) + word[i:]


def starred(word: str, rng: random.Random) -> str:
    """An inner vowel (or letter) replaced by '*' ('f*ck')."""
    inner = [i for i in range(1, len(word) - 1) if word[i] in "aeiou"] or list(range(1, len(word) - 1))
    i = rng.choice(inner)
    return word[:i] + "*" + word[i + 1:]


def generate(seeds: dict[str, list[str]], rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(tier, kind, seed word, text) lines: each seed word plain and disguised in every way above."""
    out: list[tuple[str, str, str, str]] = []
    for tier, words in seeds.items():
        for w in words:
            cases = [("plain", w), ("plain", w.capitalize()), ("plain", w.upper())]
            cases += [("sentence", t.format(w=w)) for t in rng.sample(SENTENCES, 2)]
            for kind, fn in CELL_KINDS.items():
                for _ in range(1 if kind in ("fullwidth", "accents", "zero-width") else 2):
                    cases.append((kind, "".join(fn(list(w), rng))))
            cases += [("separators", spaced(w, rng)) for _ in range(3)]
            cases += [("split once", split_once(w, rng)) for _ in range(2)]
            if len(w) >= 4:
                cases.append(("starred", starred(w, rng)))
            cases.append(("nickname", rng.choice(NICKNAMES).format(w=w, W=w.capitalize())))
            for _ in range(3):
                kinds = rng.sample(sorted(CELL_KINDS), rng.choice((2, 3)))
                cells = list(w)
                for k in sorted(kinds, key=lambda k: k != "repeats"):  # repeat letters before disguising them
                    cells = CELL_KINDS[k](cells, rng)
                text = "".join(cells)
                if rng.random() < 0.4:
                    text = rng.choice(SEPARATORS[:4]).join(cells)
                    kinds.append("separators")
                cases.append(("combined: " + " + ".join(sorted(kinds)), text))
            seen = set()
            for kind, text in cases:
                if text not in seen:
                    seen.add(text)
                    out.append((tier, kind, w, text))
    return out


def write_evasions(path: Path, seed: int) -> int:
    """Generate the evasion list with a seeded rng and write it; the number of lines."""
    lines = generate(SEEDS, random.Random(seed))
    with path.open("w", encoding="utf-8") as f:
        f.write(f"# Disguised swearing for bench/profanity.py (python bench/profanity.py --regenerate --seed {seed}).\n"
                "# It holds offensive words by necessity. tier<TAB>kind<TAB>seed word<TAB>text; the text may hold\n"
                "# zero-width and combining characters.\n")
        for tier, kind, w, text in lines:
            f.write(f"{tier}\t{kind}\t{w}\t{text}\n")
    return len(lines)


def read_evasions(path: Path) -> list[tuple[str, str, str, str]]:
    """The (tier, kind, seed word, text) lines of an evasion list."""
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            tier, kind, w, text = line.split("\t", 3)
            out.append((tier, kind.split(":")[0], w, text))
    return out


def read_ordinary(path: Path) -> dict[str, list[str]]:
    """The sections of the ordinary-words list: {'common': [...], 'names': [...], ...}."""
    sections: dict[str, list[str]] = defaultdict(list)
    current = "common"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# section:"):
            current = line.split(":", 1)[1].strip()
        elif line.strip() and not line.startswith("#"):
            sections[current].append(line.strip())
    return dict(sections)


def typical_guesses(names: list[str], first_names: list[str], rng: random.Random, n: int) -> list[str]:
    """Distinct guesses as the app sees them: names of words, short guesses, nicknames, model replies."""
    out: dict[str, None] = {}
    while len(out) < n:
        w, v = rng.choice(names), rng.choice(names)
        r = rng.random()
        if r < 0.6:
            text = rng.choice(GUESS_TEMPLATES).format(w=w, v=v, W=w.capitalize())
        elif r < 0.8:
            text = rng.choice(first_names) + rng.choice(("", "", str(rng.randint(1, 99)), "_" + w.split()[0]))
        else:
            text = rng.choice(REPLY_TEMPLATES).format(w="a " + w, v="a " + v, W=w.capitalize())[:300]
        out[text] = None
    return list(out)


# --- measuring -----------------------------------------------------------------------------------

def timed(check: Callable[[str], object], texts: Sequence[str], before: Callable[[], None] | None = None
          ) -> list[float]:
    """Microseconds of each check(text), with before() run (untimed) ahead of each call, garbage collection off."""
    out = []
    clock = time.perf_counter_ns
    gc.collect()
    gc.disable()  # as timeit does: a collection is the process's pause, not the check's
    try:
        for text in texts:
            if before:
                before()
            t0 = clock()
            check(text)
            out.append((clock() - t0) / 1000)
    finally:
        gc.enable()
    return out


def rate(hits: int, n: int) -> str:
    """hits/n as a share with three decimals."""
    return f"{hits / n:.3f}" if n else "-"


def us(values: Sequence[float]) -> str:
    """Median and p99 of microsecond timings."""
    return f"{statistics.median(values):.1f} | {percentile(values, 99):.1f}"


def measure_filter(evasions, ordinary, word_names, guesses, examples: int) -> None:
    """Print the recall, false-alarm and timing tables of core.profanity."""
    strong = [e for e in evasions if e[0] == "strong"]
    mild = [e for e in evasions if e[0] == "mild"]
    at = {lvl: [profanity.is_blocked(e[3], lvl) for e in evasions] for lvl in ("strict", "moderate")}
    print(f"core.profanity on {profanity.LIBRARY} {version(profanity.LIBRARY)}\n")
    print("| evasions | lines | blocked at strict | blocked at moderate |")
    print("|---|---|---|---|")
    s_strict = sum(b for b, e in zip(at["strict"], evasions) if e[0] == "strong")
    s_mod = sum(b for b, e in zip(at["moderate"], evasions) if e[0] == "strong")
    m_strict = sum(b for b, e in zip(at["strict"], evasions) if e[0] == "mild")
    m_mod = sum(b for b, e in zip(at["moderate"], evasions) if e[0] == "mild")
    print(f"| strong words | {len(strong)} | {rate(s_strict, len(strong))} | **{rate(s_mod, len(strong))}** (recall) |")
    print(f"| mild words | {len(mild)} | {rate(m_strict, len(mild))} | {rate(m_mod, len(mild))} (should pass) |")
    print(f"| **all (recall at strict)** | {len(evasions)} | **{rate(s_strict + m_strict, len(evasions))}** | |")
    print()
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for blocked_s, blocked_m, (tier, kind, _, _) in zip(at["strict"], at["moderate"], evasions):
        row = by_kind[kind]
        row[0] += 1
        row[1] += blocked_s
        if tier == "strong":
            row[2] += 1
            row[3] += blocked_m
    print("| kind | lines | recall at strict | strong lines | recall at moderate |")
    print("|---|---|---|---|---|")
    for kind, (n, hs, ns, hm) in sorted(by_kind.items()):
        print(f"| {kind} | {n} | {rate(hs, n)} | {ns} | {rate(hm, ns)} |")
    missed = [e for b, e in zip(at["strict"], evasions) if not b]
    if missed:
        print(f"\nMissed at strict ({len(missed)}, first {examples}): "
              + ", ".join(f"{e[3]!r} ({e[1]})" for e in missed[:examples]))
    print()
    rows = [("words.txt (words and aliases)", word_names)]
    rows += [(f"ordinary: {name}", words) for name, words in ordinary.items() if name != "double"]
    rows.append(("guesses made of words.txt names", guesses))
    print("| ordinary texts | texts | blocked at strict | at moderate |")
    print("|---|---|---|---|")
    total = [0, 0, 0]
    alarms = []
    for label, texts in rows:
        s = [t for t in texts if profanity.is_blocked(t, "strict")]
        m = sum(profanity.is_blocked(t, "moderate") for t in texts)
        alarms += s
        total = [total[0] + len(texts), total[1] + len(s), total[2] + m]
        print(f"| {label} | {len(texts)} | {len(s)} | {m} |")
    print(f"| **all (false alarms)** | {total[0]} | **{total[1]}** ({rate(total[1], total[0])}) | **{total[2]}** |")
    double = ordinary.get("double", [])
    if double:
        ds = [t for t in double if profanity.is_blocked(t, "strict")]
        dm = [t for t in double if profanity.is_blocked(t, "moderate")]
        print(f"| blocked by design for another sense | {len(double)} | {len(ds)} | {len(dm)} |")
    if alarms:
        print(f"\nFalse alarms at strict ({len(alarms)}, first {examples}): "
              + ", ".join(f"{t!r} ({', '.join(profanity.blocked_terms(t, 'strict'))})" for t in alarms[:examples]))
    if double:
        passed = [t for t in double if not profanity.is_blocked(t, "strict")]
        print(f"Double-sense words that pass at moderate: {', '.join(t for t in double if t not in dm) or 'none'}"
              f"; at strict: {', '.join(passed) or 'none'}")
    print()

    def check(text: str) -> bool:
        return profanity.is_blocked(text, "strict")

    profanity.clear_caches()
    for text in guesses:  # as a running app: the words seen, the texts not
        check(text)
    new_text = timed(check, guesses, profanity._scan.cache_clear)
    cold = timed(check, guesses[:2000], profanity.clear_caches)
    for text in guesses:
        check(text)
    repeated = timed(check, guesses)
    lengths = sorted(len(t) for t in guesses)
    print(f"| is_blocked(text, 'strict'), µs ({len(guesses)} typical guesses, {lengths[0]}-{lengths[-1]} characters, "
          f"median {statistics.median(lengths):.0f}) | calls | median | p99 |")
    print("|---|---|---|---|")
    print(f"| **a new text** (the words seen before) | {len(new_text)} | **{us(new_text)}** |")
    print(f"| every cache cleared before each call | {len(cold)} | {us(cold)} |")
    print(f"| a text checked before | {len(repeated)} | {us(repeated)} |")
    short = [t for t in guesses if len(t) <= 60]
    profanity.clear_caches()
    for text in short:
        check(text)
    st = timed(check, short, profanity._scan.cache_clear)
    print(f"| guesses and nicknames of up to 60 characters, a new text | {len(st)} | {us(st)} |")
    long = [t for t in guesses if len(t) > 150]
    if long:
        profanity.clear_caches()
        for text in long:
            check(text)
        lt = timed(check, long, profanity._scan.cache_clear)
        print(f"| model replies over 150 characters, a new text | {len(lt)} | {us(lt)} |")
    lex = profanity.lexicon
    profanity.lexicon.cache_clear()
    t0 = time.perf_counter()
    lex()
    print(f"\nLoading and compiling the word list: {(time.perf_counter() - t0) * 1000:.1f} ms, once a process.")


def version(dist: str) -> str:
    """The installed version of a distribution, or 'not installed'."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as v
    try:
        return v(dist)
    except PackageNotFoundError:
        return "not installed"


def library_checks() -> dict[str, tuple[Callable[[str], bool], list[str]]]:
    """Each installed candidate library's own check (as its docs set it up) and its English word list."""
    out = {}
    try:
        from better_profanity import profanity as bp
        bp.load_censor_words()
        words = (Path(sys.modules["better_profanity"].__file__).parent / "profanity_wordlist.txt"
                 ).read_text(encoding="utf-8").splitlines()
        out["better-profanity"] = (bp.contains_profanity, words)
    except ImportError:
        print("better-profanity is not installed (pip install better-profanity==0.7.0)", file=sys.stderr)
    try:
        from glin_profanity import Filter
        f = Filter({"languages": ["english"], "detect_leetspeak": True, "leetspeak_level": "aggressive",
                    "normalize_unicode": True, "obfuscation": "strict"})
        out["glin-profanity"] = (f.is_profane, profanity.library_words())
    except ImportError:
        print("glin-profanity is not installed (pip install glin-profanity==4.1.0)", file=sys.stderr)
    return out


def measure_libraries(evasions, ordinary, word_names, guesses) -> None:
    """Print each candidate library's own recall, false alarms and time, and what its word list holds."""
    plain_ordinary = [w for name, ws in ordinary.items() if name != "double" for w in ws] + word_names
    seeds = [w for ws in SEEDS.values() for w in ws]
    ordinary_set = {w.lower() for w in plain_ordinary}
    print("| library, its own check | version | evasions blocked | strong ones | ordinary texts blocked "
          "| µs per guess (median, p99) | entries | entries that are ordinary words | seed words listed |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, (check, words) in library_checks().items():
        hits = [bool(check(e[3])) for e in evasions]
        strong = [h for h, e in zip(hits, evasions) if e[0] == "strong"]
        alarms = [t for t in plain_ordinary if check(t)]
        t = timed(check, guesses[:3000])
        listed = {w.lower() for w in words}
        ordinary_entries = sorted(listed & ordinary_set)
        print(f"| {name} | {version(name)} | {rate(sum(hits), len(hits))} | {rate(sum(strong), len(strong))} "
              f"| {len(alarms)} of {len(plain_ordinary)} | {us(t).replace(' |', ',')} | {len(listed)} "
              f"| {len(ordinary_entries)} | {sum(s in listed for s in seeds)} of {len(seeds)} |")
        print(f"<!-- {name}: ordinary words it lists: {', '.join(ordinary_entries[:60])} -->", file=sys.stderr)
        print(f"<!-- {name}: blocks: {', '.join(alarms[:60])} -->", file=sys.stderr)
    print()


def check_roots(ordinary: dict[str, list[str]]) -> None:
    """Print, for each [roots] entry, every dictionary word and first name that contains it."""
    words = {w.lower() for ws in ordinary.values() for w in ws}
    dictionary = Path("/usr/share/dict/words")
    if dictionary.is_file():
        words |= {w.strip().lower() for w in dictionary.read_text(encoding="utf-8").splitlines()}
    else:
        print(f"{dictionary} not found (apt-get install wamerican): the ordinary-words list alone", file=sys.stderr)
    folded = {w: profanity._runs("".join(c for c in unicodedata.normalize("NFKD", w) if c.isalpha()))[0]
              for w in words}
    for root_key, root, _ in profanity.lexicon().roots:
        inside = sorted(w for w, k in folded.items() if root_key in k)
        print(f"{root}: {', '.join(inside) or '-'}")


def main(argv: Sequence[str] | None = None) -> int:
    """Load (or regenerate) the data, then print the tables."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--regenerate", action="store_true", help="rewrite the evasion list from SEEDS first")
    p.add_argument("--seed", type=int, default=0, help="the rng seed of --regenerate and of the guesses")
    p.add_argument("--guesses", type=int, default=5000, help="how many typical guesses to time")
    p.add_argument("--libraries", action="store_true", help="also measure the candidate libraries' own checks")
    p.add_argument("--check-roots", action="store_true", help="list the words that contain each root, and stop")
    p.add_argument("--dictionary", metavar="FILE", help="also check every word of a word list (as "
                   "/usr/share/dict/words from Debian's wamerican) and list the blocked ones")
    p.add_argument("--examples", type=int, default=15, help="how many misses and false alarms to list")
    args = p.parse_args(argv)
    ordinary = read_ordinary(ORDINARY)
    if args.check_roots:
        check_roots(ordinary)
        return 0
    if args.regenerate:
        print(f"wrote {write_evasions(EVASIONS, args.seed)} lines to {EVASIONS.relative_to(ROOT)}\n")
    evasions = read_evasions(EVASIONS)
    word_names = [n for w in load_words(ROOT / "words.txt") for n in w.names]
    rng = random.Random(args.seed)
    guesses = typical_guesses(word_names, ordinary.get("names", ["Sam"]), rng, args.guesses)
    if args.libraries:
        measure_libraries(evasions, ordinary, word_names, guesses)
    measure_filter(evasions, ordinary, word_names, guesses, args.examples)
    if args.dictionary:
        words = [w for w in Path(args.dictionary).read_text(encoding="utf-8").split() if "'" not in w]
        blocked = [w for w in words if profanity.is_blocked(w, "strict")]
        moderate = sum(profanity.is_blocked(w, "moderate") for w in blocked)
        print(f"\n{args.dictionary}: {len(blocked)} of {len(words)} words blocked at strict, {moderate} at moderate: "
              + ", ".join(blocked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
