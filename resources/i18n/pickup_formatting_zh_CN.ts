<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PickupWords</name>
    <message>
        <source>QR code</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>提货码</translation>
    </message>
    <message>
        <source>Phone ending</source>
        <translation>手机尾号</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手动</translation>
    </message>
</context>
</TS>
