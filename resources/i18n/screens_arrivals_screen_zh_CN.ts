<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArrivalsScreen</name>
    <message>
        <source>Arrivals</source>
        <translation>到货分拣</translation>
    </message>
    <message>
        <source>Check the platform&apos;s delivery against the orders, record short and damaged goods, and print the picking lists and bag labels.</source>
        <translation>核对平台到货与订单，登记缺货、破损，打印总拣单、分拣单和标签。</translation>
    </message>
</context>
</TS>
