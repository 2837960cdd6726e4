<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>No owner has a PIN yet, so nobody can approve this.</source>
        <translation>还没有店主设置密码，暂时无人可以批准。</translation>
    </message>
    <message>
        <source>Choose the owner who approves (↑ ↓).</source>
        <translation>请用 ↑ ↓ 选择批准的店主。</translation>
    </message>
    <message>
        <source>The owner types their PIN, then presses Enter.</source>
        <translation>请店主输入密码，然后按回车。</translation>
    </message>
    <message>
        <source>Finish the approval first, then scan.</source>
        <translation>请先完成批准，再扫码。</translation>
    </message>
    <message>
        <source>Owner approval</source>
        <translation>店主批准</translation>
    </message>
    <message>
        <source>%1 asks for: %2</source>
        <translation>%1 申请：%2</translation>
    </message>
    <message>
        <source>Owner: type your PIN and press Enter.</source>
        <translation>店主：输入密码后按回车。</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
