"""The words of the Pickup screen: a headline to show big and a detail line, in both languages.

Kept apart from the lookups so the wording can be read (and reviewed) in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from app.clock import BusinessCalendar
from app.i18n import Text
from app.pickups.verdict import PickupRecord, storage_name


def when(calendar: BusinessCalendar, at: datetime) -> str:
    """A pickup time as the counter reads it, in the store's zone: 11-25 14:05."""
    return f"{calendar.local(at):%m-%d %H:%M}"


def _where(shelf_slot: str | None, storages: Sequence[str]) -> Text:
    kinds_zh = "、".join(storage_name(s).zh for s in storages)
    kinds_en = ", ".join(storage_name(s).en for s in storages)
    if shelf_slot:
        zh = f"货架 {shelf_slot}" + (f"（{kinds_zh}）" if kinds_zh else "")
        en = f"shelf {shelf_slot}" + (f" ({kinds_en})" if kinds_en else "")
    else:
        zh = "还没有上架" + (f"（{kinds_zh}）" if kinds_zh else "")
        en = "not on a shelf yet" + (f" ({kinds_en})" if kinds_en else "")
    return Text(zh, en)


def ready(
    customer: str, items: int, shelf_slot: str | None, storages: Sequence[str]
) -> tuple[Text, Text]:
    where = _where(shelf_slot, storages)
    return (
        Text(f"可以提货 · {customer}", f"Ready · {customer}"),
        Text(f"共 {items} 件，{where.zh}", f"{items} item(s), {where.en}"),
    )


def partly_picked(
    calendar: BusinessCalendar,
    customer: str,
    items: int,
    shelf_slot: str | None,
    storages: Sequence[str],
    earlier: Sequence[PickupRecord],
) -> tuple[Text, Text]:
    where = _where(shelf_slot, storages)
    done = [p for p in earlier if not p.undone]
    given = sum(p.items for p in done)
    last = done[-1] if done else None
    if last is not None:
        before = Text(
            f"{when(calendar, last.at)} 已由{last.staff_name}交出 {given} 件；",
            f"{given} item(s) handed out by {last.staff_name} at {when(calendar, last.at)}; ",
        )
    else:
        before = Text("", "")
    return (
        Text(
            f"部分已提 · {customer} · 还有 {items} 件",
            f"Partly picked up · {customer} · {items} left",
        ),
        Text(
            f"{before.zh}这次交剩下的 {items} 件，{where.zh}",
            f"{before.en}hand out the remaining {items} now, {where.en}",
        ),
    )


def already_picked(
    calendar: BusinessCalendar, shelf_slot: str | None, earlier: Sequence[PickupRecord]
) -> tuple[Text, Text]:
    done = [p for p in earlier if not p.undone]
    parts_zh = []
    parts_en = []
    for p in done:
        proxy_zh = f"（代取：{p.proxy_note}）" if p.proxy_note else ""
        proxy_en = f" (collected for them: {p.proxy_note})" if p.proxy_note else ""
        parts_zh.append(f"{when(calendar, p.at)} 由{p.staff_name}交出 {p.items} 件{proxy_zh}")
        parts_en.append(f"{p.items} item(s) by {p.staff_name} at {when(calendar, p.at)}{proxy_en}")
    slot_zh = f"如顾客说没拿到，请看货架 {shelf_slot} 是否还有袋子。" if shelf_slot else ""
    slot_en = (
        f" If the customer says they got nothing, check shelf {shelf_slot} for the bag."
        if shelf_slot
        else ""
    )
    return (
        Text("已经提过货了，不要重复交货", "Already picked up — do not hand out again"),
        Text(
            "；".join(parts_zh) + "。" + slot_zh,
            "Handed out: " + "; ".join(parts_en) + "." + slot_en,
        ),
    )


