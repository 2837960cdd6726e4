<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ResolveConflictDialog</name>
    <message>
        <source>Resolve a conflict</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <source>Optional: who, when, how much</source>
        <translation>可选：谁、何时、多少钱</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
</TS>
