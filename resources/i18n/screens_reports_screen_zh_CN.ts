<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Day summary PDF</source>
        <translation>日报 PDF</translation>
    </message>
    <message>
        <source>Export all</source>
        <translation>全部导出</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Group-buy</source>
        <translation>团购</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Reports are for the owner. Ask the owner to approve with their PIN to open them.</source>
        <translation>报表只给店主看。请店主输入密码批准后查看。</translation>
    </message>
    <message>
        <source>Owner approves…</source>
        <translation>店主批准…</translation>
    </message>
    <message>
        <source>There is nothing to export yet.</source>
        <translation>还没有可导出的内容。</translation>
    </message>
    <message>
        <source>Sales report</source>
        <translation>销售报表</translation>
    </message>
    <message>
        <source>Group-buy report</source>
        <translation>团购报表</translation>
    </message>
    <message>
        <source>Stock report</source>
        <translation>库存报表</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Day summary</source>
        <translation>营业日报</translation>
    </message>
    <message>
        <source>Day summary saved: %1</source>
        <translation>日报已保存：%1</translation>
    </message>
</context>
</TS>
