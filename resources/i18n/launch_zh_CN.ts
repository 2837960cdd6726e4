<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Launch</name>
    <message>
        <source>The backup %1 has been restored. Sign in again to carry on.</source>
        <translation>备份 %1 已恢复。请重新登录后继续。</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
</context>
</TS>
