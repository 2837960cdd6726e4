<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>GroupBuyTab</name>
    <message>
        <source>Handed out</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>On the shelf</source>
        <translation>货架待提</translation>
    </message>
    <message>
        <source>Uncollected</source>
        <translation>滞留</translation>
    </message>
    <message>
        <source>Pickup rate</source>
        <translation>提货率</translation>
    </message>
    <message>
        <source>Commission (estimate)</source>
        <translation>佣金（预估）</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>团购活动</translation>
    </message>
    <message>
        <source>Waiting too long</source>
        <translation>滞留订单</translation>
    </message>
    <message>
        <source>at least (days)</source>
        <translation>滞留天数 ≥</translation>
    </message>
    <message>
        <source>Pickup rate over time</source>
        <translation>提货率走势</translation>
    </message>
    <message>
        <source>Handed out today</source>
        <translation>今日核销</translation>
    </message>
    <message>
        <source>%1 orders</source>
        <translation>%1 单</translation>
    </message>
    <message>
        <source>%1 pieces</source>
        <translation>%1 件</translation>
    </message>
    <message>
        <source>%1 orders, not arrived %2</source>
        <translation>%1 单，未到货 %2 件</translation>
    </message>
    <message>
        <source>waiting %1 days or more</source>
        <translation>已等 %1 天及以上</translation>
    </message>
    <message>
        <source>short %1 pieces</source>
        <translation>缺货 %1 件</translation>
    </message>
    <message>
        <source>all picked up: %1</source>
        <translation>全部提完可得 %1</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Pieces handed out</source>
        <translation>当日核销件数</translation>
    </message>
    <message>
        <source>pieces</source>
        <translation>件</translation>
    </message>
    <message>
        <source>Pickup rate so far</source>
        <translation>累计提货率</translation>
    </message>
</context>
</TS>
