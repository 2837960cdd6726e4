<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>Product totals list</source>
        <translation>总拣单</translation>
    </message>
    <message>
        <source>Picking list</source>
        <translation>分拣单</translation>
    </message>
    <message>
        <source>Bag labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Per item, how many to hand out, by storage zone.</source>
        <translation>按商品汇总要分的数量，按常温、冷藏、冷冻分区。</translation>
    </message>
    <message>
        <source>Per customer, what goes into each bag.</source>
        <translation>按顾客列出每个袋子里装什么。</translation>
    </message>
    <message>
        <source>One per bag, with its shelf slot and QR code.</source>
        <translation>每袋一张，印货位号和二维码。</translation>
    </message>
    <message>
        <source>Preview (Ctrl+{n})</source>
        <translation>预览 (Ctrl+{n})</translation>
    </message>
    <message>
        <source>Only this truck&apos;s orders</source>
        <translation>只打这一车的订单</translation>
    </message>
    <message>
        <source>Print jobs</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <source>Choose a document: it is built, then shown before printing.</source>
        <translation>选择要打印的单据：先生成，预览后再打印。</translation>
    </message>
    <message>
        <source>Choose a delivery first.</source>
        <translation>请先选择到货。</translation>
    </message>
    <message>
        <source>truck {n}</source>
        <translation>第 {n} 车</translation>
    </message>
    <message>
        <source>A document is being built; wait for it to finish.</source>
        <translation>正在生成单据，请稍候。</translation>
    </message>
    <message>
        <source>Reading the orders…</source>
        <translation>正在读取订单…</translation>
    </message>
    <message>
        <source>Building the {doc}: {done} of {total} orders</source>
        <translation>正在生成{doc}：{done} / {total} 单</translation>
    </message>
    <message>
        <source>No orders are ready yet: sign off the delivery first.</source>
        <translation>还没有可提货的订单：请先签收到货。</translation>
    </message>
    <message>
        <source>{doc} ready: {orders} orders, {bags} bags, built in {seconds:.1f} s</source>
        <translation>{doc}已生成：{orders} 单，{bags} 袋，用时 {seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>The document could not be built.</source>
        <translation>单据没有生成。</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Sent to the printer: {doc}</source>
        <translation>已发送到打印机：{doc}</translation>
    </message>
</context>
</TS>
