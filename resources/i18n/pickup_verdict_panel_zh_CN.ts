<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>VerdictPanel</name>
    <message>
        <source>{0}  × {1}</source>
        <translation>{0}  × {1}</translation>
    </message>
    <message>
        <source>Put the goods back on the shelf: they wait for the customer again.</source>
        <translation>请把商品放回货架，重新等待顾客提货。</translation>
    </message>
    <message>
        <source>Waiting for the next customer</source>
        <translation>等待下一位顾客</translation>
    </message>
    <message>
        <source>Scan the pickup QR, or type the 8-digit pickup code or the last 4 digits of the phone.</source>
        <translation>请扫描提货码二维码，或输入 8 位提货码、手机尾号（后 4 位）。</translation>
    </message>
    <message>
        <source>Scan · Type a code · Hold the QR to the camera</source>
        <translation>扫码枪扫码 · 输入提货码 · 二维码对准摄像头</translation>
    </message>
    <message>
        <source>F9 undoes it until {0}</source>
        <translation>{0} 前可按 F9 撤销</translation>
    </message>
    <message>
        <source>bag label checked</source>
        <translation>已核对袋子</translation>
    </message>
    <message>
        <source>picked up for someone: {0}</source>
        <translation>代取：{0}</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>not shelved</source>
        <translation>未上架</translation>
    </message>
    <message>
        <source>Bag {0}</source>
        <translation>袋号 {0}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Phone ending</source>
        <translation>手机尾号</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>团购活动</translation>
    </message>
    <message>
        <source>order {0}</source>
        <translation>订单 {0}</translation>
    </message>
    <message>
        <source>note: {0}</source>
        <translation>备注：{0}</translation>
    </message>
    <message>
        <source>Handed out before:</source>
        <translation>之前的提货记录：</translation>
    </message>
    <message>
        <source>{0}  {1} handed out {2} item(s) · {3}</source>
        <translation>{0}  {1} 交出 {2} 件 · {3}</translation>
    </message>
    <message>
        <source>for someone: {0}</source>
        <translation>代取：{0}</translation>
    </message>
    <message>
        <source>UNDONE</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>↑↓ choose</source>
        <translation>↑↓ 选择</translation>
    </message>
    <message>
        <source>Enter open the order</source>
        <translation>Enter 打开订单</translation>
    </message>
    <message>
        <source>Esc clear</source>
        <translation>Esc 清除</translation>
    </message>
    <message>
        <source>Enter hand out all {0}</source>
        <translation>Enter 全部交货（{0} 件）</translation>
    </message>
    <message>
        <source>Enter hand out these {0}</source>
        <translation>Enter 交出选定的 {0} 件</translation>
    </message>
    <message>
        <source>F7 partial</source>
        <translation>F7 部分提货</translation>
    </message>
    <message>
        <source>F8 collecting for someone</source>
        <translation>F8 代取</translation>
    </message>
    <message>
        <source>scan the bag label to check it</source>
        <translation>扫袋子标签核对</translation>
    </message>
    <message>
        <source>F9 undo this hand-out</source>
        <translation>F9 撤销这次核销</translation>
    </message>
    <message>
        <source>scan the next code</source>
        <translation>请扫下一位顾客的码</translation>
    </message>
    <message>
        <source>Scan or type the next code</source>
        <translation>扫码或输入下一个提货码</translation>
    </message>
    <message>
        <source>F9 undo the last hand-out</source>
        <translation>F9 撤销上一次核销</translation>
    </message>
</context>
</TS>
