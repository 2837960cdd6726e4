<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CountDialog</name>
    <message>
        <source>Count</source>
        <translation>输入数量</translation>
    </message>
    <message>
        <source>How many good pieces came?</source>
        <translation>到了多少件完好的？</translation>
    </message>
    <message>
        <source>All here: {n}</source>
        <translation>全部到齐：{n}</translation>
    </message>
    <message>
        <source>Type the number and press Enter. Damaged or missing pieces: F7 on the line.</source>
        <translation>输入数量后按 Enter。破损或缺少：在这一行按 F7。</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <source>Damaged or missing</source>
        <translation>破损 / 缺少</translation>
    </message>
    <message>
        <source>Damaged or missing pieces</source>
        <translation>登记破损和缺少</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>The rest is missing: {n}</source>
        <translation>其余都缺：{n}</translation>
    </message>
    <message>
        <source>optional: a photo file of the damage</source>
        <translation>可选：破损的照片文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Box crushed</source>
        <translation>挤压变形</translation>
    </message>
    <message>
        <source>Package broken</source>
        <translation>包装破损</translation>
    </message>
    <message>
        <source>Leaking</source>
        <translation>漏液</translation>
    </message>
    <message>
        <source>Spoiled</source>
        <translation>变质</translation>
    </message>
    <message>
        <source>Not in the delivery</source>
        <translation>少发</translation>
    </message>
    <message>
        <source>Wrong item sent</source>
        <translation>错发</translation>
    </message>
    <message>
        <source>Give a reason: it goes with the claim to the platform.</source>
        <translation>请填写原因：它会随售后申请发给平台。</translation>
    </message>
    <message>
        <source>There is no photo file at that place.</source>
        <translation>这个位置没有照片文件。</translation>
    </message>
    <message>
        <source>Choose a photo of the damage</source>
        <translation>选择破损照片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.heic *.webp *.bmp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.heic *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>_LineDialog</name>
    <message>
        <source>{zone} · expected {expected} · counted {received}</source>
        <translation>{zone} · 应到 {expected} · 已点 {received}</translation>
    </message>
    <message>
        <source>earlier trucks brought {n}</source>
        <translation>之前的车已到 {n}</translation>
    </message>
</context>
</TS>
