<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SignInDialog</name>
    <message>
        <source>Choose your name first (↑ ↓).</source>
        <translation>请先用 ↑ ↓ 选择你的名字。</translation>
    </message>
    <message>
        <source>Type your PIN, then press Enter.</source>
        <translation>请输入密码，然后按回车。</translation>
    </message>
    <message>
        <source>Type the same PIN again to confirm it.</source>
        <translation>请再输入一次同样的密码以确认。</translation>
    </message>
    <message>
        <source>The two PINs were not the same. Choose your PIN again.</source>
        <translation>两次输入的密码不一样，请重新设置密码。</translation>
    </message>
    <message>
        <source>No owner has a PIN yet. Choose your PIN (4 to 6 digits) and press Enter.</source>
        <translation>本店还没有店主密码。请设置你的密码（4到6位数字），然后按回车。</translation>
    </message>
    <message>
        <source>Sign in first, then scan.</source>
        <translation>请先登录，再扫码。</translation>
    </message>
    <message>
        <source>Locked: sign in to continue</source>
        <translation>已锁屏：登录后继续</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁屏</translation>
    </message>
    <message>
        <source>Type your PIN and press Enter. Someone else? Choose your name with ↑ ↓ first.</source>
        <translation>输入密码后按回车。换人值班？先用 ↑ ↓ 选择你的名字。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Who is on duty?</source>
        <translation>谁在值班？</translation>
    </message>
    <message>
        <source>Choose your name with ↑ ↓, type your PIN and press Enter.</source>
        <translation>用 ↑ ↓ 选择你的名字，输入密码后按回车。</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
</TS>
