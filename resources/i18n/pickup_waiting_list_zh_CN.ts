<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>WaitingOrdersPanel</name>
    <message>
        <source>All campaigns</source>
        <translation>全部团购活动</translation>
    </message>
    <message>
        <source>{0} (passed)</source>
        <translation>{0}（已过）</translation>
    </message>
    <message>
        <source>{0} day(s)</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <source>Uncollected: {0} order(s), {1} item(s) on the shelf</source>
        <translation>滞留 {0} 单，货架上共 {1} 件</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>团购活动</translation>
    </message>
    <message>
        <source>Waiting at least</source>
        <translation>滞留至少</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Copy reminder</source>
        <translation>复制提醒</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>滞留</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Phone ending</source>
        <translation>手机尾号</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>存放</translation>
    </message>
    <message>
        <source>Pickup deadline</source>
        <translation>提货截止</translation>
    </message>
</context>
</TS>
