<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EditStrip</name>
    <message>
        <source>Qty F3</source>
        <translation>数量 F3</translation>
    </message>
    <message>
        <source>Price F4</source>
        <translation>改价 F4</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>单品折扣</translation>
    </message>
    <message>
        <source>Order discount F6</source>
        <translation>整单折扣 F6</translation>
    </message>
    <message>
        <source>5 / 9折 / 10%</source>
        <translation>5 / 9折 / 10%</translation>
    </message>
</context>
<context>
    <name>TotalsBar</name>
    <message>
        <source>Due</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>{0} items</source>
        <translation>共 {0} 件</translation>
    </message>
    <message>
        <source>Subtotal {0}</source>
        <translation>小计 {0}</translation>
    </message>
    <message>
        <source>Order discount {0}</source>
        <translation>整单折扣 {0}</translation>
    </message>
    <message>
        <source>Approved by {0}</source>
        <translation>批准人：{0}</translation>
    </message>
</context>
</TS>
