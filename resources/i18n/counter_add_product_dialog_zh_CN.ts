<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddProductDialog</name>
    <message>
        <source>Enter the product&apos;s name.</source>
        <translation>请输入商品名称。</translation>
    </message>
    <message>
        <source>Barcode {0} put in the form.</source>
        <translation>已填入条码 {0}。</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新商品</translation>
    </message>
    <message>
        <source>Unknown barcode: add the product</source>
        <translation>新条码：添加商品</translation>
    </message>
    <message>
        <source>It is saved to the catalogue and goes into the cart.</source>
        <translation>保存到商品库，并加入购物车。</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Price (yuan)</source>
        <translation>售价（元）</translation>
    </message>
    <message>
        <source>Sold by</source>
        <translation>计价方式</translation>
    </message>
    <message>
        <source>Piece</source>
        <translation>件</translation>
    </message>
    <message>
        <source>Kilogram (weighed)</source>
        <translation>公斤（称重）</translation>
    </message>
    <message>
        <source>Save and add (Enter)</source>
        <translation>保存并加入 (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
</TS>
