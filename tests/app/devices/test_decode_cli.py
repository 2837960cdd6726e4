"""`corner-station decode PATH...`: one tab-separated line per image."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from qr_scenes import Placement, pickup_code, qr_image, scene

from app.devices.decode_cli import escape, run_decode

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def photo_folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """a.png: a pickup code; sub/b.jpg: text with CRLF and a tab; c.png: no code;
    d.gif: a code; notes.txt: not an image (skipped in a folder)."""
    from PIL import Image

    folder = tmp_path / "photos"
    (folder / "sub").mkdir(parents=True)
    texts = {"a.png": pickup_code(77), "sub/b.jpg": "第一行\r\nline 2\tend", "d.gif": "gif ok"}
    for name, text in texts.items():
        frame = scene(qr_image(text.encode("utf-8")), Placement(side_px=320, noise=0))
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
        Image.fromarray(rgb).save(folder / name)
    cv2.imwrite(str(folder / "c.png"), np.full((240, 320, 3), 200, np.uint8))
    (folder / "notes.txt").write_text("not an image", encoding="utf-8")
    return folder, texts


def test_cli_prints_one_tab_separated_line_per_image(
    photo_folder: tuple[Path, dict[str, str]],
) -> None:
    folder, texts = photo_folder
    missing = folder / "missing.png"
    result = subprocess.run(
        [sys.executable, "-m", "app", "decode", str(folder), str(missing)],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{folder / 'a.png'}\t{texts['a.png']}",
        f"{folder / 'c.png'}\t",
        f"{folder / 'd.gif'}\tgif ok",
        f"{folder / 'sub' / 'b.jpg'}\t第一行\\r\\nline 2\\tend",
        f"{missing}\t",
    ]
    assert "missing.png" in result.stderr


def test_run_decode_notes_files_that_are_not_images(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    assert run_decode([notes]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{notes}\t\n"
    assert "notes.txt" in captured.err


def test_escape_keeps_every_image_on_one_line() -> None:
    assert escape("a\r\nb\tc\\n") == "a\\r\\nb\\tc\\n"
    assert escape("MEBKM:URL:http\\://x;;") == "MEBKM:URL:http\\://x;;"
