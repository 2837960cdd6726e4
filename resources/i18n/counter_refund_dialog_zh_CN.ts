<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RefundDialog</name>
    <message>
        <source>Pay back about {0}</source>
        <translation>约退 {0}</translation>
    </message>
    <message>
        <source>Find the sale first.</source>
        <translation>请先找到要退的小票。</translation>
    </message>
    <message>
        <source>Type how many of each item come back (or Refund all).</source>
        <translation>请填写每样退几个（或按“全部退”）。</translation>
    </message>
    <message>
        <source>Refund {0} on receipt {1}.</source>
        <translation>小票 {1} 退款 {0}。</translation>
    </message>
    <message>
        <source>{0}: one more to refund.</source>
        <translation>{0}：退货数量加 1。</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Refunded {0} ({1}), slip {2}</source>
        <translation>已退款 {0}（{1}），退款单 {2}</translation>
    </message>
    <message>
        <source>Return / refund</source>
        <translation>退货 / 退款</translation>
    </message>
    <message>
        <source>Scan the receipt&apos;s QR code or type its number. Type how many come back on each line.</source>
        <translation>扫小票上的二维码或输入小票号，再填写每样退几个。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Refund now</source>
        <translation>本次退</translation>
    </message>
    <message>
        <source>The way it was paid</source>
        <translation>原路退回</translation>
    </message>
    <message>
        <source>Pay back by</source>
        <translation>退款方式</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Back on the shelf</source>
        <translation>退回货架</translation>
    </message>
    <message>
        <source>Close (Enter)</source>
        <translation>关闭 (Enter)</translation>
    </message>
    <message>
        <source>Refund (Enter)</source>
        <translation>退款 (Enter)</translation>
    </message>
    <message>
        <source>Refund all</source>
        <translation>全部退</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
</TS>
