<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArrivalsScreen</name>
    <message>
        <source>Arrivals</source>
        <translation>到货分拣</translation>
    </message>
    <message>
        <source>1 Check</source>
        <translation>1 到货验收</translation>
    </message>
    <message>
        <source>2 Shortages F8</source>
        <translation>2 缺货分配 F8</translation>
    </message>
    <message>
        <source>3 Signed off</source>
        <translation>3 签收结果</translation>
    </message>
    <message>
        <source>4 Documents F10</source>
        <translation>4 单据 F10</translation>
    </message>
    <message>
        <source>Count (Enter)</source>
        <translation>输入数量 (Enter)</translation>
    </message>
    <message>
        <source>Damaged/missing F7</source>
        <translation>破损/缺少 F7</translation>
    </message>
    <message>
        <source>Shortages F8</source>
        <translation>缺货分配 F8</translation>
    </message>
    <message>
        <source>Choose today&apos;s delivery and press Enter to start checking.</source>
        <translation>选择今天的到货，按 Enter 开始验货。</translation>
    </message>
    <message>
        <source>Then scan each box, or choose a line and type its count.</source>
        <translation>然后逐箱扫码，或选中一行输入数量。</translation>
    </message>
    <message>
        <source>Scan each box · ↑↓ choose a line · Enter type its count · F7 damaged or missing · F8 shortages · F9 sign off</source>
        <translation>逐箱扫码 · ↑↓ 选行 · Enter 输入数量 · F7 破损/缺少 · F8 缺货分配 · F9 签收</translation>
    </message>
    <message>
        <source>No delivery is being checked</source>
        <translation>没有正在验收的到货</translation>
    </message>
    <message>
        <source>Choose the delivery above and press Enter first.</source>
        <translation>请先在上方选择到货并按 Enter。</translation>
    </message>
    <message>
        <source>No delivery is being checked: choose one first.</source>
        <translation>没有正在验收的到货：请先选择一个。</translation>
    </message>
    <message>
        <source>{title} · pickup {day} · {n} orders waiting</source>
        <translation>{title} · {day}提货 · {n} 单待到货</translation>
    </message>
    <message>
        <source>check started</source>
        <translation>验货中</translation>
    </message>
    <message>
        <source>{n} trucks signed</source>
        <translation>已签收 {n} 车</translation>
    </message>
    <message>
        <source>No deliveries waiting</source>
        <translation>没有待到货的团购</translation>
    </message>
    <message>
        <source>Continue checking</source>
        <translation>继续验货</translation>
    </message>
    <message>
        <source>Start checking</source>
        <translation>开始验货</translation>
    </message>
    <message>
        <source>+1 scanned · {n} more than the orders need</source>
        <translation>扫码 +1 · 比订单多 {n} 件</translation>
    </message>
    <message>
        <source>+1 scanned · {n} still to come</source>
        <translation>扫码 +1 · 还差 {n} 件</translation>
    </message>
    <message>
        <source>+1 scanned · all here</source>
        <translation>扫码 +1 · 已到齐</translation>
    </message>
    <message>
        <source>Not counted</source>
        <translation>没有计数</translation>
    </message>
    <message>
        <source>This delivery is signed off; its counts cannot change.</source>
        <translation>这次到货已签收，数量不能再改。</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Counted {counted} / {expected} · damaged {damaged} · missing {missing} · {waiting} items to come</source>
        <translation>已点 {counted} / {expected} · 破损 {damaged} · 缺少 {missing} · {waiting} 种还差</translation>
    </message>
    <message>
        <source>On duty: {name}</source>
        <translation>值班：{name}</translation>
    </message>
    <message>
        <source>signed off</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>being checked</source>
        <translation>验货中</translation>
    </message>
    <message>
        <source>Truck {truck} · {at} · {state} · {name}</source>
        <translation>第 {truck} 车 · {at} · {state} · {name}</translation>
    </message>
    <message>
        <source>Start checking a delivery first.</source>
        <translation>请先开始验货。</translation>
    </message>
    <message>
        <source>There is no open delivery check to sign off.</source>
        <translation>没有可以签收的到货验收。</translation>
    </message>
    <message>
        <source>The shares typed by hand do not add up yet.</source>
        <translation>手动分配的缺货数还没有对上。</translation>
    </message>
    <message>
        <source>Signed off: {n} orders ready</source>
        <translation>已签收：{n} 单可提货</translation>
    </message>
    <message>
        <source>Print the picking documents with F10.</source>
        <translation>按 F10 打印总拣单、分拣单和标签。</translation>
    </message>
    <message>
        <source>Delivery signed off: {ready} orders ready, {claims} claims for the platform.</source>
        <translation>到货已签收：{ready} 单可提货，{claims} 条售后申请待上传。</translation>
    </message>
</context>
</TS>
