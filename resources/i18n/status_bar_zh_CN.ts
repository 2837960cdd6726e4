<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StationStatusBar</name>
    <message>
        <source>On duty: {name} ({role})</source>
        <translation>值班：{name}（{role}）</translation>
    </message>
    <message>
        <source>Not connected to the cloud</source>
        <translation>未连接云端</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Last sync: {0}</source>
        <translation>上次同步：{0}</translation>
    </message>
    <message>
        <source>Last error: {0}</source>
        <translation>上次出错：{0}</translation>
    </message>
    <message>
        <source>Waiting to upload: {0}</source>
        <translation>待上传：{0}</translation>
    </message>
    <message>
        <source>Conflicts: {0}</source>
        <translation>冲突：{0}</translation>
    </message>
</context>
</TS>
