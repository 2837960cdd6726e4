<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReprintDialog</name>
    <message>
        <source>Find the receipt first.</source>
        <translation>请先找到小票。</translation>
    </message>
    <message>
        <source>Reprint a receipt</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>Print (Enter)</source>
        <translation>打印 (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
</context>
</TS>
