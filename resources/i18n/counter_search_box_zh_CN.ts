<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SearchPopup</name>
    <message>
        <source>stock {0}</source>
        <translation>库存 {0}</translation>
    </message>
</context>
</TS>