def not_arrived(campaign_title: str, pickup_date: date | None) -> tuple[Text, Text]:
    expected_zh = f"，预计 {pickup_date:%m-%d} 可提货" if pickup_date else ""
    expected_en = f" (expected pickup {pickup_date:%m-%d})" if pickup_date else ""
    return (
        Text("还没到货", "Not arrived yet"),
        Text(
            f"「{campaign_title}」的货还没到站验收{expected_zh}。请顾客到货后再来。",
            f"The delivery for “{campaign_title}” has not been checked in yet{expected_en}. "
            "Ask the customer to come back once it has arrived.",
        ),
    )


def all_short() -> tuple[Text, Text]:
    return (
        Text("全部缺货，没有可交的货", "Everything was short — nothing to hand out"),
        Text(
            "这个订单的商品到货时全部缺货，平台会退款。请向顾客说明。",
            "Every item of this order was short in the delivery; the platform refunds it. "
            "Please explain to the customer.",
        ),
    )


def _picked_note(picked: int) -> Text:
    if not picked:
        return Text("", "")
    return Text(
        f"注意：之前已交出 {picked} 件，平台会按冲突处理。",
        f" Note: {picked} item(s) were handed out earlier; the platform will treat it as a conflict.",
    )


def cancelled(picked: int) -> tuple[Text, Text]:
    note = _picked_note(picked)
    return (
        Text("订单已取消，不要交货", "Order cancelled — do not hand out"),
        Text("平台已取消这个订单。" + note.zh, "The platform cancelled this order." + note.en),
    )


def refunded(picked: int) -> tuple[Text, Text]:
    note = _picked_note(picked)
    return (
        Text("订单已退款，不要交货", "Order refunded — do not hand out"),
        Text("平台已给这个订单退款。" + note.zh, "The platform refunded this order." + note.en),
    )


def withdrawn() -> tuple[Text, Text]:
    return (
        Text("订单已被平台撤回，不要交货", "The platform withdrew this order — do not hand out"),
        Text(
            "平台删除了这个订单（或整个团购活动）。顾客如有疑问，请联系平台客服。",
            "The platform deleted this order (or its whole campaign). "
            "If the customer has questions, they should contact the platform's support.",
        ),
    )


def wrong_station(station_id: int) -> tuple[Text, Text]:
    return (
        Text("不是本店的提货码", "Not this pickup point's code"),
        Text(
            f"这个提货码属于另一个自提点（编号 {station_id}），本店没有这个订单。"
            "请顾客到下单时选的自提点取货。",
            f"This code belongs to another pickup point (no. {station_id}); this store has no "
            "such order. The customer should collect at the pickup point chosen when ordering.",
        ),
    )


def forged(message: Text) -> tuple[Text, Text]:
    return Text("提货码无效，请勿交货", "Invalid pickup code — do not hand out"), message


def damaged(message: Text) -> tuple[Text, Text]:
    return Text("提货码不完整，请重扫", "Incomplete code — scan again"), message


def unknown_key(message: Text) -> tuple[Text, Text]:
    return (
        Text("暂时无法核验这个提货码", "This code can't be checked yet"),
        Text(
            message.zh + "；也可以请顾客报 8 位提货码。",
            message.en + ". Or ask the customer for the 8-digit pickup code.",
        ),
    )


def retired_key() -> tuple[Text, Text]:
    return (
        Text("提货码已失效，请顾客刷新", "Expired pickup code — ask for a fresh one"),
        Text(
            "这个码是用平台已停用的密钥签发的。请顾客在小程序里刷新提货码后再扫，或报 8 位提货码。",
            "It was signed with a key the platform has retired. Ask the customer to refresh "
            "the code in the app and scan again, or to read out the 8-digit pickup code.",
        ),
    )


def not_downloaded(order_id: int) -> tuple[Text, Text]:
    return (
        Text("提货码是真的，但本机还没有这个订单", "Genuine code, but this order is not here yet"),
        Text(
            f"平台订单编号 {order_id} 还没同步到本店。联网时请先同步再扫；"
            f"暂时没网的话，请记下订单编号 {order_id}，同步后再交货。",
            f"Platform order {order_id} has not been downloaded yet. If online, sync and scan "
            f"again; if not, note order {order_id} and hand it out after the next sync.",
        ),
    )


