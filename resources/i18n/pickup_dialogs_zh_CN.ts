<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ProxyNoteDialog</name>
    <message>
        <source>Picked up for someone</source>
        <translation>代取</translation>
    </message>
    <message>
        <source>Who is collecting? (kept with the pickup)</source>
        <translation>谁来代取？（记在这次提货里）</translation>
    </message>
    <message>
        <source>e.g. Mrs Wang from building 3</source>
        <translation>例如：3栋王阿姨</translation>
    </message>
    <message>
        <source>Family member</source>
        <translation>家人代取</translation>
    </message>
    <message>
        <source>Neighbour</source>
        <translation>邻居代取</translation>
    </message>
</context>
<context>
    <name>UndoReasonDialog</name>
    <message>
        <source>Undo pickup</source>
        <translation>撤销核销</translation>
    </message>
    <message>
        <source>Why? (required, kept in the record)</source>
        <translation>撤销原因（必填，会记录在案）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Wrong bag</source>
        <translation>拿错袋子</translation>
    </message>
    <message>
        <source>Customer brought it back</source>
        <translation>顾客退回</translation>
    </message>
    <message>
        <source>Pressed by mistake</source>
        <translation>误操作</translation>
    </message>
</context>
</TS>
