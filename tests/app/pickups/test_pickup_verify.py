"""Verdicts from real QR texts, typed codes and phone endings, on a real SQLite file."""

from __future__ import annotations

import base64
from datetime import timedelta

from conftest import (
    ALL_SHORT,
    CANCELLED,
    COLLECTED,
    COMPOUND,
    LATE,
    NOT_ARRIVED,
    OTHER_STATION_ID,
    READY,
    READY_SAME_TAIL,
    REFUNDED,
    RETIRED_KEY_ID,
    STATION_ID,
    UNKNOWN_ORDER,
    WITHDRAWN,
    World,
)

from app.pickups import Tone, VerdictState, bag_label_text
from local_db.models import PlatformKey
from sync.pickup_code import PREFIX


def test_real_qr_gives_ready_with_every_line(world: World) -> None:
    verdict = world.service.verify(world.qr(READY))
    assert verdict.state is VerdictState.READY
    assert verdict.can_hand_out and verdict.tone is Tone.OK
    assert verdict.method == "qr"
    assert verdict.order_id == READY and verdict.order_no == "GB20261122000501"
    assert verdict.customer == "张**" and verdict.phone_tail == "1234"
    assert verdict.campaign_title == "周三生鲜团"
    assert verdict.shelf_slot == "A-03" and verdict.bag_id == world.bag[READY]
    assert [
        (line.item_name, line.storage, line.ordered, line.short, line.picked, line.to_hand_out)
        for line in verdict.lines
    ] == [
        ("纯牛奶 1L", "chilled", 2, 0, 0, 2),
        ("五常大米 5kg", "ambient", 1, 0, 0, 1),
        ("三鲜水饺", "frozen", 1, 0, 0, 1),
    ]
    assert verdict.items_to_hand_out == 4
    assert verdict.storages == ("ambient", "chilled", "frozen")
    assert "A-03" in verdict.detail.zh and "冷冻" in verdict.detail.zh
    assert "张小明" not in verdict.headline.zh + verdict.detail.zh
    assert verdict.warning is None and not verdict.deadline_passed


def test_qr_scanned_with_noise_still_verifies(world: World) -> None:
    text = world.qr(READY)
    assert world.service.verify(f"  {text.lower()}\r\n").state is VerdictState.READY
    # A Chinese input method's full-width characters.
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in text)
    assert world.service.verify(full_width).state is VerdictState.READY


def test_forged_signature_is_refused(world: World) -> None:
    text = world.qr(READY)
    raw = bytearray(base64.b32decode(text[len(PREFIX) :] + "=" * (-len(text[len(PREFIX) :]) % 8)))
    raw[-1] ^= 0x01  # one bit of the signature
    forged = PREFIX + base64.b32encode(bytes(raw)).decode().rstrip("=")
    verdict = world.service.verify(forged)
    assert verdict.state is VerdictState.FORGED
    assert verdict.tone is Tone.STOP and not verdict.can_hand_out
    assert verdict.order_id is None
    assert "请勿交货" in verdict.headline.zh


def test_payload_changed_to_another_order_is_forged(world: World) -> None:
    genuine = world.qr(READY)
    other = world.qr(READY_SAME_TAIL)

    # the payload of one with the signature of the other
    def raw(t: str) -> bytes:
        body = t[len(PREFIX) :]
        return base64.b32decode(body + "=" * (-len(body) % 8))

    mixed = raw(other)[:-64] + raw(genuine)[-64:]
    text = PREFIX + base64.b32encode(mixed).decode().rstrip("=")
    assert world.service.verify(text).state is VerdictState.FORGED


def test_cut_off_code_is_damaged(world: World) -> None:
    verdict = world.service.verify(world.qr(READY)[:-9])
    assert verdict.state is VerdictState.DAMAGED
    assert verdict.tone is Tone.WARN


def test_unknown_key_id(world: World) -> None:
    with world.db.write() as uow:
        key = uow.session.get(PlatformKey, 1)
        assert key is not None
        uow.session.delete(key)
        uow.commit()
    verdict = world.service.verify(world.qr(READY))
    assert verdict.state is VerdictState.UNKNOWN_KEY
    assert "同步" in verdict.detail.zh and "8 位提货码" in verdict.detail.zh


