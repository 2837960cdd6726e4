"""The decoder on the shared real photos (zxing's black-box set): never worse than zxing-cpp.

The photos live beside the clone, in ../shared/data/qr (CI puts them there too). Each
image's expected text is the .txt beside it, read as bytes since some hold CRLF.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp

from app.devices.qr_decoder import _qr_formats, decode_image, read_image

PHOTOS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "qr"


def _photos() -> list[tuple[Path, str]]:
    return [
        (image, image.with_suffix(".txt").read_bytes().decode("utf-8"))
        for image in sorted(PHOTOS.rglob("*.png"))
        if image.with_suffix(".txt").is_file()
    ]


@pytest.mark.skipif(not PHOTOS.is_dir(), reason=f"no shared QR photos at {PHOTOS}")
def test_reads_every_photo_zxing_alone_reads_and_more() -> None:
    photos = _photos()
    assert len(photos) >= 50, "the shared photo set looks incomplete"
    ours: set[Path] = set()
    zxing_alone: set[Path] = set()
    for path, expected in photos:
        image = read_image(path)
        if expected in decode_image(image):
            ours.add(path)
        baseline = zxingcpp.read_barcodes(image, formats=_qr_formats())
        if expected in [b.text for b in baseline if b.valid]:
            zxing_alone.add(path)

    assert zxing_alone <= ours, f"zxing-cpp reads these and we don't: {zxing_alone - ours}"
    # More than zxing-cpp alone: the fallbacks must earn their keep on real photos.
    assert len(ours) > len(zxing_alone), (len(ours), len(zxing_alone), len(photos))
