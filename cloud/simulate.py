"""An order simulator: customers of the platform's mini-program ordering for pickup at a
station, as in a real neighbourhood (names, the phone's last 4 digits, building and room,
one to four lines), some of them cancelled or refunded afterwards by the platform.

`seed` makes the customers and baskets repeatable; pickup codes are always drawn from a
secure source, so a neighbour's code is never guessable from one's own.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.db import utcnow
from cloud.models import Campaign, CampaignItem, CampaignStation
from cloud.orders import CHINA, cancel_order, place_order, refund_order
from cloud.platform import ItemSpec, PlatformError, station_by_code

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ["秀英", "桂英", "秀兰", "玉兰", "桂兰", "建华", "建国", "志强", "志明", "丽", "静", "敏", "燕", "艳", "娟", "霞", "芳", "军", "伟", "强", "磊", "洋", "勇", "杰", "涛", "明", "超", "秀珍", "海燕", "红梅", "晓东", "晓明", "子涵", "欣怡", "梓萱", "浩然", "宇轩", "雨桐", "思远"]
NICKNAMES = ["小区宝妈", "阿强", "晴天", "花开富贵", "岁月静好", "老李头", "豆豆妈", "平安是福", "向日葵", "乐乐"]

DEMO_ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec("赣南脐橙 5斤装", 2990, "ambient", "2.5kg/箱", 6, "6971234500011"),
    ItemSpec("精品五花肉", 3580, "chilled", "500g/盒", None, "6971234500028"),
    ItemSpec("三鲜水饺", 2290, "frozen", "1kg/袋", 10, "6971234500035"),
    ItemSpec("鲜牛奶", 1290, "chilled", "950ml/瓶", 12, "6971234500042"),
    ItemSpec("五常大米", 5990, "ambient", "5kg/袋", 4, "6971234500059"),
    ItemSpec("土鸡蛋 30枚", 2590, "ambient", "30枚/盒", 8, "6971234500066"),
    ItemSpec("冷冻虾仁", 4590, "frozen", "300g/袋", 20, "6971234500073"),
    ItemSpec("有机菠菜", 690, "chilled", "400g/份", None, None),
)


@dataclass
class SimulationResult:
    station_id: int
    order_ids: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)
    refunded: list[int] = field(default_factory=list)


def simulate_orders(
    session: Session,
    *,
    station_code: str,
    orders: int,
    cancel_rate: float = 0.0,
    refund_rate: float = 0.0,
    seed: int | None = None,
    campaign_id: int | None = None,
) -> SimulationResult:
    if orders < 0 or not 0 <= cancel_rate <= 1 or not 0 <= refund_rate <= 1:
        raise PlatformError("orders >= 0, and rates between 0 and 1")
    if cancel_rate + refund_rate > 1:
        raise PlatformError("cancel rate + refund rate must not exceed 1")
    rng = random.Random(seed)
    station = station_by_code(session, station_code)
    campaigns = _campaigns_for(session, station.id, campaign_id)
    items_by_campaign = {
        c.id: list(
            session.scalars(
                select(CampaignItem)
                .where(CampaignItem.campaign_id == c.id, CampaignItem.withdrawn.is_(False))
                .order_by(CampaignItem.id)
            )
        )
        for c in campaigns
    }
    campaigns = [c for c in campaigns if items_by_campaign[c.id]]
    if not campaigns:
        raise PlatformError("no campaign with items to order from: run `admin campaign-create --demo`")

    result = SimulationResult(station_id=station.id)
    now = utcnow()
    for _ in range(orders):
        campaign = rng.choice(campaigns)
        items = items_by_campaign[campaign.id]
        basket = rng.sample(items, k=min(len(items), rng.choice((1, 1, 2, 2, 3, 4))))
        placed_at = now - timedelta(minutes=rng.randint(1, 48 * 60))
        order = place_order(
            session,
            station_id=station.id,
            campaign_id=campaign.id,
            customer_name=_display_name(rng),
            phone_tail=f"{rng.randint(0, 9999):04d}",
            building_room=_building_room(rng),
            lines=[(item.id, rng.choice((1, 1, 1, 2, 2, 3))) for item in basket],
            placed_at=placed_at,
            pickup_deadline=_pickup_deadline(campaign, placed_at),
        )
        result.order_ids.append(order.id)
    for order_id in result.order_ids:
        roll = rng.random()
        if roll < cancel_rate:
            cancel_order(session, order_id, "顾客申请取消")
            result.cancelled.append(order_id)
        elif roll < cancel_rate + refund_rate:
            refund_order(session, order_id, "商品售罄，平台退款")
            result.refunded.append(order_id)
    return result


def _campaigns_for(session: Session, station_id: int, campaign_id: int | None) -> list[Campaign]:
    if campaign_id is not None:
        campaign = session.get(Campaign, campaign_id)
        if campaign is None or campaign.withdrawn:
            raise PlatformError(f"no open campaign {campaign_id}")
        return [campaign]
    offered = list(
        session.scalars(
            select(Campaign)
            .join(CampaignStation, CampaignStation.campaign_id == Campaign.id)
            .where(CampaignStation.station_id == station_id, Campaign.withdrawn.is_(False))
            .order_by(Campaign.id)
        )
    )
    if offered:
        return offered
    # A station opened after the campaigns were created: customers may still pick it.
    return list(session.scalars(select(Campaign).where(Campaign.withdrawn.is_(False)).order_by(Campaign.id)))


def _display_name(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return rng.choice(NICKNAMES)
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _building_room(rng: random.Random) -> str | None:
    if rng.random() < 0.15:
        return None  # a shop or a visitor: the platform gives no room
    floor = rng.randint(1, 18)
    return f"{rng.randint(1, 12)}栋{rng.randint(1, 3)}单元{floor}{rng.randint(1, 4):02d}"


def _pickup_deadline(campaign: Campaign, placed_at: datetime) -> datetime:
    day = campaign.pickup_date or (placed_at.astimezone(CHINA) + timedelta(days=1)).date()
    closing = datetime.combine(day + timedelta(days=2), time(21, 0), tzinfo=CHINA)
    return closing.astimezone(UTC)
