<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DenominationCounter</name>
    <message>
        <source>{0} yuan</source>
        <translation>{0} 元</translation>
    </message>
    <message>
        <source>{0} jiao</source>
        <translation>{0} 角</translation>
    </message>
</context>
</TS>
