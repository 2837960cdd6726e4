<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>TillMenuDialog</name>
    <message>
        <source>Till and stock</source>
        <translation>钱箱与库存</translation>
    </message>
    <message>
        <source>Till open since {0} by {1}, float {2}.</source>
        <translation>{0} 由{1}开班，备用金 {2}。</translation>
    </message>
    <message>
        <source>The till is not open.</source>
        <translation>钱箱未开班。</translation>
    </message>
    <message>
        <source>Open the till (float)</source>
        <translation>开班（备用金）</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>存入现金</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>取出现金</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>X report (so far)</source>
        <translation>X 报表（当前）</translation>
    </message>
    <message>
        <source>Close the day (Z report)</source>
        <translation>日结（Z 报表）</translation>
    </message>
    <message>
        <source>Receive stock</source>
        <translation>进货</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>Open the cash drawer</source>
        <translation>打开钱箱</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
</context>
</TS>