def test_key_added_by_sync_counts_at_once(world: World) -> None:
    from sync.pickup_code import PickupClaim, generate_key_pair, issue_pickup_code

    private, public = generate_key_pair()
    claim = PickupClaim(READY, STATION_ID, world.clock.now(), 42)
    text = issue_pickup_code(claim, private)
    assert world.service.verify(text).state is VerdictState.UNKNOWN_KEY
    with world.db.write() as uow:
        uow.session.add(
            PlatformKey(
                key_id=42, public_key=public, added_at=world.clock.now().replace(tzinfo=None)
            )
        )
        uow.commit()
    assert world.service.verify(text).state is VerdictState.READY


def test_retired_key_is_not_trusted(world: World) -> None:
    verdict = world.service.verify(world.qr(READY, key_id=RETIRED_KEY_ID))
    assert verdict.state is VerdictState.UNKNOWN_KEY
    assert "停用" in verdict.detail.zh


def test_another_stations_code(world: World) -> None:
    verdict = world.service.verify(world.qr(READY, station_id=OTHER_STATION_ID))
    assert verdict.state is VerdictState.WRONG_STATION
    assert verdict.tone is Tone.STOP and verdict.order_id is None
    assert str(OTHER_STATION_ID) in verdict.detail.zh


def test_genuine_code_of_an_order_not_downloaded(world: World) -> None:
    verdict = world.service.verify(world.qr(UNKNOWN_ORDER))
    assert verdict.state is VerdictState.NOT_DOWNLOADED
    assert verdict.order_id == UNKNOWN_ORDER and not verdict.can_hand_out
    assert "同步" in verdict.detail.zh and str(UNKNOWN_ORDER) in verdict.detail.zh
    assert "sync" in verdict.detail.en and "note order" in verdict.detail.en


def test_states_from_the_platform_and_the_shelf(world: World) -> None:
    expect = {
        NOT_ARRIVED: (VerdictState.NOT_ARRIVED, Tone.WARN),
        CANCELLED: (VerdictState.CANCELLED, Tone.STOP),
        REFUNDED: (VerdictState.REFUNDED, Tone.STOP),
        WITHDRAWN: (VerdictState.WITHDRAWN, Tone.STOP),
        COLLECTED: (VerdictState.ALREADY_PICKED, Tone.STOP),
        ALL_SHORT: (VerdictState.ALL_SHORT, Tone.WARN),
    }
    for order_id, (state, tone) in expect.items():
        verdict = world.service.verify(world.qr(order_id))
        assert (verdict.state, verdict.tone) == (state, tone), order_id
        assert not verdict.can_hand_out
        assert verdict.order_id == order_id and verdict.lines


def test_withdrawn_order_says_so(world: World) -> None:
    verdict = world.service.verify(world.qr(WITHDRAWN))
    assert verdict.withdrawn
    assert "撤回" in verdict.headline.zh and "withdrew" in verdict.headline.en


def test_not_arrived_names_the_campaign(world: World) -> None:
    verdict = world.service.verify(world.qr(NOT_ARRIVED))
    assert "周五水果团" in verdict.detail.zh
    assert verdict.lines[0].to_hand_out == 2


def test_already_picked_says_when_and_by_whom(world: World) -> None:
    verdict = world.service.verify(world.qr(COLLECTED))
    assert verdict.state is VerdictState.ALREADY_PICKED
    (earlier,) = verdict.pickups
    assert earlier.staff_name == "张团长"
    assert earlier.at == world.clock.now() - timedelta(days=1)
    assert [(line.item_name, line.qty) for line in earlier.lines] == [("纯牛奶 1L", 1)]
    assert "张团长" in verdict.detail.zh and "11-24 10:00" in verdict.detail.zh


def test_deadline_passed_is_a_warning_not_a_refusal(world: World) -> None:
    verdict = world.service.verify(world.qr(LATE))
    assert verdict.state is VerdictState.READY and verdict.can_hand_out
    assert verdict.deadline_passed and verdict.warning is not None
    assert "截止" in verdict.warning.zh
    result = world.service.hand_out(LATE, actor=world.leader, method="qr")
    assert result.warning is not None and result.fulfilment == "collected"


