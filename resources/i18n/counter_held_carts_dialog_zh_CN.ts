<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HeldCartsDialog</name>
    <message>
        <source>{0}  {1} lines  {2}  {3}</source>
        <translation>{0}  {1} 行  {2}  {3}</translation>
    </message>
    <message>
        <source>No carts are on hold.</source>
        <translation>没有挂单。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Carts on hold</source>
        <translation>挂单列表</translation>
    </message>
    <message>
        <source>Resume (Enter)</source>
        <translation>取单 (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <source>Hold</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Hold this cart ({0})</source>
        <translation>挂单（{0}）</translation>
    </message>
    <message>
        <source>A note helps find it again (optional), e.g. “lady in red”.</source>
        <translation>写个备注方便取单（可不填），例如“红衣服大姐”。</translation>
    </message>
    <message>
        <source>note (optional)</source>
        <translation>备注（可不填）</translation>
    </message>
    <message>
        <source>Hold (Enter)</source>
        <translation>挂单 (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
</TS>
