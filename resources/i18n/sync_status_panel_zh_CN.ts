<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncStatusPanel</name>
    <message>
        <source>Station</source>
        <translation>自提点</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>待上传</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>待处理冲突</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>上次同步成功</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>上次错误</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Reading the sync status…</source>
        <translation>正在读取同步状态……</translation>
    </message>
    <message>
        <source>Not enrolled: enter the platform address and an enrolment code below</source>
        <translation>本机尚未登记：请在下方输入平台地址和登记码</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步……</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>○ Offline: everything works here; uploads wait for the internet</source>
        <translation>○ 离线：本机一切照常，联网后自动上传</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始……</translation>
    </message>
    <message>
        <source>Downloading: {0} change(s) in {1} page(s)</source>
        <translation>正在下载：已收到 {0} 条变更（{1} 页）</translation>
    </message>
    <message>
        <source>Full download: this can take a few minutes; the counter keeps working</source>
        <translation>正在完整下载：可能需要几分钟，收银和提货照常进行</translation>
    </message>
    <message>
        <source>Uploading: {0} sent, {1} still waiting</source>
        <translation>正在上传：已上传 {0} 条，还有 {1} 条待上传</translation>
    </message>
</context>
</TS>
