<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>The day&apos;s sales, pickups and uncollected orders, shift handover and closing the day (Z report).</source>
        <translation>当天的销售、提货和滞留订单，交班与日结（Z报表）。</translation>
    </message>
</context>
</TS>
