"""The words the reports use in both languages: table titles, column headings, names.

Chinese follows docs GLOSSARY.md; the exports write these headings, so a spreadsheet an
owner opens reads in Chinese.
"""
from __future__ import annotations

from app.i18n import Text

METHOD_NAMES: dict[str, Text] = {
    "cash": Text("现金", "Cash"),
    "wechat": Text("微信", "WeChat Pay"),
    "alipay": Text("支付宝", "Alipay"),
    "card": Text("银行卡", "Card"),
    "other": Text("其他", "Other"),
}

UNIT_NAMES: dict[str, Text] = {
    "piece": Text("件", "pc"),
    "kg": Text("千克", "kg"),
}


def method_name(method: str) -> Text:
    return METHOD_NAMES.get(method, Text(method, method))


def unit_name(unit: str) -> Text:
    return UNIT_NAMES.get(unit, Text(unit, unit))


W: dict[str, Text] = {
    # sales
    "total": Text("合计", "Total"),
    "method": Text("支付方式", "Payment method"),
    "sales": Text("销售", "Sales"),
    "refunds": Text("退款", "Refunds"),
    "net": Text("净收入", "Net takings"),
    "count": Text("笔数", "Number of sales"),
    "hour": Text("时段", "Hour"),
    "day": Text("营业日", "Business day"),
    "weekday": Text("星期", "Weekday"),
    "product": Text("商品", "Product"),
    "unit": Text("单位", "Unit"),
    "qty_sold": Text("销量", "Sold"),
    "qty_net": Text("净销量", "Net sold"),
    "takings": Text("销售额", "Takings"),
    "cost": Text("成本", "Cost"),
    "margin": Text("毛利", "Gross margin"),
    "margin_rate": Text("毛利率", "Margin %"),
    "average_ticket": Text("客单价", "Average sale"),
    "discounts": Text("折扣/改价", "Discounts and overrides"),
    "rounding": Text("抹零", "Round off"),
    "figure": Text("项目", "Figure"),
    "value": Text("数值", "Value"),
    # group-buy
    "campaign": Text("团购活动", "Campaign"),
    "pickup_date": Text("提货日", "Pickup day"),
    "orders": Text("订单", "Orders"),
    "cancelled": Text("取消/退款", "Cancelled or refunded"),
    "items": Text("件数", "Items"),
    "handed_out": Text("已提", "Picked up"),
    "waiting": Text("待提", "Waiting"),
    "not_arrived": Text("未到货", "Not arrived"),
    "short": Text("缺货", "Short"),
    "pickup_rate": Text("提货率", "Pickup rate"),
    "goods_value": Text("货值", "Goods value"),
    "commission_rate": Text("佣金比例", "Commission rate"),
    "commission": Text("佣金（预估）", "Commission (estimate)"),
    "commission_expected": Text("全部提完可得（预估）", "If all picked up (estimate)"),
    "made_ready": Text("到货上架", "Made ready"),
    "rate_so_far": Text("累计提货率", "Pickup rate so far"),
    "order_no": Text("订单号", "Order"),
    "customer": Text("顾客", "Customer"),
    "phone_tail": Text("手机尾号", "Phone ending"),
    "shelf": Text("货架", "Shelf"),
    "days_waiting": Text("滞留天数", "Days waiting"),
    "waiting_since": Text("上架日", "Ready since"),
    # stock
    "barcode": Text("条码", "Barcode"),
    "category": Text("分类", "Category"),
    "stock": Text("库存", "Stock"),
    "low_mark": Text("预警线", "Low-stock mark"),
    "per_day": Text("日均销量", "Sold per day"),
    "days_left": Text("可卖天数", "Days left"),
    "last_sold": Text("最后售出", "Last sold"),
    "days_quiet": Text("未售天数", "Days without a sale"),
    "sold_before": Text("此前销量", "Sold before"),
    "stock_value": Text("库存成本", "Stock at cost"),
    "sold_recent": Text("近期销量", "Sold recently"),
    "forecast": Text("预计销量", "Expected sales"),
    "suggested": Text("建议进货", "Suggested order"),
    "unit_cost": Text("参考进价", "Last cost"),
    "order_cost": Text("预计金额", "Estimated cost"),
    "factor": Text("系数", "Factor"),
}

WEEKDAYS: tuple[Text, ...] = (
    Text("周一", "Mon"), Text("周二", "Tue"), Text("周三", "Wed"), Text("周四", "Thu"),
    Text("周五", "Fri"), Text("周六", "Sat"), Text("周日", "Sun"),
)

ESTIMATE_NOTE = Text(
    "佣金按活动的佣金比例估算，以平台结算为准。",
    "Commission is estimated from each campaign's rate; the platform's settlement is final.",
)
TAKINGS_NOTE = Text(
    "销售额为顾客实付（整单折扣和抹零已按比例分摊到各商品），已减去本期退款。",
    "Takings are what customers paid (order discounts and round-off shared over the lines), "
    "less this period's refunds.",
)
MARGIN_NOTE = Text(
    "毛利只计算有进价的商品。",
    "Gross margin counts only products whose cost is known.",
)

__all__ = [
    "ESTIMATE_NOTE",
    "MARGIN_NOTE",
    "METHOD_NAMES",
    "TAKINGS_NOTE",
    "UNIT_NAMES",
    "WEEKDAYS",
    "W",
    "method_name",
    "unit_name",
]
