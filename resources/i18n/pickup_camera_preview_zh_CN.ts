<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CameraPreview</name>
    <message>
        <source>Use the scanner, or type the pickup code or phone ending above.</source>
        <translation>请用扫码枪扫码，或在上方输入提货码 / 手机尾号。</translation>
    </message>
    <message>
        <source>The camera is switched off in Settings.</source>
        <translation>摄像头已在设置里关闭。</translation>
    </message>
    <message>
        <source>Camera: off</source>
        <translation>摄像头：已关闭</translation>
    </message>
    <message>
        <source>No camera.</source>
        <translation>没有摄像头。</translation>
    </message>
    <message>
        <source>Camera: none</source>
        <translation>摄像头：无</translation>
    </message>
    <message>
        <source>Camera: on — show the QR to it</source>
        <translation>摄像头：已开启，请出示二维码</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <source>Camera: starting</source>
        <translation>摄像头：正在打开</translation>
    </message>
    <message>
        <source>Camera paused</source>
        <translation>摄像头已暂停</translation>
    </message>
    <message>
        <source>Camera: paused</source>
        <translation>摄像头：已暂停</translation>
    </message>
</context>
</TS>
