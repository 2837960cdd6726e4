<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Type this payment&apos;s amount first, then add it (F8).</source>
        <translation>请先输入这一笔的金额，再按 F8。</translation>
    </message>
    <message>
        <source>That is more than is due.</source>
        <translation>超过了应收金额。</translation>
    </message>
    <message>
        <source>handed over {0}</source>
        <translation>实收 {0}</translation>
    </message>
    <message>
        <source>Saving the sale…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>The sale is done; nothing was added.</source>
        <translation>这笔已完成，没有加入任何商品。</translation>
    </message>
    <message>
        <source>Products cannot be added while taking payment; nothing was added. Cancel (Esc) to go back to the cart.</source>
        <translation>结账时不能加商品，没有加入。要加商品请按 Esc 返回购物车。</translation>
    </message>
    <message>
        <source>{0} payment code recorded as the reference.</source>
        <translation>已记录{0}付款码。</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>结账</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>This payment</source>
        <translation>本笔金额</translation>
    </message>
    <message>
        <source>empty = all that is left</source>
        <translation>不填 = 剩余全部</translation>
    </message>
    <message>
        <source>Cash handed over</source>
        <translation>实收现金</translation>
    </message>
    <message>
        <source>empty = exact amount</source>
        <translation>不填 = 正好</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>付款码/交易号</translation>
    </message>
    <message>
        <source>scan the payment code, or type (optional)</source>
        <translation>扫顾客付款码，或手动输入（可不填）</translation>
    </message>
    <message>
        <source>Add as part payment (F8)</source>
        <translation>先收这一笔 (F8)</translation>
    </message>
    <message>
        <source>Remove part payment (Del)</source>
        <translation>删除这笔 (Del)</translation>
    </message>
    <message>
        <source>Round off</source>
        <translation>抹零</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Close (Enter)</source>
        <translation>关闭 (Enter)</translation>
    </message>
    <message>
        <source>Take payment (Enter)</source>
        <translation>收款 (Enter)</translation>
    </message>
    <message>
        <source>Back to cart (Esc)</source>
        <translation>返回购物车 (Esc)</translation>
    </message>
    <message>
        <source>Receipt {0}</source>
        <translation>小票 {0}</translation>
    </message>
</context>
</TS>
