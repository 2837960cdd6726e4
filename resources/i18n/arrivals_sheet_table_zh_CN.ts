<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SheetModel</name>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存放</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已点</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Still to come</source>
        <translation>还差</translation>
    </message>
    <message>
        <source>Earlier trucks</source>
        <translation>之前到货</translation>
    </message>
    <message>
        <source>Reason / photo</source>
        <translation>原因 / 照片</translation>
    </message>
    <message>
        <source>no barcode: type the count</source>
        <translation>没有条码：请输入数量</translation>
    </message>
    <message>
        <source>{n} too many</source>
        <translation>多 {n}</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>有照片</translation>
    </message>
</context>
</TS>
