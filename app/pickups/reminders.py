"""The reminder a leader pastes into the neighbourhood WeChat group for uncollected orders.

Only what the GLOSSARY allows in public: the phone ending and the masked name (张**),
never a full name or number. One line per customer, however many orders they have.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.clock import BusinessCalendar
from app.pickups.lists import WaitingOrder

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def compose_reminder(
    station_name: str,
    orders: Sequence[WaitingOrder],
    *,
    calendar: BusinessCalendar,
    lang: str = "zh_CN",
) -> str:
    """【邻里站·幸福里店】以下邻居的团购已到货，请尽快来取：
    尾号1234 张** 2件（货架A-03）
    """
    english = lang.startswith("en")
    people: dict[tuple[str, str], list[WaitingOrder]] = {}
    for order in orders:
        people.setdefault((order.phone_tail, order.customer), []).append(order)
    if english:
        lines = [
            f"[{station_name}] Group-buy orders for these neighbours have arrived — please come and collect:"
        ]
    else:
        lines = [f"【{station_name}】以下邻居的团购已到货，请尽快来取："]
    for (tail, customer), mine in sorted(people.items(), key=lambda kv: _first_slot(kv[1])):
        items = sum(o.items for o in mine)
        slots = sorted({o.shelf_slot for o in mine if o.shelf_slot})
        # A date already gone by would only confuse the group; the leader chases those.
        deadlines = [o.deadline for o in mine if o.deadline is not None and not o.deadline_passed]
        due = _due(min(deadlines), calendar, english) if deadlines else ""
        if english:
            where = f" (shelf {', '.join(slots)})" if slots else ""
            lines.append(
                f"ending {tail} {customer} {items} item{'s' if items != 1 else ''}{where}{due}"
            )
        else:
            where = f"（货架{'、'.join(slots)}）" if slots else ""
            lines.append(f"尾号{tail} {customer} {items}件{where}{due}")
    if english:
        lines.append("Please show your pickup code when you come. Thank you!")
    else:
        lines.append("取货时请出示提货码，谢谢！")
    return "\n".join(lines)


def _first_slot(orders: list[WaitingOrder]) -> tuple[str, str]:
    slots = sorted(o.shelf_slot or "~" for o in orders)
    return slots[0], orders[0].phone_tail


def _due(deadline: datetime, calendar: BusinessCalendar, english: bool) -> str:
    local = calendar.local(deadline)
    if english:
        return f", by {local.day} {_MONTHS[local.month - 1]}"
    return f"，{local.month}月{local.day}日前"
