<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CounterScreen</name>
    <message>
        <source>Counter</source>
        <translation>收银</translation>
    </message>
    <message>
        <source>Ring up walk-in sales: scan or search products, take cash or mobile payment, print the receipt, handle returns and count the till.</source>
        <translation>门店收银：扫码或搜索商品，收现金或移动支付，打印小票，办理退货，清点钱箱。</translation>
    </message>
    <message>
        <source>Scanned {0}. Ringing up sales comes in a later version.</source>
        <translation>已扫码 {0}。收银功能将在后续版本提供。</translation>
    </message>
</context>
</TS>
