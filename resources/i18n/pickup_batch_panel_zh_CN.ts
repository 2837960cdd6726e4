<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchPanel</name>
    <message>
        <source>That code is already in the list.</source>
        <translation>这个码已经在列表里了。</translation>
    </message>
    <message>
        <source>A batch holds at most {0} codes.</source>
        <translation>一批最多 {0} 个码。</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>核对中…</translation>
    </message>
    <message>
        <source>√ handed out {0} item(s)</source>
        <translation>√ 已交出 {0} 件</translation>
    </message>
    <message>
        <source>Handed out {0} of {1} order(s)</source>
        <translation>共 {1} 单，已交出 {0} 单</translation>
    </message>
    <message>
        <source>{0} code(s) in the list</source>
        <translation>列表里有 {0} 个码</translation>
    </message>
    <message>
        <source>For a neighbour collecting for several households: scan (or type above) each pickup code into the list, then hand them all out. Phone endings need the name checked, one at a time.</source>
        <translation>邻居帮几户一起代取时用：把每个提货码扫进列表（或在上面输入），再一次全部交货。手机尾号要逐个核对姓名，不能批量。</translation>
    </message>
    <message>
        <source>Collected by (optional)</source>
        <translation>代取人（可不填）</translation>
    </message>
    <message>
        <source>e.g. Mrs Wang from building 3</source>
        <translation>例如：3栋王阿姨</translation>
    </message>
    <message>
        <source>Hand out all</source>
        <translation>全部交货</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>提货码</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
</TS>
