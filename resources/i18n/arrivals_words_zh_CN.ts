<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArrivalsWords</name>
    <message>
        <source>Ambient</source>
        <translation>常温</translation>
    </message>
    <message>
        <source>Chilled</source>
        <translation>冷藏</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>冷冻</translation>
    </message>
    <message>
        <source>Latest orders lose first</source>
        <translation>后下单的先缺</translation>
    </message>
    <message>
        <source>Earliest orders lose first</source>
        <translation>先下单的先缺</translation>
    </message>
    <message>
        <source>Spread evenly</source>
        <translation>按比例分摊</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手动分配</translation>
    </message>
    <message>
        <source>The orders placed last go without, one whole line at a time.</source>
        <translation>最后下单的订单先缺货，一次缺一整行。</translation>
    </message>
    <message>
        <source>The orders placed first go without, one whole line at a time.</source>
        <translation>最早下单的订单先缺货，一次缺一整行。</translation>
    </message>
    <message>
        <source>Everyone loses a little, in proportion to how many they ordered.</source>
        <translation>每单按订购数量的比例少一点。</translation>
    </message>
    <message>
        <source>Type how many each order loses; each item&apos;s shares must add up.</source>
        <translation>逐单输入缺几件；每种商品分配的总数要等于缺货数。</translation>
    </message>
    <message>
        <source>By shelf slot</source>
        <translation>按货位</translation>
    </message>
    <message>
        <source>By pickup code</source>
        <translation>按提货码</translation>
    </message>
    <message>
        <source>By name (pinyin)</source>
        <translation>按姓名拼音</translation>
    </message>
    <message>
        <source>By building and room</source>
        <translation>按楼栋房号</translation>
    </message>
    <message>
        <source>Thermal 60 × 40 mm</source>
        <translation>热敏标签 60×40 毫米</translation>
    </message>
    <message>
        <source>Thermal 50 × 30 mm</source>
        <translation>热敏标签 50×30 毫米</translation>
    </message>
    <message>
        <source>Thermal 100 × 150 mm</source>
        <translation>热敏面单 100×150 毫米</translation>
    </message>
    <message>
        <source>A4 sheet, 3 × 8 labels</source>
        <translation>A4 不干胶 3×8</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>no pickup date</source>
        <translation>无提货日</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>明天</translation>
    </message>
</context>
</TS>
