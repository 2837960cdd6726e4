<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AllocationPanel</name>
    <message>
        <source>Who goes without:</source>
        <translation>谁缺货：</translation>
    </message>
    <message>
        <source>No more trucks: everything not counted is missing</source>
        <translation>不会再来车：没点到的都算缺少</translation>
    </message>
    <message>
        <source>Show every order that could lose</source>
        <translation>显示所有可能缺货的订单</translation>
    </message>
    <message>
        <source>Item / pickup code</source>
        <translation>商品 / 提货码</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Ordered at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <source>Loses</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Ctrl+1…4 rule · arrows choose an order · type a number to change its share · F9 sign off</source>
        <translation>Ctrl+1…4 选分配方式 · ↑↓ 选订单 · 输入数字改缺货数 · F9 签收</translation>
    </message>
    <message>
        <source>Sign off (F9)</source>
        <translation>签收 (F9)</translation>
    </message>
    <message>
        <source>Open a delivery to see who would go without.</source>
        <translation>先开始验货，才能看到谁会缺货。</translation>
    </message>
    <message>
        <source>Nothing damaged or missing: nobody goes without.</source>
        <translation>没有破损或缺少：所有订单都不缺货。</translation>
    </message>
    <message>
        <source>phone …{tail}</source>
        <translation>尾号{tail}</translation>
    </message>
    <message>
        <source>damaged {n}</source>
        <translation>破损 {n}</translation>
    </message>
    <message>
        <source>missing {n}</source>
        <translation>缺少 {n}</translation>
    </message>
    <message>
        <source>short {n} ({parts})</source>
        <translation>缺货 {n} 件（{parts}）</translation>
    </message>
    <message>
        <source>{n} from the surplus, nobody loses them</source>
        <translation>其中 {n} 件是多发的，不用分摊</translation>
    </message>
    <message>
        <source>{short} pieces short across {items} items · {orders} orders lose something</source>
        <translation>{items} 种商品共缺 {short} 件 · {orders} 单受影响</translation>
    </message>
    <message>
        <source>Shares by hand must add up: {items}</source>
        <translation>手动分配的数量必须等于缺货数：{items}</translation>
    </message>
</context>
</TS>
