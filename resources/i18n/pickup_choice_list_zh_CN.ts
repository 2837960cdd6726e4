<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChoiceList</name>
    <message>
        <source>More orders match than are listed: ask for the pickup code.</source>
        <translation>匹配的订单太多，没有全部列出：请顾客出示提货码。</translation>
    </message>
</context>
</TS>
