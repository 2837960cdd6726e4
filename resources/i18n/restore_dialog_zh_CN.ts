<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Checking the backups…</source>
        <translation>正在检查备份……</translation>
    </message>
    <message>
        <source>No usable backup was found. Nothing has been changed; the damaged file is still there. Please call for support.</source>
        <translation>没有找到可用的备份。什么都没有改动，损坏的文件还在原处。请联系技术支持。</translation>
    </message>
    <message>
        <source>The newest good backup is chosen. Press Enter to restore it.</source>
        <translation>已选中最近的完好备份。按回车即可恢复。</translation>
    </message>
    <message>
        <source>Restoring… do not switch the computer off.</source>
        <translation>正在恢复……请不要关闭电脑。</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>The shop&apos;s data needs restoring</source>
        <translation>本店数据需要恢复</translation>
    </message>
    <message>
        <source>Restoring puts the chosen backup in place of the damaged file. Anything recorded after that backup is not in it; campaigns and orders are fetched again from the platform at the next sync. The damaged file is kept in the backups folder.</source>
        <translation>恢复会用选中的备份替换损坏的文件。该备份之后记录的内容不在其中；团购活动和订单会在下次同步时从平台重新获取。损坏的文件会保存在备份文件夹里。</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>恢复这个备份</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
</TS>
