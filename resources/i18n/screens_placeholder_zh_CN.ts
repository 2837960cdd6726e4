<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PlaceholderScreen</name>
    <message>
        <source>This screen is being built and comes in a later version.</source>
        <translation>此界面正在建设中，将在后续版本提供。</translation>
    </message>
</context>
</TS>
