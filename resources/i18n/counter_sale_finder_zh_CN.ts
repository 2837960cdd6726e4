<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SaleFinder</name>
    <message>
        <source>refunded {0}</source>
        <translation>已退 {0}</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>42 (today) or 20261125-0042, or scan the receipt&apos;s QR</source>
        <translation>输入 42（今天）或 20261125-0042，或扫小票二维码</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列出</translation>
    </message>
</context>
</TS>
