"""`corner-station decode PATH...`: what the pickup camera's decoder reads in image files.

One line per image on stdout: the path, a tab, the text of the first QR code read (empty
when none is). Inside the text a newline is written as the two characters \\n, a carriage
return as \\r and a tab as \\t, so every image stays one line; other characters, a
backslash included, are written as they are. Folders are searched recursively for
png, jpg, jpeg, bmp, gif and webp files, in path order. A path that is missing or not
an image gets an empty text and a note on stderr. More codes in one image are noted on
stderr. The exit status is 0.
"""
from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

_ESCAPES = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def run_decode(paths: list[Path], *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print what is read in each image (see the module docstring); always returns 0."""
    out = out or sys.stdout
    err = err or sys.stderr
    _tolerate_unencodable(out)
    _tolerate_unencodable(err)
    try:
        _decode_all(paths, out, err)
    except BrokenPipeError:  # `… | head`: the reader has seen enough
        if out is sys.stdout:
            # Python would complain again flushing stdout at exit (its documented fix).
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
    return 0


def _decode_all(paths: list[Path], out: TextIO, err: TextIO) -> None:
    from app.devices.qr_decoder import ImageUnreadable, decode_file

    for path in _images(paths):
        texts: list[str] = []
        if not path.exists():
            print(f"{path}: no such file", file=err)
        else:
            try:
                texts = decode_file(path)
            except ImageUnreadable:
                print(f"{path}: not an image, or unreadable", file=err)
        if len(texts) > 1:
            print(f"{path}: {len(texts)} codes read, the first is shown", file=err)
        print(f"{path}\t{escape(texts[0]) if texts else ''}", file=out, flush=True)


def escape(text: str) -> str:
    """The text on one line: newline, carriage return and tab as \\n, \\r and \\t."""
    return text.translate(_ESCAPES)


def _images(paths: list[Path]) -> Iterator[Path]:
    from app.devices.frame_sources import image_files

    for path in paths:
        if path.is_dir():
            yield from image_files(path)
        else:
            yield path  # a file named on purpose is tried whatever its extension


def _tolerate_unencodable(stream: TextIO) -> None:
    """A Windows console in GBK can't print every character of a Japanese code: escape it."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")
