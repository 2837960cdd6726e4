<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ResultPanel</name>
    <message>
        <source>Print the documents (F10)</source>
        <translation>打印单据 (F10)</translation>
    </message>
    <message>
        <source>Sign off a delivery (F9) to see the orders it makes ready.</source>
        <translation>签收到货 (F9) 后，这里显示可提货的订单。</translation>
    </message>
    <message>
        <source>{title}: signed off</source>
        <translation>{title}：已签收</translation>
    </message>
    <message>
        <source>orders ready for pickup</source>
        <translation>单可提货</translation>
    </message>
    <message>
        <source>orders still waiting for goods</source>
        <translation>单还在等货</translation>
    </message>
    <message>
        <source>after-sale claims for the platform</source>
        <translation>条售后申请给平台</translation>
    </message>
    <message>
        <source>After-sale claims</source>
        <translation>售后申请</translation>
    </message>
    <message>
        <source>{item} · {kind} {qty} · {reason}</source>
        <translation>{item} · {kind} {qty} 件 · {reason}</translation>
    </message>
    <message>
        <source>with photo</source>
        <translation>附照片</translation>
    </message>
    <message>
        <source>None: nothing damaged or missing.</source>
        <translation>没有：没有破损或缺少。</translation>
    </message>
    <message>
        <source>{item}: {n} still to come</source>
        <translation>{item}：还差 {n} 件</translation>
    </message>
    <message>
        <source>{item}: {n} more than the orders need</source>
        <translation>{item}：比订单多 {n} 件</translation>
    </message>
    <message>
        <source>Bags and shelf slots</source>
        <translation>袋子和货位</translation>
    </message>
    <message>
        <source>{n} bags</source>
        <translation>{n} 袋</translation>
    </message>
    <message>
        <source>No bags: nothing to hand out yet.</source>
        <translation>没有袋子：还没有可分的商品。</translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message>
        <source>Sign off</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Sign off this delivery?</source>
        <translation>签收这次到货？</translation>
    </message>
    <message>
        <source>Signed by {name} ({staff_no}), on duty</source>
        <translation>签收人：{name}（工号 {staff_no}，当班）</translation>
    </message>
    <message>
        <source>{title} · truck {truck}</source>
        <translation>{title} · 第 {truck} 车</translation>
    </message>
    <message>
        <source>Counted {counted} of {expected} pieces · damaged {damaged} · missing {missing}</source>
        <translation>已点 {counted} / 应到 {expected} 件 · 破损 {damaged} · 缺少 {missing}</translation>
    </message>
    <message>
        <source>Shortage: {rule}</source>
        <translation>缺货分配：{rule}</translation>
    </message>
    <message>
        <source>{n} orders lose something</source>
        <translation>{n} 单缺货</translation>
    </message>
    <message>
        <source>{n} pieces not counted will be declared missing and claimed.</source>
        <translation>没点到的 {n} 件将登记为缺少并申请售后。</translation>
    </message>
    <message>
        <source>{n} pieces of {items} items are still to come: orders that need them wait for the next truck.</source>
        <translation>还有 {items} 种商品共 {n} 件没到：需要它们的订单等下一车。</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
</context>
</TS>
