"""A corner store and pickup point whose whole business day the tests ring up themselves,
through the real services: sales (one at 07:30, one at 23:50 and one at 01:30 business time,
with a line discount, an order discount and a price override), a refund, a delivery with a
shortage, a full and a partial pickup, and an older campaign with a bag left on the shelf.

Every figure the report tests expect is written out here from these amounts, never read
back from the tables the reports read.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.actors import Actor
from app.arrivals import ReceivingService
from app.cart import Cart
from app.catalogue import ProductItem
from app.clock import BusinessCalendar, FixedClock
from app.counter_services import CounterServices
from app.pickups import PickupService
from app.refunds import RefundLineInput
from app.reports import ReportService
from app.settings import Settings
from app.station_service import actor_from_row
from app.stock import ReceiveLine
from app.tender import PaymentInput
from local_db.engine import Database
from local_db.models import Campaign, CampaignItem, GroupOrder, GroupOrderLine, Staff, Station

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 25)  # a Wednesday
END_OF_DAY = datetime(2026, 11, 26, 2, 0, tzinfo=SHANGHAI)  # 02:00, still business day 11-25


def local(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    """A wall-clock time in Shanghai as the aware UTC instant the FixedClock takes."""
    return datetime(y, mo, d, h, mi, tzinfo=SHANGHAI).astimezone(UTC)


def naive(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(tzinfo=None)


@dataclass
class Shop:
    db: Database
    clock: FixedClock
    calendar: BusinessCalendar
    settings: Settings
    counter: CounterServices
    pickups: PickupService
    receiving: ReceivingService
    reports: ReportService
    owner: Actor
    clerk: Actor
    leader: Actor
    products: dict[str, ProductItem]

    def at(self, instant: datetime) -> None:
        self.clock.set(instant)

    def sell(self, when: datetime, lines: list[tuple[str, int]], method: str, *,
             line_discount: dict[str, int] | None = None, override: dict[str, int] | None = None,
             order_discount: int = 0) -> str:
        """Ring up a sale at `when`; returns its receipt number."""
        self.at(when)
        cart = Cart()
        for key, qty in lines:
            line = cart.add_product(self.products[key], qty)
            if line_discount and key in line_discount:
                cart.set_line_discount(line.key, line_discount[key])
            if override and key in override:
                cart.override_price(line.key, override[key])
        if order_discount:
            cart.set_order_discount(order_discount)
        receipt = self.counter.sales.checkout(cart=cart, payments=[PaymentInput(method)],
                                              actor=self.clerk, approver=None)
        return receipt.number


def make_shop(db: Database, calendar: BusinessCalendar, *, data_dir=None) -> Shop:
    clock = FixedClock(local(2026, 10, 1, 9))
    settings = Settings(cash_rounding_fen=0, price_override_limit_fen=500, shop_name="幸福里便利店")
    with db.write() as uow:
        s = uow.session
        s.add(Station(id=1001, code="XFL001", name="邻里站·幸福里店"))
        rows = [
            Staff(staff_no="01", name="王店主", roles="owner", created_at=naive(clock.now())),
            Staff(staff_no="02", name="李小红", roles="clerk", created_at=naive(clock.now())),
            Staff(staff_no="03", name="赵团长", roles="leader", created_at=naive(clock.now())),
        ]
        s.add_all(rows)
        s.flush()
        owner, clerk, leader = (actor_from_row(r) for r in rows)
        uow.commit()
    counter = CounterServices.build(db, clock, calendar, settings)
    add = counter.catalogue.add_product
    products = {
        "cola": add(name="可口可乐 330ml", price_fen=300, barcode="6928804011180", actor=owner,
                    cost_fen=180, low_stock_at=5),
        "water": add(name="农夫山泉 550ml", price_fen=200, barcode="6921168509256", actor=owner,
                     cost_fen=100),
        "tissue": add(name="维达抽纸 3层100抽", price_fen=1290, barcode="6901236341278",
                      actor=owner),
        "apple": add(name="红富士苹果", price_fen=1280, barcode=None, unit="kg", plu=42,
                     actor=owner, cost_fen=800),
        "gum": add(name="绿箭口香糖", price_fen=150, barcode="69012341", actor=owner, cost_fen=90),
    }
    counter.stock.receive_stock(lines=[
        ReceiveLine(products["cola"].id, 12, 180), ReceiveLine(products["water"].id, 50, 100),
        ReceiveLine(products["apple"].id, 20_000, 800),
        ReceiveLine(products["gum"].id, 30, 90),
    ], actor=owner)
    # the tissue is never received: its cost stays unknown and its stock goes below zero
    counter.till.open_till(float_fen=20_000, actor=owner)
    return Shop(
        db=db, clock=clock, calendar=calendar, settings=settings, counter=counter,
        pickups=PickupService(db, clock, calendar, settings),
        receiving=ReceivingService(db, clock),
        reports=ReportService(db, clock, calendar, settings, data_dir=data_dir),
        owner=owner, clerk=clerk, leader=leader, products=products,
    )


# --- the counter's day ---------------------------------------------------------------------


@dataclass(frozen=True)
class CounterDay:
    """What ring_up_the_day did, in numbers the tests compare against."""

    sale_numbers: dict[str, str]
    refund_number: str


def ring_up_the_day(shop: Shop) -> CounterDay:
    """The sales of 2026-11-24 (one) and of business day 2026-11-25 (five, one refunded)."""
    n = {}
    # yesterday evening: the comparison figure
    n["s0"] = shop.sell(local(2026, 11, 24, 20), [("cola", 1)], "cash")
    # 07:30 Shanghai is 23:30 UTC on the 24th: still the 25th's business
    n["s1"] = shop.sell(local(2026, 11, 25, 7, 30), [("cola", 3), ("water", 2)], "cash")
    n["s2"] = shop.sell(local(2026, 11, 25, 12, 30), [("tissue", 1)], "wechat",
                        line_discount={"tissue": 90})
    n["s3"] = shop.sell(local(2026, 11, 25, 18), [("apple", 1500), ("cola", 1)], "alipay",
                        order_discount=20)
    shop.at(local(2026, 11, 25, 19))
    refund = shop.counter.refunds.refund(
        sale_number=n["s1"], lines=[RefundLineInput(_line_id(shop, n["s1"], "农夫山泉 550ml"), 2)],
        reason="喝不完", actor=shop.owner,
    )
    # 23:50 business time on a UTC clock
    n["s4"] = shop.sell(local(2026, 11, 25, 23, 50), [("water", 5)], "cash")
    # 01:30 on the 26th is before the 04:00 cut-off: the 25th's business
    n["s5"] = shop.sell(local(2026, 11, 26, 1, 30), [("cola", 2)], "card", override={"cola": 250})
    shop.at(END_OF_DAY)
    return CounterDay(n, refund.number)


def _line_id(shop: Shop, number: str, name: str) -> int:
    receipt = shop.counter.sales.find_sale(number)
    return next(x.line_id for x in receipt.lines if x.name == name)


# The 25th's figures, worked out from the sales above by hand.
DAY = {
    "count": 5,
    "sales": 1300 + 1200 + 2200 + 1000 + 500,  # 6200
    "refunds_count": 1,
    "refunds": 400,
    "net": 5800,
    "average": 1240,
    "discounts": 90 + 20 + 2 * 50,  # line discount, order discount, override 300 -> 250 ×2
    "methods": {"cash": (1300 + 1000, 400), "wechat": (1200, 0), "alipay": (2200, 0),
                "card": (500, 0)},
    "hours": {7: (1, 1300), 12: (1, 1200), 18: (1, 2200), 23: (1, 1000), 1: (1, 500)},
    # product: (net qty, takings): the order discount of s3 shared 2200/2220 over its lines
    "products": {
        "可口可乐 330ml": (6, 900 + 300 * 2200 // 2220 + 500),  # 1697
        "农夫山泉 550ml": (5, 400 + 1000 - 400),  # 1000
        "维达抽纸 3层100抽": (1, 1200),
        "红富士苹果": (1500, 1920 * 2200 // 2220),  # 1902 (grams)
    },
    # margin over the lines with a cost: cola 6×180, water (7-2)×100, apples 1.5 kg × 800
    "margin_takings": 1697 + 1000 + 1902,
    "margin_cost": 6 * 180 + 5 * 100 + 1500 * 800 // 1000,
    "previous_count": 1,
    "previous_sales": 300,
}


# --- group buying -------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupDay:
    today_campaign: int
    old_campaign: int
    lines: dict[str, int]  # name -> order line id


def group_buy_story(shop: Shop) -> GroupDay:
    """Campaign 71 (pickup 11-20): two orders delivered on the 20th; one collected on the
    21st, one still on the shelf. Campaign 72 (pickup today, 10% commission): four orders,
    one cancelled by the platform; one milk short at the delivery; O1 takes only its rice,
    O2 takes everything, O4 nothing yet."""
    placed = naive(local(2026, 11, 18, 20))
    with shop.db.write() as uow:
        s = uow.session
        s.add(Campaign(id=71, title="11月20日 水果团", pickup_date=date(2026, 11, 20),
                       commission_bp=800))
        s.add(Campaign(id=72, title="11月25日 早餐团", pickup_date=TODAY, commission_bp=1000))
        s.add_all([
            CampaignItem(id=711, campaign_id=71, name="丹东草莓 3斤", price_fen=5990,
                         storage="chilled"),
            CampaignItem(id=721, campaign_id=72, name="纯牛奶 1L", price_fen=1290,
                         storage="chilled"),
            CampaignItem(id=722, campaign_id=72, name="五常大米 5kg", price_fen=4990),
        ])
        orders = [
            (701, 71, "active", [(7011, 711, 1)]),
            (702, 71, "active", [(7021, 711, 1)]),
            (721, 72, "active", [(7211, 721, 2), (7212, 722, 1)]),
            (722, 72, "active", [(7221, 721, 1)]),
            (723, 72, "cancelled", [(7231, 721, 3)]),
            (724, 72, "active", [(7241, 722, 2)]),
        ]
        for i, (oid, cid, state, lines) in enumerate(orders):
            s.add(GroupOrder(id=oid, campaign_id=cid, order_no=f"GB{oid}", customer_name="张三丰",
                             phone_tail=f"{1000 + i}", pickup_code=f"{10_000_000 + oid}",
                             cloud_state=state, placed_at=placed + timedelta(minutes=i)))
            s.flush()
            for lid, item, qty in lines:
                price = {711: 5990, 721: 1290, 722: 4990}[item]
                s.add(GroupOrderLine(id=lid, order_id=oid, campaign_item_id=item,
                                     qty_ordered=qty, price_fen=price))
        uow.commit()

    # the 20th: campaign 71 arrives whole; the 21st: order 702 is collected
    shop.at(local(2026, 11, 20, 9))
    _deliver(shop, 71, missing={})
    shop.at(local(2026, 11, 21, 17))
    shop.pickups.hand_out(702, actor=shop.leader)

    # today: campaign 72 arrives one milk short, given to order 721's milk line
    shop.at(local(2026, 11, 25, 9))
    _deliver(shop, 72, missing={721: 1}, manual={7211: 1})
    shop.at(local(2026, 11, 25, 10))
    shop.pickups.hand_out(722, actor=shop.leader)
    shop.at(local(2026, 11, 25, 10, 30))
    shop.pickups.hand_out(721, {7212: 1}, actor=shop.leader)
    shop.at(END_OF_DAY)
    return GroupDay(72, 71, {"milk": 7211, "rice": 7212})


def _deliver(shop: Shop, campaign_id: int, *, missing: dict[int, int],
             manual: dict[int, int] | None = None) -> None:
    sheet = shop.receiving.open_arrival(campaign_id=campaign_id, actor=shop.leader)
    for line in sheet.lines:
        short = missing.get(line.campaign_item_id, 0)
        shop.receiving.set_counts(arrival_id=sheet.arrival_id,
                                  campaign_item_id=line.campaign_item_id, actor=shop.leader,
                                  received=line.qty_expected - short, missing=short,
                                  reason="少了一箱" if short else "")
    shop.receiving.sign_off(arrival_id=sheet.arrival_id, actor=shop.leader,
                            rule="manual" if manual else None, manual=manual)


# Campaign 72's figures by hand (order 723 was cancelled: 3 milk not counted)
C72 = {
    "orders": 3, "cancelled": 1, "collected": 1, "waiting_orders": 2, "items": 2 + 1 + 1 + 2,
    "short": 1, "picked": 1 + 1, "waiting": 1 + 2, "not_arrived": 0,
    "goods_value": (2 - 1) * 1290 + 4990 + 1290 + 2 * 4990,  # 17550
    "picked_value": 1290 + 4990,  # 6280
    "commission": 628, "commission_expected": 1755,
}
C71 = {"orders": 2, "picked": 1, "waiting": 1, "commission": (5990 * 800 + 5000) // 10000}
