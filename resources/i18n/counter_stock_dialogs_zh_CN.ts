<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LowStockDialog</name>
    <message>
        <source>{0} products are low or out.</source>
        <translation>{0} 种商品库存不足或缺货。</translation>
    </message>
    <message>
        <source>Nothing is running low.</source>
        <translation>没有库存不足的商品。</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>Running low</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Low at</source>
        <translation>预警数</translation>
    </message>
    <message>
        <source>Receive these (Enter)</source>
        <translation>为这些进货 (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
</context>
<context>
    <name>StockCountDialog</name>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>On the books</source>
        <translation>账面</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Scan each product and type what is on the shelf (kg for weighed goods). A difference from the books needs a reason.</source>
        <translation>逐个扫码，输入货架上的实际数量（称重商品填公斤）。与账面不符要填原因。</translation>
    </message>
    <message>
        <source>Scan, or search by name / pinyin initials</source>
        <translation>扫码，或按名称 / 拼音首字母搜索</translation>
    </message>
    <message>
        <source>Save count</source>
        <translation>保存盘点</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
<context>
    <name>StockLinesDialog</name>
    <message>
        <source>No product matches “{0}”.</source>
        <translation>没有找到“{0}”。</translation>
    </message>
    <message>
        <source>Scan or search the products first.</source>
        <translation>请先扫码或搜索商品。</translation>
    </message>
</context>
<context>
    <name>StockReceiptDialog</name>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>进货数量</translation>
    </message>
    <message>
        <source>Cost (yuan)</source>
        <translation>进价（元）</translation>
    </message>
    <message>
        <source>Receive stock</source>
        <translation>进货</translation>
    </message>
    <message>
        <source>Receive stock from a supplier</source>
        <translation>进货</translation>
    </message>
    <message>
        <source>Scan each product, type how many came in (kg for weighed goods) and the cost. Enter goes to the next field.</source>
        <translation>逐个扫码，输入进货数量（称重商品填公斤）和进价。Enter 跳到下一项。</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Scan, or search by name / pinyin initials</source>
        <translation>扫码，或按名称 / 拼音首字母搜索</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>保存进货</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
</TS>
