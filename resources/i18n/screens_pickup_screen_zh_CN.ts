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
        <source>Verify pickups: scan the customer&apos;s pickup QR, type the pickup code or look up by phone ending, then hand out the bag.</source>
        <translation>提货核销：扫描顾客的提货码二维码，输入提货码或按手机尾号查找，然后交付商品。</translation>
    </message>
    <message>
        <source>Scanned {0}. Verifying pickups comes in a later version.</source>
        <translation>已扫码 {0}。提货核销将在后续版本提供。</translation>
    </message>
</context>
</TS>
