<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Sorry, something went wrong and this was not finished. The details are in the log; please try again.</source>
        <translation>抱歉，出了点问题，刚才的操作没有完成。详细情况已记入日志，请再试一次。</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法完成</translation>
    </message>
    <message>
        <source>Sorry</source>
        <translation>抱歉</translation>
    </message>
</context>
</TS>
