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
        <source>Conflicts ({0})</source>
        <translation>冲突（{0}）</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation>同步日志</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>登记本机</translation>
    </message>
    <message>
        <source>A sync is already running.</source>
        <translation>正在同步，请稍候。</translation>
    </message>
    <message>
        <source>Stopping the sync after the current step…</source>
        <translation>当前这一步完成后停止同步……</translation>
    </message>
    <message>
        <source>{0} conflict(s) with the platform need your decision.</source>
        <translation>有 {0} 条与平台的冲突需要您处理。</translation>
    </message>
    <message>
        <source>Synced: {0} uploaded, {1} change(s) downloaded.</source>
        <translation>同步完成：上传 {0} 条，下载 {1} 条变更。</translation>
    </message>
    <message>
        <source>Enrolled as {0} ({1}). Downloading the station's data…</source>
        <translation>已登记为 {0}（{1}），正在下载本店数据……</translation>
    </message>
    <message>
        <source>Conflict resolved; it is in the audit log.</source>
        <translation>冲突已处理，已记入操作日志。</translation>
    </message>
</context>
</TS>
