"""QR decoding: the rate on the real photos in ../shared/data/qr, the median time per photo,
and the median time per 1280x720 camera frame, ours against zxing-cpp alone.

The measuring is bench/qr_decode_rate.py's `measure(folder)`; this module runs it `repeat`
times and reports it. Higher is better for the rate (target: at least zxing-cpp's).
"""
from __future__ import annotations

from bench.report import Env, Figure, Measured

FIGURES = (
    Figure("qr_decode_rate", "qr", "QR photos read (../shared/data/qr)", "%",
           "zxing-cpp alone on the same photos", 1.0, better="higher"),
    Figure("qr_photo_time", "qr", "QR decode time per photo", "ms",
           "zxing-cpp alone on the same photos", 2.0),
    Figure("qr_frame_time", "qr", "QR decode time per 1280x720 camera frame", "ms",
           "zxing-cpp alone on the same frame", 2.0),
)


def run(env: Env, figures: list[Figure]) -> dict[str, Measured]:
    try:
        from bench.qr_decode_rate import DEFAULT_FOLDER, measure
    except ImportError as exc:
        return {f.name: Measured.unavailable(f"bench/qr_decode_rate.py ({exc})") for f in figures}
    if not DEFAULT_FOLDER.is_dir():
        return {f.name: Measured.unavailable(f"no photos at {DEFAULT_FOLDER}") for f in figures}
    rate, photo, frame = Measured(), Measured(), Measured()
    for n in range(env.repeat):
        r = measure(DEFAULT_FOLDER)
        total = r["total"] or 1
        rate.ours.append(100.0 * r["ours"] / total)
        rate.base.append(100.0 * r["zxing"] / total)
        photo.ours.append(r["ours_ms_median"])
        photo.base.append(r["zxing_ms_median"])
        frame.ours.append(r["frame_ms_median"])
        frame.base.append(r["frame_zxing_ms_median"])
        rate.detail = {"photos": r["total"], "read_ours": r["ours"], "read_zxing": r["zxing"],
                       "not_read": r["misses"], "folders": r["folders"]}
        photo.detail = {"ours_ms_max": r["ours_ms_max"], "zxing_ms_max": r["zxing_ms_max"]}
        env.log(f"qr {n + 1}/{env.repeat}: {r['ours']}/{total} vs {r['zxing']}/{total}, "
                f"{r['ours_ms_median']:.2f} vs {r['zxing_ms_median']:.2f} ms a photo, "
                f"{r['frame_ms_median']:.2f} vs {r['frame_zxing_ms_median']:.2f} ms a frame")
    rate.label = f"{rate.detail['read_ours']}/{rate.detail['photos']} photos read (zxing-cpp " \
                 f"{rate.detail['read_zxing']})"
    frame.label = "DecodeEffort.FAST (the camera loop's effort) on bench/qr_decode_rate's frame"
    out = {"qr_decode_rate": rate, "qr_photo_time": photo, "qr_frame_time": frame}
    return {f.name: out[f.name] for f in figures}
