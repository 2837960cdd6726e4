<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PickupScreen</name>
    <message>
        <source>Pickup</source>
        <translation>提货</translation>
    </message>
    <message>
        <source>Scan a pickup code first: there is nothing to hand out.</source>
        <translation>请先扫提货码：现在没有可交的货。</translation>
    </message>
    <message>
        <source>{0} · phone ending {1} · {2} item(s)</source>
        <translation>{0} · 尾号 {1} · {2} 件</translation>
    </message>
    <message>
        <source>Every quantity is 0: nothing to hand out.</source>
        <translation>数量都是 0，没有可交的货。</translation>
    </message>
    <message>
        <source>{0} · {1} item(s) · handed out at {2}</source>
        <translation>{0} · {1} 件 · {2} 交出</translation>
    </message>
    <message>
        <source>No pickup today to undo.</source>
        <translation>今天没有可撤销的核销。</translation>
    </message>
    <message>
        <source>Reminder for {0} order(s) copied: paste it into the WeChat group.</source>
        <translation>已复制 {0} 单的提醒，请粘贴到微信群。</translation>
    </message>
    <message>
        <source>Verify pickup</source>
        <translation>核销</translation>
    </message>
    <message>
        <source>Today ({0})</source>
        <translation>今日提货（{0}）</translation>
    </message>
    <message>
        <source>Uncollected ({0})</source>
        <translation>滞留（{0}）</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Scan, or type the pickup code / phone ending, then Enter</source>
        <translation>扫码，或输入提货码 / 手机尾号，按回车</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核验</translation>
    </message>
</context>
</TS>
