<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CartActions</name>
    <message>
        <source>No product matches “{0}”.</source>
        <translation>没有找到“{0}”。</translation>
    </message>
    <message>
        <source>Change a weighed item&apos;s quantity with F3.</source>
        <translation>称重商品请按 F3 改重量。</translation>
    </message>
    <message>
        <source>Press Esc again to clear the cart.</source>
        <translation>再按一次 Esc 清空购物车。</translation>
    </message>
    <message>
        <source>Cart cleared.</source>
        <translation>购物车已清空。</translation>
    </message>
    <message>
        <source>Select a line in the cart first.</source>
        <translation>请先在购物车中选中一行。</translation>
    </message>
    <message>
        <source>Discounts and price changes come to {0}, over the limit of {1}.</source>
        <translation>折扣和改价共 {0}，超过限额 {1}。</translation>
    </message>
    <message>
        <source>Not approved: the change was undone.</source>
        <translation>未获批准，修改已撤回。</translation>
    </message>
</context>
</TS>