def code_not_found(code: str) -> tuple[Text, Text]:
    return (
        Text("没有找到这个提货码", "No order with this pickup code"),
        Text(
            f"本店没有提货码为 {code} 的订单。请核对号码；如果是刚下的单，同步后再查。",
            f"This store has no order with pickup code {code}. Check the number; "
            "if the order is new, sync and try again.",
        ),
    )


def tail_not_found(tail: str) -> tuple[Text, Text]:
    return (
        Text(f"尾号 {tail} 没有待提的订单", f"No waiting order for phone ending {tail}"),
        Text(
            "请核对手机尾号，或请顾客出示提货码。如果是刚到的货，同步后再查。",
            "Check the phone ending, or ask for the pickup code. "
            "If the delivery just arrived, sync and try again.",
        ),
    )


def choice(
    tail: str | None, code: str | None, first_customer: str, count: int
) -> tuple[Text, Text]:
    about_zh = f"尾号 {tail}" if tail else f"提货码 {code}"
    about_en = f"phone ending {tail}" if tail else f"pickup code {code}"
    if count == 1:
        return (
            Text(
                f"{about_zh}：是{first_customer}吗？",
                f"{about_en.capitalize()}: is it {first_customer}?",
            ),
            Text(
                "请向顾客核对姓名，再点开订单。", "Check the customer's name, then open the order."
            ),
        )
    return (
        Text(
            f"{about_zh} 有 {count} 个订单，请问顾客姓名",
            f"{count} orders for {about_en} — ask the name",
        ),
        Text(
            "请向顾客核对姓名，再选对应的订单。",
            "Check the customer's name, then pick their order.",
        ),
    )


def not_a_pickup_code(product_barcode: bool) -> tuple[Text, Text]:
    if product_barcode:
        detail = Text(
            "这是商品条码。卖货请到收银界面扫；提货请扫顾客手机上的提货码。",
            "This is a product barcode. Scan it on the Counter screen to sell it; "
            "for a pickup, scan the QR code on the customer's phone.",
        )
    else:
        detail = Text(
            "请扫顾客手机上的提货二维码，或输入 8 位提货码、手机后 4 位。",
            "Scan the pickup QR code on the customer's phone, or type the 8-digit "
            "pickup code or the last 4 digits of their phone.",
        )
    return Text("这不是提货码", "This is not a pickup code"), detail


def bag_label(
    customer: str | None, shelf_slot: str | None, order_no: str | None
) -> tuple[Text, Text]:
    headline = Text("这是袋子标签，不是提货凭证", "This is a bag label, not a pickup code")
    if customer is None:
        return headline, Text(
            "本店没有这个袋子的记录。提货请扫顾客手机上的提货码。",
            "This station has no record of this bag. For a pickup, scan the code on the customer's phone.",
        )
    slot_zh = f"，货架 {shelf_slot}" if shelf_slot else ""
    slot_en = f", shelf {shelf_slot}" if shelf_slot else ""
    return headline, Text(
        f"这是{customer}的袋子（订单 {order_no}{slot_zh}）。提货请扫顾客手机上的提货码；"
        "交货时再扫袋子标签，确认拿对了袋子。",
        f"This is {customer}'s bag (order {order_no}{slot_en}). For a pickup, scan the code on "
        "the customer's phone; scan the bag label while handing out to confirm it is the right bag.",
    )


def deadline_passed(calendar: BusinessCalendar, deadline: datetime) -> Text:
    return Text(
        f"已过提货截止时间（{when(calendar, deadline)}），仍可交货",
        f"The pickup deadline ({when(calendar, deadline)}) has passed; you may still hand it out",
    )
