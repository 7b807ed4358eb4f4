"""Visitor files (stroke files, word lists), read as a stream under hard caps so a hostile file costs little."""
from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 64 * 1024


class UploadRefused(Exception):
    """That file cannot be read."""


@dataclass(frozen=True)
class Limits:
    """Hard caps on a file as it is read: decompressed bytes, lines, and one line's length."""

    max_bytes: int
    max_lines: int
    max_line: int

    def parts(self) -> dict[str, object]:
        """The caps as a message in any language fills them: `mb` and `lines` (numbers), `line` ("1 kB")."""
        line = f"{self.max_line / 2**20:g} MB" if self.max_line >= 2**20 else f"{self.max_line // 1024:,} kB"
        return {"mb": self.max_bytes // 2**20, "lines": self.max_lines, "line": line}

    def describe(self) -> str:
        """The caps in words, for the page that takes the file."""
        return "at most {mb} MB of text once unpacked, {lines:,} lines, {line} a line".format(**self.parts())


@dataclass(frozen=True)
class Line:
    """One line of a file: its number and its text, or None when it was longer than the cap (then skipped)."""

    number: int
    text: str | None


def _open(source: str | Path | bytes) -> BinaryIO:
    if isinstance(source, (bytes, bytearray, memoryview)):
        raw: BinaryIO = io.BytesIO(bytes(source))
    else:
        raw = open(source, "rb")  # noqa: SIM115 - closed by the caller's generator
    head = raw.read(2)
    raw.seek(0)
    return gzip.GzipFile(fileobj=raw, mode="rb") if head == GZIP_MAGIC else raw


def bounded_lines(source: str | Path | bytes, limits: Limits) -> Iterator[Line]:
    """The lines of a plain or gzip file, decompressed as a stream; UploadRefused as soon as a cap is passed.

    Memory stays at about one line (at most `limits.max_line`) whatever the file expands to: a gzip
    bomb is refused after `limits.max_bytes` of output, never held in memory.
    """
    try:
        stream = _open(source)
    except OSError as exc:
        raise UploadRefused(f"cannot open the file ({type(exc).__name__})") from exc
    total = 0
    number = 0
    try:
        with stream:
            while True:
                chunk = stream.readline(limits.max_line + 1)
                if not chunk:
                    return
                number += 1
                total += len(chunk)
                if number > limits.max_lines:
                    raise UploadRefused(f"the file has more than {limits.max_lines:,} lines")
                long = len(chunk) > limits.max_line
                while long and not chunk.endswith(b"\n"):  # skip the rest of an overlong line, still counted
                    chunk = stream.readline(CHUNK)
                    total += len(chunk)
                    if not chunk or total > limits.max_bytes:
                        break
                if total > limits.max_bytes:
                    raise UploadRefused(f"the file unpacks to more than {limits.max_bytes // (1024 * 1024)} MB")
                if long:
                    yield Line(number, None)
                    continue
                try:
                    yield Line(number, chunk.decode("utf-8"))
                except UnicodeDecodeError as exc:
                    raise UploadRefused(f"line {number} is not UTF-8 text") from exc
    except (OSError, EOFError, zlib.error) as exc:  # a broken or truncated gzip stream
        raise UploadRefused(f"cannot read the file ({type(exc).__name__})") from exc
