<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StockTab</name>
    <message>
        <source>To order</source>
        <translation>建议进货</translation>
    </message>
    <message>
        <source>Running low</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>Stopped selling</source>
        <translation>滞销</translation>
    </message>
    <message>
        <source>Order cost (estimate)</source>
        <translation>进货金额（预估）</translation>
    </message>
    <message>
        <source>Adjust…</source>
        <translation>调整系数…</translation>
    </message>
    <message>
        <source>Shopping list</source>
        <translation>进货清单</translation>
    </message>
    <message>
        <source>%1 products</source>
        <translation>%1 种</translation>
    </message>
    <message>
        <source>to last %1 days</source>
        <translation>够卖 %1 天</translation>
    </message>
    <message>
        <source>at or below their low-stock mark</source>
        <translation>已到预警线</translation>
    </message>
    <message>
        <source>no sale for %1 days</source>
        <translation>%1 天没卖出</translation>
    </message>
    <message>
        <source>at the last cost paid</source>
        <translation>按最近进价</translation>
    </message>
    <message>
        <source>Expected sales from the last %1 weeks, for %2 days from tomorrow. Busy days: %3. Holiday eve ×%4 (%5).</source>
        <translation>按近 %1 周销量，备明天起 %2 天的货。每天系数：%3。节前 ×%4（%5）。</translation>
    </message>
    <message>
        <source>none in these days</source>
        <translation>这几天没有节前</translation>
    </message>
</context>
</TS>