def test_numeric_pickup_code(world: World) -> None:
    for typed in (
        "10000001",
        "1000 0001",
        "1000-0001",
        "\uff11" + "\uff10" * 6 + "\uff11",
        " 10000001\n",
    ):
        verdict = world.service.verify(typed)
        assert verdict.state is VerdictState.READY, typed
        assert verdict.order_id == READY and verdict.method == "code"
    assert world.service.lookup_by_code("10000001").order_id == READY


def test_numeric_code_of_a_closed_order_explains_it(world: World) -> None:
    assert world.service.verify("10000004").state is VerdictState.CANCELLED
    assert world.service.verify("10000008").state is VerdictState.ALREADY_PICKED


def test_numeric_code_not_found(world: World) -> None:
    verdict = world.service.verify("87654321")
    assert verdict.state is VerdictState.NOT_FOUND
    assert "87654321" in verdict.detail.zh


def test_phone_tail_gives_a_choice_with_masked_names(world: World) -> None:
    verdict = world.service.verify("1234")
    assert verdict.state is VerdictState.CHOICE and verdict.method == "phone"
    assert not verdict.can_hand_out
    assert {c.order_id for c in verdict.choices} == {READY, READY_SAME_TAIL}
    by_id = {c.order_id: c for c in verdict.choices}
    assert by_id[READY].customer == "张**" and by_id[READY].items == 4
    assert by_id[READY].shelf_slot == "A-03"
    assert by_id[READY_SAME_TAIL].customer == "李*"
    assert "张**" in by_id[READY].label.zh and "尾号1234" in by_id[READY].label.zh
    for choice in verdict.choices:
        assert "张小明" not in choice.label.zh and "李娜" not in choice.label.zh
    opened = world.service.verdict_for_order(READY, method="phone")
    assert opened.state is VerdictState.READY and opened.method == "phone"


def test_one_match_by_phone_is_still_a_question(world: World) -> None:
    verdict = world.service.lookup_by_phone_tail("４３２１")
    assert verdict.state is VerdictState.CHOICE
    (choice,) = verdict.choices
    assert choice.order_id == COMPOUND and choice.customer == "欧阳**"
    assert "是欧阳**吗" in verdict.headline.zh


def test_phone_tail_lists_only_open_orders(world: World) -> None:
    assert world.service.verify("1111").state is VerdictState.NOT_FOUND  # cancelled
    assert world.service.verify("5555").state is VerdictState.NOT_FOUND  # collected
    waiting = world.service.verify("5678")  # not arrived yet: listed, marked
    assert waiting.state is VerdictState.CHOICE
    assert waiting.choices[0].state is VerdictState.NOT_ARRIVED
    assert "未到货" in waiting.choices[0].label.zh


def test_whole_mobile_number_uses_its_last_four_digits(world: World) -> None:
    verdict = world.service.verify("138 0013 1234")
    assert verdict.state is VerdictState.CHOICE and verdict.phone_tail == "1234"
    assert "13800131234" not in verdict.headline.zh + verdict.detail.zh


def test_bag_label_is_not_a_pickup_credential(world: World) -> None:
    verdict = world.service.verify(bag_label_text(world.bag[READY]))
    assert verdict.state is VerdictState.BAG_LABEL
    assert not verdict.can_hand_out
    assert verdict.order_id == READY and verdict.shelf_slot == "A-03"
    assert "不是提货凭证" in verdict.headline.zh
    unknown = world.service.verify("BAG:3F2504E0-4F89-41D3-9A0C-0305E82C3301")
    assert unknown.state is VerdictState.BAG_LABEL and unknown.order_id is None


def test_product_barcode_gets_a_hint(world: World) -> None:
    verdict = world.service.verify("6901234567892")  # EAN-13 with a good check digit
    assert verdict.state is VerdictState.NOT_A_PICKUP_CODE
    assert "商品条码" in verdict.detail.zh


def test_verdict_reads_are_a_few_queries(world: World) -> None:
    from sqlalchemy import event

    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(world.db.engine, "before_cursor_execute", count)
    try:
        world.service.verify(world.qr(READY))
    finally:
        event.remove(world.db.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 8, selects
