<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Corner Station</source>
        <translation>邻里站</translation>
    </message>
</context>
</TS>
