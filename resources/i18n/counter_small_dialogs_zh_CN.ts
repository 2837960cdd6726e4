<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConfirmClearDialog</name>
    <message>
        <source>Clear the cart</source>
        <translation>清空购物车</translation>
    </message>
    <message>
        <source>Clear the cart?</source>
        <translation>清空购物车？</translation>
    </message>
    <message>
        <source>{0} lines, {1}. Nothing is sold or saved.</source>
        <translation>共 {0} 行，{1}。不会销售也不会保存。</translation>
    </message>
    <message>
        <source>Clear (Enter)</source>
        <translation>清空 (Enter)</translation>
    </message>
    <message>
        <source>Keep it (Esc)</source>
        <translation>不清空 (Esc)</translation>
    </message>
</context>
<context>
    <name>WeightDialog</name>
    <message>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>Weigh: {0}</source>
        <translation>称重：{0}</translation>
    </message>
    <message>
        <source>{0} per kg. Type the weight in kg (0.532) or grams (532g).</source>
        <translation>每公斤 {0}。输入重量：公斤（0.532）或克（532g）。</translation>
    </message>
    <message>
        <source>Add (Enter)</source>
        <translation>加入 (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
</TS>
