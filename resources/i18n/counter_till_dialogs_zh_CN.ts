<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CashMoveDialog</name>
    <message>
        <source>Cash in / out</source>
        <translation>钱箱存取</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>存入现金</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>取出现金</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>e.g. more change / paid the supplier</source>
        <translation>例如：补零钱 / 付供应商货款</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存 (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Counted {0}</source>
        <translation>实点 {0}</translation>
    </message>
    <message>
        <source>Expected {0}
Counted {1}
Difference {2}</source>
        <translation>应有 {0}
实点 {1}
差额 {2}</translation>
    </message>
    <message>
        <source>Choose who takes over.</source>
        <translation>请选择接班人。</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Count the cash in the drawer. A difference needs a reason.</source>
        <translation>清点钱箱里的现金。有差额要填原因。</translation>
    </message>
    <message>
        <source>Hand the till to</source>
        <translation>交给</translation>
    </message>
    <message>
        <source>Reason for a difference</source>
        <translation>差额原因</translation>
    </message>
    <message>
        <source>PIN of the person taking over</source>
        <translation>接班人密码</translation>
    </message>
    <message>
        <source>Hand over (Enter)</source>
        <translation>交班 (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
<context>
    <name>OpenTillDialog</name>
    <message>
        <source>Open the till</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>The till is not open yet. Count the change you put in the drawer (the float) and type it.</source>
        <translation>钱箱还没有开班。请清点放进钱箱的零钱（备用金）并输入。</translation>
    </message>
    <message>
        <source>Type the float: the change you put in the drawer.</source>
        <translation>输入备用金：放进钱箱的零钱。</translation>
    </message>
    <message>
        <source>Float (yuan)</source>
        <translation>备用金（元）</translation>
    </message>
    <message>
        <source>e.g. 200</source>
        <translation>例如 200</translation>
    </message>
    <message>
        <source>Open the till (Enter)</source>
        <translation>开班 (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
</TS>
