<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Screen</name>
    <message>
        <source>This screen does not take scans. Go to Counter or Pickup to scan.</source>
        <translation>此界面不能使用扫码，请到收银或提货界面扫码。</translation>
    </message>
</context>
</TS>
