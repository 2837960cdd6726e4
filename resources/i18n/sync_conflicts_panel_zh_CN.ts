<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Resolve…</source>
        <translation>处理……</translation>
    </message>
    <message>
        <source>{0} conflict(s): the platform changed an order after it was handed out here. Decide what happened; the decision is recorded with your name.</source>
        <translation>{0} 条冲突：本店交货后，平台改动了订单。请确认实际情况，处理结果会记录您的姓名。</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>Platform says</source>
        <translation>平台说明</translation>
    </message>
</context>
</TS>
