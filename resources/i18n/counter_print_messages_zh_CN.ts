<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CounterPrint</name>
    <message>
        <source>Printed on the receipt printer.</source>
        <translation>已用小票打印机打印。</translation>
    </message>
    <message>
        <source>Saved as {0}</source>
        <translation>已保存为 {0}</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>The receipt did not print: {0} The sale is saved; reprint it with F10.</source>
        <translation>小票没有打印出来：{0} 这笔销售已保存，可按 F10 重打。</translation>
    </message>
</context>
</TS>
