<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CounterView</name>
    <message>
        <source>Counter</source>
        <translation>收银</translation>
    </message>
    <message>
        <source>Scan, or type a name, pinyin initials (kkkl) or code</source>
        <translation>扫码，或输入名称、拼音首字母（kkkl）、条码</translation>
    </message>
    <message>
        <source>Scan a product or search to start a sale</source>
        <translation>扫码或搜索商品开始收银</translation>
    </message>
    <message>
        <source>Till open {0}</source>
        <translation>钱箱已开班 {0}</translation>
    </message>
    <message>
        <source>Till not open (F12)</source>
        <translation>钱箱未开班 (F12)</translation>
    </message>
    <message>
        <source>F7
Hold</source>
        <translation>F7
挂单</translation>
    </message>
    <message>
        <source>F8
Resume</source>
        <translation>F8
取单</translation>
    </message>
    <message>
        <source>F9  Pay</source>
        <translation>F9  结账</translation>
    </message>
    <message>
        <source>F10
Reprint</source>
        <translation>F10
重打小票</translation>
    </message>
    <message>
        <source>F11
Refund</source>
        <translation>F11
退货</translation>
    </message>
    <message>
        <source>F12
Till · stock</source>
        <translation>F12
钱箱·库存</translation>
    </message>
    <message>
        <source>Esc Esc
Clear</source>
        <translation>Esc Esc
清空</translation>
    </message>
</context>
</TS>
