<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EnrolForm</name>
    <message>
        <source>Enrolling…</source>
        <translation>正在登记……</translation>
    </message>
    <message>
        <source>Enter both the platform address and the enrolment code.</source>
        <translation>请填写平台地址和登记码。</translation>
    </message>
    <message>
        <source>Enrol this computer</source>
        <translation>登记本机</translation>
    </message>
    <message>
        <source>The platform gives the owner a one-time enrolment code for each computer. Enrolling again (a new PC, or after the platform revoked this one) keeps every record here; anything waiting to upload goes up under the new enrolment.</source>
        <translation>平台为每台电脑给店主一个一次性登记码。重新登记（换新电脑，或平台吊销了本机）不会丢失本机任何记录，待上传的记录会在新的登记下上传。</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>登记码</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>登记</translation>
    </message>
</context>
</TS>
