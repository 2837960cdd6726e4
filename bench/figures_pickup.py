"""Pickup verdict: a decoded QR text to the verdict on 100,000 orders.

PickupService.verify on the QR texts of random orders (issued with the demo platform key,
whose public half the generated station holds) against a bare baseline: base32 decoding,
one Ed25519 verification and one indexed sqlite3 SELECT of the order with its lines.
Interleaved, a warm-up first; a run's value is the median over its verdicts.
"""
from __future__ import annotations

import random
import statistics
import time
from typing import Any

from bench.report import Env, Figure, Measured

VERDICTS = 100
WARMUP = 5

FIGURES = (
    Figure("pickup_verdict", "pickup", "pickup verdict from decoded QR text", "ms",
           "sqlite3 indexed lookup + one Ed25519 verification", 5.0),
)


def _ms(fn: Any, arg: Any) -> float:
    start = time.perf_counter()
    fn(arg)
    return (time.perf_counter() - start) * 1000.0


def qr_texts(env: Env, n: int, seed: int = 13) -> list[str]:
    from sqlalchemy import select

    from app.demo_seed import demo_pickup_qr
    from bench.generate import NOW
    from local_db.models import GroupOrder

    with env.db.read() as uow:
        ids = list(uow.session.scalars(select(GroupOrder.id).order_by(GroupOrder.id)))
    chosen = random.Random(seed).sample(ids, min(n, len(ids)))
    return [demo_pickup_qr(order_id, issued_at=NOW) for order_id in chosen]


def run(env: Env, figures: list[Figure]) -> dict[str, Measured]:
    from app.pickups import PickupService
    from bench.baselines import BarePickup
    from sync.pickup_code import demo_private_key, public_key_bytes

    service = PickupService(env.db, env.clock, env.calendar, env.settings)
    bare = BarePickup(env.db_path, public_key_bytes(demo_private_key()))
    texts = qr_texts(env, VERDICTS + WARMUP)
    states: dict[str, int] = {}
    m = Measured(label=f"PickupService.verify on {len(texts) - WARMUP} QR texts of random orders")
    try:
        for n in range(env.repeat):
            ours_ms, base_ms = [], []
            for i, text in enumerate(texts):
                a = _ms(service.verify, text)
                b = _ms(bare.verdict, text)
                if i >= WARMUP:
                    ours_ms.append(a)
                    base_ms.append(b)
                if n == 0:
                    state = str(getattr(service.verify(text), "state", "?"))
                    states[state] = states.get(state, 0) + 1
            m.ours.append(statistics.median(ours_ms))
            m.base.append(statistics.median(base_ms))
            env.log(f"pickup_verdict {n + 1}/{env.repeat}: {m.ours[-1]:.2f} ms "
                    f"(bare {m.base[-1]:.2f} ms)")
    finally:
        bare.close()
    m.detail = {"verdict_states": states}
    return {"pickup_verdict": m}
