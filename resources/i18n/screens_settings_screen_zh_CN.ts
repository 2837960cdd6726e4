<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of the window. It changes at once and is kept for the next start.</source>
        <translation>界面语言。立即生效，下次启动时保持不变。</translation>
    </message>
    <message>
        <source>Printer, camera, cloud and backup settings come in a later version.</source>
        <translation>打印机、摄像头、云端和备份设置将在后续版本提供。</translation>
    </message>
    <message>
        <source>The setting could not be saved: the data folder cannot be written.</source>
        <translation>设置无法保存：数据文件夹不能写入。</translation>
    </message>
    <message>
        <source>Language saved.</source>
        <translation>语言已保存。</translation>
    </message>
</context>
</TS>
