<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SalesTab</name>
    <message>
        <source>Takings</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Average sale</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>折扣/改价</translation>
    </message>
    <message>
        <source>Gross margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>By hour</source>
        <translation>按时段</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按天</translation>
    </message>
    <message>
        <source>Payment methods</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Number of sales</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Best sellers</source>
        <translation>畅销商品</translation>
    </message>
    <message>
        <source>By takings</source>
        <translation>按金额</translation>
    </message>
    <message>
        <source>By pieces</source>
        <translation>按件数</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Previous %1 days</source>
        <translation>前 %1 天</translation>
    </message>
    <message>
        <source>%1 different products sold</source>
        <translation>售出 %1 种商品</translation>
    </message>
    <message>
        <source>Refunds: %1</source>
        <translation>%1 笔</translation>
    </message>
    <message>
        <source>Round-off %1</source>
        <translation>抹零 %1</translation>
    </message>
    <message>
        <source>Margin %1</source>
        <translation>毛利率 %1</translation>
    </message>
    <message>
        <source> (costs for %1)</source>
        <translation>（有进价 %1）</translation>
    </message>
    <message>
        <source>No costs entered</source>
        <translation>尚未录入进价</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>hour of the day</source>
        <translation>时段（点）</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Takings by hour</source>
        <translation>各时段销售额</translation>
    </message>
    <message>
        <source>Takings by day</source>
        <translation>每日销售额</translation>
    </message>
</context>
</TS>
