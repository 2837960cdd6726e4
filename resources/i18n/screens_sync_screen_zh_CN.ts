<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncScreen</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Waiting uploads, the last sync with the platform, and conflicts for you to decide.</source>
        <translation>待上传记录、与平台的上次同步，以及需要您处理的冲突。</translation>
    </message>
</context>
</TS>
