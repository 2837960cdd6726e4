<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CounterFlows</name>
    <message>
        <source>The cart is empty: scan something first.</source>
        <translation>购物车是空的，请先扫码。</translation>
    </message>
    <message>
        <source>Sale {0} done: {1}.</source>
        <translation>小票 {0} 已完成：{1}。</translation>
    </message>
    <message>
        <source>Stock below zero: {0}. Count or receive it.</source>
        <translation>库存为负：{0}。请盘点或进货。</translation>
    </message>
    <message>
        <source>The cart is empty: nothing to hold.</source>
        <translation>购物车是空的，无法挂单。</translation>
    </message>
    <message>
        <source>Cart held ({0}). Resume it with F8.</source>
        <translation>已挂单（{0}），按 F8 取单。</translation>
    </message>
    <message>
        <source>Finish or hold (F7) the cart first, then resume another.</source>
        <translation>请先结账或挂单（F7）当前购物车，再取单。</translation>
    </message>
    <message>
        <source>Cart resumed.</source>
        <translation>已取单。</translation>
    </message>
    <message>
        <source>Refund {0}: {1} back by {2}.</source>
        <translation>退款单 {0}：{2}退回 {1}。</translation>
    </message>
    <message>
        <source>Till open, float {0}.</source>
        <translation>已开班，备用金 {0}。</translation>
    </message>
    <message>
        <source>Stock count saved: {0} products changed.</source>
        <translation>盘点已保存：{0} 种商品有变动。</translation>
    </message>
    <message>
        <source>Stock received: {0} products.</source>
        <translation>进货已保存：{0} 种商品。</translation>
    </message>
    <message>
        <source>Cash in: {0}.</source>
        <translation>已存入现金 {0}。</translation>
    </message>
    <message>
        <source>Cash out: {0}.</source>
        <translation>已取出现金 {0}。</translation>
    </message>
    <message>
        <source>Shift handed to {0}. Counted {1}, difference {2}.</source>
        <translation>已交班给 {0}。实点 {1}，差额 {2}。</translation>
    </message>
    <message>
        <source>Day closed: Z report {0}.</source>
        <translation>已日结：Z 报表 {0}。</translation>
    </message>
</context>
</TS>
