<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReorderFactorsDialog</name>
    <message>
        <source>Reorder factors</source>
        <translation>备货系数</translation>
    </message>
    <message>
        <source>How busy each day is</source>
        <translation>每天的忙闲系数</translation>
    </message>
    <message>
        <source>Order for (days)</source>
        <translation>备货天数</translation>
    </message>
    <message>
        <source>Learn from (weeks)</source>
        <translation>参考最近几周</translation>
    </message>
    <message>
        <source>From sales</source>
        <translation>按销售计算</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Holiday eve factor</source>
        <translation>节前系数</translation>
    </message>
    <message>
        <source>Holiday eves (ticked ones count)</source>
        <translation>节前日期（打勾的生效）</translation>
    </message>
    <message>
        <source>Add a day</source>
        <translation>添加日期</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
</TS>
