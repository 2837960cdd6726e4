<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReportPanel</name>
    <message>
        <source>Show chart</source>
        <translation>显示图表</translation>
    </message>
    <message>
        <source>Show numbers</source>
        <translation>显示数字</translation>
    </message>
</context>
</TS>
