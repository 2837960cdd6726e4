<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CounterScreen</name>
    <message>
        <source>Counter</source>
        <translation>收银</translation>
    </message>
</context>
</TS>
