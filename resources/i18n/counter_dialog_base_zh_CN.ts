<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CounterDialog</name>
    <message>
        <source>This window does not take scans. Finish or close it first; nothing was added.</source>
        <translation>此窗口不接收扫码，没有加入任何商品。请先完成或关闭此窗口。</translation>
    </message>
</context>
</TS>
