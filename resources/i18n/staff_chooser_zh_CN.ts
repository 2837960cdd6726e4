<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StaffChooser</name>
    <message>
        <source>Who is on duty?</source>
        <translation>谁在值班？</translation>
    </message>
    <message>
        <source>Choose with ↑ ↓ and Enter, or type your staff number.</source>
        <translation>用 ↑ ↓ 选择后按回车，或直接输入工号。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
</TS>
