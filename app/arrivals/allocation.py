"""Who goes without when a delivery is short: sharing a shortage among order lines.

Pure functions, no database: the receiving service hands in the order lines that can still
take a shortage and gets back each line's share. The same function runs for the leader's
preview and inside the sign-off transaction, so what the leader saw is what gets saved.

Rules (the leader sees and can change them before signing off):
- latest_first (default): the orders placed last lose first, one whole line at a time.
- earliest_first: the orders placed first lose first.
- proportional: spread evenly, in proportion to how many each line ordered; the pieces left
  over after rounding down go to the largest remainders, latest orders first on a tie.
- manual: the leader says how many each line loses; the shares must add up exactly.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from app.errors import UserFacingError
from sync.protocol.common import AllocationRule

RULES: tuple[str, ...] = ("latest_first", "earliest_first", "proportional", "manual")
DEFAULT_RULE = "latest_first"
RULE_NAMES = {
    "latest_first": ("后下单的先缺", "Latest orders lose first"),
    "earliest_first": ("先下单的先缺", "Earliest orders lose first"),
    "proportional": ("按比例分摊", "Spread evenly"),
    "manual": ("手动分配", "By hand"),
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """An order line that can still lose pieces: it is waiting for the delivery."""

    order_line_id: int
    order_id: int
    placed_at: datetime
    capacity: int  # ordered minus what is already short


class AllocationError(UserFacingError):
    """The manual shares do not add up, or a rule name is unknown."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh, en, code="allocation")


def check_rule(rule: str) -> AllocationRule:
    if rule not in RULES:
        raise AllocationError(f"未知的缺货分配方式：{rule}", f"Unknown allocation rule: {rule}")
    return cast(AllocationRule, rule)


def allocate(
    short: int,
    candidates: Sequence[Candidate],
    rule: str,
    manual: Mapping[int, int] | None = None,
    *,
    item_name: str = "",
) -> dict[int, int]:
    """Share `short` pieces of one item among `candidates`; returns order_line_id -> pieces.

    `short` must not exceed the candidates' total capacity (the caller caps it). Lines that
    lose nothing are left out of the result.
    """
    check_rule(rule)
    if short < 0:
        raise ValueError("short must not be negative")
    total = sum(c.capacity for c in candidates)
    if short > total:
        raise ValueError(f"cannot share {short} short among lines that ordered {total}")
    if rule == "manual":
        return _manual(short, candidates, manual or {}, item_name)
    if short == 0:
        return {}
    if rule == "proportional":
        return _proportional(short, candidates, total)
    latest = rule == "latest_first"
    ordered = sorted(candidates, key=lambda c: (c.placed_at, c.order_id, c.order_line_id),
                     reverse=latest)
    shares: dict[int, int] = {}
    left = short
    for cand in ordered:
        if left == 0:
            break
        take = min(cand.capacity, left)
        if take:
            shares[cand.order_line_id] = take
            left -= take
    return shares


def _proportional(short: int, candidates: Sequence[Candidate], total: int) -> dict[int, int]:
    shares: dict[int, int] = {}
    remainders: list[tuple[int, datetime, int, int]] = []
    given = 0
    for cand in candidates:
        whole, rest = divmod(short * cand.capacity, total)
        if whole:
            shares[cand.order_line_id] = whole
            given += whole
        if whole < cand.capacity:
            remainders.append((rest, cand.placed_at, cand.order_id, cand.order_line_id))
    # Largest remainder first; on a tie the later order gives, as with the default rule.
    remainders.sort(reverse=True)
    for _rest, _placed, _order, line_id in remainders[: short - given]:
        shares[line_id] = shares.get(line_id, 0) + 1
    return shares


def _manual(
    short: int, candidates: Sequence[Candidate], manual: Mapping[int, int], item_name: str
) -> dict[int, int]:
    capacity = {c.order_line_id: c.capacity for c in candidates}
    shares: dict[int, int] = {}
    for line_id, qty in manual.items():
        if line_id not in capacity:
            continue  # a share for another item's line; the caller checks leftovers
        if isinstance(qty, bool) or not isinstance(qty, int) or qty < 0:
            raise AllocationError("缺货数量必须是不小于0的整数", "Short quantities must be whole numbers, 0 or more")
        if qty > capacity[line_id]:
            raise AllocationError(
                f"{item_name}：一单缺货 {qty} 件，超过了它订的 {capacity[line_id]} 件",
                f"{item_name}: {qty} short on a line that ordered {capacity[line_id]}",
            )
        if qty:
            shares[line_id] = qty
    given = sum(shares.values())
    if given != short:
        raise AllocationError(
            f"{item_name}：缺 {short} 件，手动分配了 {given} 件，请分配完整",
            f"{item_name}: {short} short but {given} shared out by hand; they must add up",
        )
    return shares
