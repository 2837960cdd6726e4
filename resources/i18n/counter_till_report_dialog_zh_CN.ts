<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CloseDayDialog</name>
    <message>
        <source>Counted {0}</source>
        <translation>实点 {0}</translation>
    </message>
    <message>
        <source>Expected in the drawer {0}</source>
        <translation>钱箱应有 {0}</translation>
    </message>
    <message>
        <source>Difference {0}</source>
        <translation>差额 {0}</translation>
    </message>
    <message>
        <source>Closing the day (Z report) needs the owner.</source>
        <translation>日结（Z 报表）需要店主批准。</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Day closed: Z report {0}</source>
        <translation>已日结：Z 报表 {0}</translation>
    </message>
    <message>
        <source>Close the day (Z report)</source>
        <translation>日结（Z 报表）</translation>
    </message>
    <message>
        <source>Count the cash in the drawer by notes and coins (Enter goes to the next). A difference needs a reason. The day can be closed once.</source>
        <translation>按面额清点钱箱里的现金（Enter 跳到下一项）。有差额要填原因。每班只能日结一次。</translation>
    </message>
    <message>
        <source>Reason for a difference</source>
        <translation>差额原因</translation>
    </message>
    <message>
        <source>Print (Enter)</source>
        <translation>打印 (Enter)</translation>
    </message>
    <message>
        <source>Close the day (Enter)</source>
        <translation>日结 (Enter)</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
<context>
    <name>XReportDialog</name>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>X report: the day so far</source>
        <translation>X 报表：今天到现在</translation>
    </message>
    <message>
        <source>Print (Enter)</source>
        <translation>打印 (Enter)</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
</context>
</TS>
