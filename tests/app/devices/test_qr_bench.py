"""bench/qr_decode_rate.py runs and reports in the shape the harness expects."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import cv2
from qr_scenes import Placement, pickup_code, qr_image, scene

BENCH = Path(__file__).resolve().parents[3] / "bench" / "qr_decode_rate.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("qr_decode_rate", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_measure_counts_per_folder(tmp_path: Path) -> None:
    for folder, order_id in (("one", 1), ("two", 2)):
        (tmp_path / folder).mkdir()
        text = pickup_code(order_id)
        cv2.imwrite(str(tmp_path / folder / "1.png"), scene(qr_image(text), Placement()))
        (tmp_path / folder / "1.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "two" / "2.png").write_bytes(b"")  # no .txt beside it: not counted

    result = _bench().measure(tmp_path)

    assert result["folders"] == {
        "one": {"total": 1, "ours": 1, "zxing": 1},
        "two": {"total": 1, "ours": 1, "zxing": 1},
    }
    assert (result["total"], result["ours"], result["zxing"]) == (2, 2, 2)
    assert result["misses"] == []
    assert result["frame_ms_median"] > 0 and result["frame_zxing_ms_median"] > 0
