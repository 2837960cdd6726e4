<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HandOutLineEditor</name>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>存放</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已提</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>待提</translation>
    </message>
    <message>
        <source>Hand out now</source>
        <translation>本次交</translation>
    </message>
</context>
</TS>
