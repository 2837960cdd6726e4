"""What the demo store sells and who shops there, and the product rows made from it.

Data for app.demo_seed: product lines, loose produce, known products with fixed barcodes,
group-buy items, neighbours' names. A product line is brands × stems × sizes, so a few dozen
lines give about a thousand believable names ("康师傅冰红茶 1L", "蓝月亮洗衣液 3kg");
`generate_products` adds editions and multi-packs when a benchmark asks for tens of
thousands. Prices are the usual shelf price in fen, nudged per brand. Everything here is pure:
no database, and the same rows for the same seed.
"""
from __future__ import annotations

import random
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from pypinyin import Style, lazy_pinyin


@dataclass(frozen=True, slots=True)
class ProductLine:
    category: str
    brands: tuple[str, ...]
    stems: tuple[str, ...]
    sizes: tuple[tuple[str, int], ...]  # (size label, shelf price in fen)


@dataclass(frozen=True, slots=True)
class KnownProduct:
    """A product with a fixed barcode that tests and the README can refer to."""

    name: str
    category: str
    price_fen: int
    barcode: str


@dataclass(frozen=True, slots=True)
class Produce:
    """Loose goods weighed on the label scale: price per kilogram, PLU for the scale."""

    plu: int
    name: str
    price_per_kg_fen: int


@dataclass(frozen=True, slots=True)
class GroupBuyItem:
    name: str
    spec: str
    storage: str  # ambient, chilled, frozen
    price_fen: int
    case_pack: int | None = None  # units per carton in the delivery
    packaged: bool = False  # carries a retail barcode


# The categories of the shop's own shelves, with their share of the catalogue (loose produce
# is a fixed list on top).
CATEGORY_WEIGHTS: dict[str, int] = {
    "零食": 24,
    "饮料": 17,
    "日用": 14,
    "调味": 10,
    "粮油": 7,
    "乳品": 7,
    "冷冻": 6,
    "方便速食": 6,
    "酒水": 4,
    "文具": 5,
}
PRODUCE_CATEGORY = "水果蔬菜"

# EAN-13 (and one EAN-8) with valid check digits; app.demo_seed checks them on every seed.
KNOWN_PRODUCTS: tuple[KnownProduct, ...] = (
    KnownProduct("可口可乐 330ml", "饮料", 300, "6928804011180"),
    KnownProduct("农夫山泉饮用天然水 550ml", "饮料", 200, "6921168509256"),
    KnownProduct("康师傅红烧牛肉面 单包", "方便速食", 350, "6902152400018"),
    KnownProduct("金龙鱼大豆油 5L", "粮油", 6990, "6948012345679"),
    KnownProduct("海天酱油 500ml", "调味", 890, "6903024123455"),
    KnownProduct("维达抽纸 3层100抽×3包", "日用", 1290, "6922500123451"),
    KnownProduct("蒙牛纯牛奶 250ml", "乳品", 350, "6923004567895"),
    KnownProduct("三全猪肉白菜水饺 500g", "冷冻", 1590, "6930123456788"),
    KnownProduct("乐事原味薯片 70g", "零食", 790, "6901800123453"),
    KnownProduct("晨光中性笔 0.5mm 黑色", "文具", 200, "6947180102039"),
    KnownProduct("青岛啤酒经典 500ml", "酒水", 600, "6901633012344"),
    KnownProduct("绿箭口香糖 5片装", "零食", 150, "69012341"),
)

# Shop short codes for things with no barcode of their own, typed or scanned from a card.
SHOP_CODE_PRODUCTS: tuple[KnownProduct, ...] = (
    KnownProduct("购物袋(大)", "日用", 30, "1001"),
    KnownProduct("购物袋(小)", "日用", 20, "1002"),
    KnownProduct("冰块 1袋", "冷冻", 200, "1003"),
)

PRODUCE: tuple[Produce, ...] = (
    Produce(1, "红富士苹果", 1196),
    Produce(2, "香蕉", 598),
    Produce(3, "砂糖橘", 798),
    Produce(4, "皇冠梨", 698),
    Produce(5, "猕猴桃", 1598),
    Produce(6, "红心火龙果", 1298),
    Produce(7, "巨峰葡萄", 1396),
    Produce(8, "西瓜", 398),
    Produce(9, "哈密瓜", 698),
    Produce(10, "柠檬", 1198),
    Produce(11, "土豆", 398),
    Produce(12, "西红柿", 698),
    Produce(13, "黄瓜", 598),
    Produce(14, "大白菜", 238),
    Produce(15, "青椒", 798),
    Produce(16, "胡萝卜", 358),
    Produce(17, "洋葱", 338),
    Produce(18, "大蒜", 1196),
    Produce(19, "生姜", 1398),
    Produce(20, "芹菜", 598),
    Produce(21, "菠菜", 798),
    Produce(22, "长茄子", 698),
    Produce(23, "四季豆", 998),
    Produce(24, "冬瓜", 198),
    Produce(25, "莲藕", 998),
    Produce(26, "散装鸡蛋", 1196),
)


KNOWN_BARCODES: dict[str, str] = {p.name: p.barcode for p in KNOWN_PRODUCTS}
"""Product name → barcode, fixed in every demo (EAN-13, and one EAN-8 for 绿箭口香糖)."""
SHOP_CODES: dict[str, str] = {p.name: p.barcode for p in SHOP_CODE_PRODUCTS}
"""Product name → the shop's own short code, for things with no barcode."""
KNOWN_PLU: dict[str, int] = {p.name: p.plu for p in PRODUCE}
"""Loose produce name → label-scale PLU."""

_L = ProductLine
PRODUCT_LINES: tuple[ProductLine, ...] = (
    # 零食
    _L("零食", ("乐事",), ("原味薯片", "黄瓜味薯片", "番茄味薯片", "青柠味薯片", "红烩味薯片"),
       (("40g", 450), ("70g", 790), ("135g", 1290))),
    _L("零食", ("可比克", "上好佳"), ("番茄味薯片", "烧烤味薯片", "鲜虾片"), (("45g", 400), ("105g", 790))),
    _L("零食", ("旺旺",), ("雪饼", "仙贝", "旺仔小馒头", "浪味仙", "挑豆"), (("84g", 690), ("150g", 1090))),
    _L("零食", ("奥利奥",), ("原味夹心饼干", "巧克力味夹心饼干", "草莓味夹心饼干"),
       (("97g", 650), ("194g", 1190), ("388g", 2190))),
    _L("零食", ("好丽友",), ("巧克力派", "蛋黄派"), (("6枚装", 1290), ("12枚装", 2390))),
    _L("零食", ("达利园", "盼盼"), ("法式小面包", "瑞士卷", "软面包"), (("200g", 990), ("400g", 1690))),
    _L("零食", ("卫龙",), ("大面筋", "小面筋", "魔芋爽", "亲嘴烧"), (("65g", 350), ("106g", 590), ("180g", 990))),
    _L("零食", ("三只松鼠", "良品铺子", "百草味"),
       ("每日坚果", "夏威夷果", "碧根果", "开心果", "手剥巴旦木", "猪肉脯", "芒果干"),
       (("100g", 1590), ("160g", 2390), ("500g", 6990))),
    _L("零食", ("洽洽",), ("香瓜子", "焦糖瓜子", "山核桃味瓜子", "小而香花生"),
       (("160g", 790), ("260g", 1190), ("500g", 1990))),
    _L("零食", ("德芙",), ("丝滑牛奶巧克力", "榛仁巧克力", "黑巧克力"),
       (("43g", 890), ("84g", 1690), ("252g碗装", 4990))),
    _L("零食", ("士力架",), ("花生夹心巧克力", "燕麦花生夹心巧克力"), (("20g", 300), ("51g", 600), ("460g桶装", 3990))),
    _L("零食", ("大白兔",), ("奶糖", "红豆奶糖", "抹茶奶糖"), (("114g", 1190), ("227g", 1990))),
    _L("零食", ("徐福记",), ("酥心糖", "沙琪玛", "凤梨酥"), (("200g", 1290), ("469g", 2590))),
    _L("零食", ("绿箭", "益达"), ("口香糖", "无糖口香糖"), (("5片装", 150), ("40粒瓶装", 1290))),
    _L("零食", ("康师傅",), ("3+2苏打夹心饼干", "妙芙蛋糕"), (("125g", 590), ("375g", 1390))),
    _L("零食", ("周黑鸭", "绝味"), ("卤鸭脖", "卤鸭翅", "卤鸭锁骨"), (("180g", 2990), ("300g", 4490))),
    _L("零食", ("劲仔",), ("深海小鱼", "手撕肉干"), (("12g", 100), ("152g", 1590))),
    # 饮料
    _L("饮料", ("可口可乐", "百事可乐", "雪碧", "芬达", "七喜"), ("",),
       (("330ml", 300), ("500ml", 350), ("888ml", 500), ("1.25L", 590), ("2L", 790))),
    _L("饮料", ("可口可乐", "百事可乐"), ("无糖",), (("330ml", 300), ("500ml", 350))),
    _L("饮料", ("农夫山泉",), ("饮用天然水",), (("550ml", 200), ("1.5L", 350), ("4L", 800), ("5L", 900))),
    _L("饮料", ("怡宝", "娃哈哈", "景田"), ("饮用纯净水",), (("555ml", 200), ("1.555L", 400), ("4.5L", 900))),
    _L("饮料", ("百岁山",), ("饮用天然矿泉水",), (("348ml", 250), ("570ml", 300), ("1.5L", 600))),
    _L("饮料", ("康师傅", "统一"), ("冰红茶", "绿茶", "茉莉蜜茶", "冰糖雪梨"),
       (("500ml", 350), ("1L", 550), ("2L", 890))),
    _L("饮料", ("统一",), ("阿萨姆原味奶茶", "小茗同学冷泡茶"), (("500ml", 450),)),
    _L("饮料", ("元气森林",), ("白桃味苏打气泡水", "青瓜味苏打气泡水", "外星人电解质水", "原味乳茶"),
       (("480ml", 550),)),
    _L("饮料", ("东方树叶",), ("茉莉花茶", "乌龙茶", "青柑普洱", "红茶"),
       (("335ml", 350), ("500ml", 550), ("900ml", 790))),
    _L("饮料", ("红牛",), ("维生素功能饮料",), (("250ml", 600), ("250ml×6", 3390))),
    _L("饮料", ("王老吉", "加多宝"), ("凉茶",), (("310ml", 400), ("500ml", 550), ("310ml×6", 2190))),
    _L("饮料", ("脉动",), ("青柠味", "桃子味", "芒果味"), (("600ml", 500), ("1L", 750))),
    _L("饮料", ("北冰洋",), ("桔汁汽水",), (("248ml", 450),)),
    _L("饮料", ("椰树",), ("椰汁",), (("245ml", 450), ("1L", 1290))),
    _L("饮料", ("养元",), ("六个核桃",), (("240ml", 500), ("240ml×12", 5590))),
    _L("饮料", ("雀巢",), ("丝滑拿铁咖啡", "冷萃咖啡"), (("268ml", 600),)),
    _L("饮料", ("汇源",), ("100%橙汁", "100%苹果汁", "100%桃汁"), (("1L", 1290), ("2L", 2290))),
    # 酒水 (no tobacco in the demo)
    _L("酒水", ("青岛啤酒",), ("经典", "纯生", "白啤"), (("330ml", 450), ("500ml", 600), ("500ml×12", 6500))),
    _L("酒水", ("雪花",), ("勇闯天涯", "纯生", "清爽"), (("330ml", 400), ("500ml", 500), ("500ml×12", 5200))),
    _L("酒水", ("百威", "哈尔滨", "燕京", "珠江"), ("啤酒",), (("330ml", 500), ("500ml", 650))),
    _L("酒水", ("红星", "牛栏山"), ("二锅头",),
       (("56度 100ml", 500), ("56度 500ml", 1500), ("42度 500ml", 1800))),
    _L("酒水", ("RIO",), ("微醺白桃鸡尾酒", "微醺乳酸菌鸡尾酒", "强爽柠檬鸡尾酒"), (("330ml", 800),)),
    _L("酒水", ("古越龙山", "塔牌"), ("绍兴黄酒",), (("500ml", 1290), ("1.5L", 3990))),
    _L("酒水", ("张裕", "长城"), ("干红葡萄酒",), (("750ml", 5900),)),
    # 日用
    _L("日用", ("维达", "清风", "心相印", "洁柔"), ("抽纸",), (("3层100抽×3包", 1290), ("3层120抽×6包", 2490))),
    _L("日用", ("维达", "清风", "心相印", "洁柔"), ("卷纸",), (("4层140g×10卷", 2990),)),
    _L("日用", ("得宝", "维达"), ("手帕纸",), (("4层×18包", 1290),)),
    _L("日用", ("蓝月亮", "立白", "奥妙", "超能"), ("洗衣液",), (("1kg", 2490), ("2kg", 3990), ("3kg", 5490))),
    _L("日用", ("立白", "白猫", "雕牌"), ("洗洁精",), (("1.12kg", 1090), ("2kg", 1690))),
    _L("日用", ("雕牌", "立白", "汰渍"), ("洗衣粉",), (("1.5kg", 1590), ("3kg", 2790))),
    _L("日用", ("高露洁", "佳洁士", "云南白药", "黑人"), ("牙膏",), (("90g", 890), ("140g", 1390), ("180g", 1690))),
    _L("日用", ("高露洁", "佳洁士"), ("软毛牙刷",), (("单支", 690), ("3支装", 1590))),
    _L("日用", ("舒肤佳", "六神", "力士"), ("香皂",), (("115g", 490), ("115g×3块", 1290))),
    _L("日用", ("舒肤佳", "六神", "力士"), ("沐浴露",), (("400ml", 2490), ("720ml", 3990))),
    _L("日用", ("海飞丝", "潘婷", "飘柔", "清扬"), ("洗发水",),
       (("200ml", 2490), ("400ml", 3990), ("750ml", 5990))),
    _L("日用", ("南孚", "双鹿"), ("碱性电池",), (("5号 2粒", 590), ("5号 4粒", 1090), ("7号 4粒", 1090))),
    _L("日用", ("妙洁", "美丽雅"), ("垃圾袋", "保鲜袋", "保鲜膜"), (("中号", 890), ("大号", 1290))),
    _L("日用", ("威露士", "滴露"), ("消毒液", "洗手液"), (("500ml", 2490), ("1L", 3990))),
    _L("日用", ("七度空间", "苏菲", "护舒宝"), ("日用卫生巾", "夜用卫生巾"), (("10片", 1590), ("20片", 2790))),
    _L("日用", ("榄菊", "雷达"), ("电热蚊香液",), (("1瓶", 1590), ("2瓶装", 2790))),
    # 调味
    _L("调味", ("海天",), ("金标生抽", "老抽王", "味极鲜酱油", "草菇老抽", "上等蚝油", "料酒", "黄豆酱"),
       (("500ml", 890), ("1.28L", 1690), ("1.9L", 2290))),
    _L("调味", ("李锦记",), ("蒸鱼豉油", "薄盐生抽", "旧庄蚝油", "锦珍老抽"), (("410ml", 1190), ("500ml", 1390))),
    _L("调味", ("千禾", "厨邦", "加加"), ("零添加酱油", "特级生抽"), (("500ml", 1290), ("1L", 2190))),
    _L("调味", ("老干妈",), ("风味豆豉油制辣椒", "香辣脆油辣椒", "油辣椒"), (("210g", 1090), ("280g", 1290))),
    _L("调味", ("恒顺", "保宁", "紫林"), ("香醋", "陈醋"), (("500ml", 690), ("1.75L", 1590))),
    _L("调味", ("太太乐", "家乐"), ("鸡精",), (("100g", 590), ("200g", 990), ("454g", 1990))),
    _L("调味", ("太太乐", "莲花"), ("味精",), (("200g", 690), ("454g", 1290))),
    _L("调味", ("中盐",), ("加碘精制盐", "未加碘精纯盐", "低钠盐"), (("400g", 300),)),
    _L("调味", ("王守义",), ("十三香", "麻辣鲜"), (("45g", 500),)),
    _L("调味", ("鹃城牌", "丹丹"), ("郫县豆瓣酱",), (("500g", 990), ("1kg", 1690))),
    _L("调味", ("桥头", "好人家", "名扬"), ("牛油火锅底料", "清油火锅底料"), (("150g", 1090), ("400g", 2490))),
    _L("调味", ("太古",), ("白砂糖", "冰糖"), (("454g", 790), ("1kg", 1490))),
    # 粮油
    _L("粮油", ("金龙鱼", "福临门", "鲁花"), ("大豆油", "玉米油", "花生油", "食用调和油"),
       (("1.8L", 2990), ("5L", 6990))),
    _L("粮油", ("金龙鱼", "福临门", "十月稻田", "柴火大院"), ("五常大米", "东北大米", "长粒香米"),
       (("2.5kg", 2990), ("5kg", 4990), ("10kg", 8990))),
    _L("粮油", ("金沙河", "香雪", "五得利"), ("高筋小麦粉", "通用小麦粉", "饺子粉"),
       (("1kg", 690), ("2.5kg", 1590), ("5kg", 2790))),
    _L("粮油", ("金沙河", "陈克明"), ("龙须挂面", "鸡蛋挂面", "刀削面"), (("500g", 450), ("1kg", 790))),
    _L("粮油", ("十月稻田", "燕之坊"), ("小米", "红豆", "绿豆", "燕麦米"), (("400g", 990), ("1kg", 1990))),
    _L("粮油", ("金龙鱼", "鲁花"), ("芝麻香油",), (("220ml", 1290), ("400ml", 2190))),
    # 乳品
    _L("乳品", ("蒙牛", "伊利"), ("纯牛奶", "高钙牛奶", "低脂牛奶"),
       (("250ml", 350), ("250ml×12", 4290), ("250ml×24", 6990))),
    _L("乳品", ("特仑苏", "金典"), ("纯牛奶", "有机纯牛奶"), (("250ml×12", 6590),)),
    _L("乳品", ("安慕希", "纯甄", "莫斯利安"), ("原味酸奶", "黄桃燕麦酸奶", "蓝莓酸奶"),
       (("205g", 590), ("200g×10", 5290))),
    _L("乳品", ("光明", "三元", "卫岗"), ("鲜牛奶",), (("200ml", 400), ("950ml", 1590))),
    _L("乳品", ("君乐宝",), ("简醇0蔗糖酸奶", "涨芝士啦酸奶"), (("150g", 500), ("250g", 790))),
    _L("乳品", ("养乐多",), ("活菌型乳酸菌饮品",), (("100ml×5", 1190),)),
    _L("乳品", ("旺仔",), ("牛奶",), (("245ml", 590), ("145ml×4", 1590))),
    # 冷冻
    _L("冷冻", ("三全", "思念", "湾仔码头"), ("猪肉白菜水饺", "韭菜鸡蛋水饺", "玉米猪肉水饺", "三鲜水饺"),
       (("500g", 1590), ("1kg", 2890))),
    _L("冷冻", ("三全", "思念"), ("黑芝麻汤圆", "花生汤圆"), (("400g", 1090), ("1kg", 2290))),
    _L("冷冻", ("安井",), ("鱼丸", "撒尿牛丸", "鱼豆腐", "蟹味棒"), (("240g", 890), ("500g", 1590))),
    _L("冷冻", ("伊利",), ("巧乐兹经典巧克力雪糕", "冰工厂红豆冰"), (("单支", 350), ("6支装", 1890))),
    _L("冷冻", ("蒙牛",), ("随变香草雪糕", "绿色心情绿豆雪糕"), (("单支", 350), ("6支装", 1890))),
    _L("冷冻", ("和路雪",), ("可爱多香草巧克力甜筒", "梦龙香草雪糕"), (("单支", 600), ("4支装", 2290))),
    _L("冷冻", ("正大", "圣农"), ("鸡翅中", "鸡胸肉", "鸡米花"), (("500g", 2490), ("1kg", 4290))),
    _L("冷冻", ("广州酒家",), ("叉烧包", "奶黄包", "虾饺"), (("300g", 1690), ("600g", 2990))),
    _L("冷冻", ("思念", "三全"), ("手抓饼", "葱油饼"), (("450g", 1290), ("900g", 2190))),
    # 方便速食
    _L("方便速食", ("康师傅", "统一", "今麦郎", "白象"), ("红烧牛肉面", "老坛酸菜牛肉面", "香辣牛肉面"),
       (("单包", 350), ("五连包", 1490), ("桶装", 550))),
    _L("方便速食", ("合味道",), ("海鲜风味杯面", "猪骨浓汤杯面"), (("单杯", 690),)),
    _L("方便速食", ("白家陈记", "阿宽"), ("酸辣粉", "红油面皮"), (("单桶", 690), ("五袋装", 2490))),
    _L("方便速食", ("自嗨锅", "莫小仙"), ("麻辣牛肉自热火锅", "腊味煲仔饭"), (("单盒", 2990),)),
    _L("方便速食", ("梅林", "古龙"), ("午餐肉罐头",), (("198g", 990), ("340g", 1590))),
    _L("方便速食", ("双汇", "金锣"), ("王中王火腿肠", "玉米热狗肠"), (("30g×10支", 1290), ("60g×8支", 1990))),
    _L("方便速食", ("乌江",), ("鲜脆榨菜丝", "涪陵榨菜"), (("80g", 250), ("80g×10袋", 2290))),
    # 文具
    _L("文具", ("晨光", "得力", "真彩"), ("中性笔", "按动中性笔"),
       (("0.5mm 黑色", 200), ("0.5mm 蓝色", 200), ("0.5mm 红色", 200), ("0.5mm 黑色 12支", 1990))),
    _L("文具", ("晨光", "得力"), ("中性笔芯",), (("0.5mm 黑色 20支", 990),)),
    _L("文具", ("晨光", "得力"), ("软抄本", "线圈笔记本"), (("A5", 390), ("B5", 590))),
    _L("文具", ("晨光", "得力"), ("橡皮擦",), (("4B 单块", 150), ("4B 3块装", 400))),
    _L("文具", ("晨光", "得力"), ("固体胶",), (("21g", 350), ("36g", 550))),
    _L("文具", ("晨光", "得力"), ("透明胶带",), (("18mm×10m", 200), ("48mm×100m", 600))),
    _L("文具", ("中华", "晨光"), ("铅笔",), (("HB 单支", 100), ("2B 10支", 990))),
    _L("文具", ("得力",), ("订书机",), (("12号", 1590),)),
    _L("文具", ("得力",), ("计算器",), (("12位", 2990),)),
    _L("文具", ("晨光",), ("修正带",), (("5mm×6m", 490),)),
    _L("文具", ("晨光", "得力"), ("A4复印纸",), (("70g 500张", 2590),)),
)

# Only for a benchmark-sized catalogue: once every base name is used, the seeder goes on with
# editions, then multi-packs of them (price × units, a little off).
EDITIONS: tuple[str, ...] = ("", "新包装", "家庭装", "促销装", "经典款", "加量装", "限定款", "礼盒装")
MULTI_PACKS: tuple[tuple[str, int], ...] = (("", 1), ("×2", 2), ("×4", 4), ("×6", 6), ("×12", 12))

GROUP_BUY_ITEMS: tuple[GroupBuyItem, ...] = (
    GroupBuyItem("丹东草莓 3斤装", "1.5kg/盒", "chilled", 5990),
    GroupBuyItem("赣南脐橙 5斤", "2.5kg/箱", "ambient", 2990),
    GroupBuyItem("精品五花肉 500g", "500g/盒", "chilled", 1990, case_pack=20),
    GroupBuyItem("速冻黑芝麻汤圆 1kg", "1kg/袋", "frozen", 1590, case_pack=12),
    GroupBuyItem("鲜鸡蛋 30枚", "30枚/托", "ambient", 2390),
    GroupBuyItem("内蒙古羔羊肉卷 500g", "500g/袋", "frozen", 3990, case_pack=20),
    GroupBuyItem("阳光玫瑰葡萄 2斤", "1kg/盒", "chilled", 3590),
    GroupBuyItem("智利车厘子 JJ级 2斤", "1kg/盒", "chilled", 9990),
    GroupBuyItem("蒙牛纯牛奶 250ml×24盒", "24盒/箱", "ambient", 5990, packaged=True),
    GroupBuyItem("农夫山泉 550ml×24瓶", "24瓶/箱", "ambient", 3290, packaged=True),
    GroupBuyItem("青岛啤酒经典 500ml×12罐", "12罐/箱", "ambient", 5490, packaged=True),
    GroupBuyItem("五常大米 5kg", "5kg/袋", "ambient", 5990, packaged=True),
    GroupBuyItem("黑猪肉馅 500g", "500g/袋", "frozen", 2490, case_pack=20),
    GroupBuyItem("单冻鸡翅中 1kg", "1kg/袋", "frozen", 4590, case_pack=10),
    GroupBuyItem("冰鲜三文鱼刺身 200g", "200g/盒", "chilled", 4990),
    GroupBuyItem("新疆库尔勒香梨 5斤", "2.5kg/箱", "ambient", 3290),
    GroupBuyItem("云南沃柑 5斤", "2.5kg/箱", "ambient", 2590),
    GroupBuyItem("烟台红富士苹果 10斤", "5kg/箱", "ambient", 4590),
    GroupBuyItem("光明鲜牛奶 950ml", "950ml/瓶", "chilled", 1590, case_pack=12, packaged=True),
    GroupBuyItem("三黄鸡 1只约2斤", "约1kg/只", "frozen", 3990),
    GroupBuyItem("冻基围虾 500g", "500g/盒", "frozen", 5990),
    GroupBuyItem("手工鲜肉馄饨 500g", "500g/袋", "frozen", 1890, case_pack=12),
    GroupBuyItem("嫩豆腐 400g×2盒", "2盒/组", "chilled", 590, case_pack=20),
    GroupBuyItem("维达抽纸 3层120抽×24包", "24包/提", "ambient", 5990, packaged=True),
    GroupBuyItem("海南麒麟西瓜 1个约8斤", "约4kg/个", "ambient", 2990),
    GroupBuyItem("东北鲜食玉米 6根", "6根/袋", "chilled", 1590),
    GroupBuyItem("有机菠菜 500g", "500g/袋", "chilled", 890),
    GroupBuyItem("安井火锅丸子组合 1kg", "1kg/袋", "frozen", 3290, case_pack=10, packaged=True),
)

CAMPAIGN_THEMES: tuple[str, ...] = (
    "鲜果冻品团", "周末餐桌团", "家庭囤货团", "时令鲜果团", "早餐牛奶团", "火锅食材团",
)

# Surnames repeat by how common they are, so 王, 李, 张 turn up often.
SURNAMES: str = (
    "王王王李李李张张张刘刘陈陈杨杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖"
    "田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
)
GIVEN_NAMES: tuple[str, ...] = (
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "玉兰", "春梅", "海燕", "志强",
    "晓燕", "文博", "子涵", "欣怡", "浩然", "雨萱", "梓轩", "思彤", "建国", "淑珍", "桂芳", "丽娟",
)
ORDER_NOTES: tuple[str, ...] = (
    "晚上七点后来取", "帮忙放冰柜", "家里老人代取", "请挑大一点的", "周末再来拿",
)
PICKUP_PROXY_NOTES: tuple[str, ...] = ("邻居代取", "家人代取", "同楼层邻居代取")


# --- small pure helpers ----------------------------------------------------------------------


def gtin_check_digit(body: str) -> str:
    """The GS1 check digit for a barcode body (weights 3,1,3,… from the right)."""
    if not body.isascii() or not body.isdigit():
        raise ValueError(f"barcode body must be digits: {body!r}")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str(-total % 10)


def ean13_check_digit(digits: str) -> str:
    """The 13th digit of an EAN-13 from its first 12."""
    if len(digits) != 12:
        raise ValueError(f"an EAN-13 body has 12 digits, not {len(digits)}")
    return gtin_check_digit(digits)


def is_valid_ean13(code: str) -> bool:
    if len(code) != 13 or not code.isascii() or not code.isdigit():
        return False
    return ean13_check_digit(code[:12]) == code[12]


def is_valid_ean8(code: str) -> bool:
    if len(code) != 8 or not code.isascii() or not code.isdigit():
        return False
    return gtin_check_digit(code[:7]) == code[7]


_NOT_KEY = re.compile(r"[^a-z0-9]")


def pinyin_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) for search: 可口可乐 → ("kkkl", "kekoukele").

    Latin letters and digits in the name are kept (可口可乐 330ml → "kkkl330ml"), so typing
    the size narrows the list; everything is lowercase ASCII letters and digits.
    """
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    full = "".join(lazy_pinyin(name)).lower()
    return _NOT_KEY.sub("", initials), _NOT_KEY.sub("", full)




def demo_rng(seed: int, stream: str) -> random.Random:
    # One stream per building block: more products never change the orders.
    return random.Random(f"corner-station-demo:{stream}:{seed}")


def demo_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def naive_utc(instant: datetime) -> datetime:
    """The database keeps naive UTC."""
    return instant.astimezone(UTC).replace(tzinfo=None, microsecond=0)






def split_by_weight(total: int, weights: Sequence[int]) -> list[int]:
    """Split total by weights (largest remainder), so the parts always add up."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _shelf_price(fen: int) -> int:
    """Round to what a shelf label says: whole jiao, and x.90 from ten yuan up."""
    price = max(50, (fen + 5) // 10 * 10)
    return price // 100 * 100 + 90 if price >= 1000 else price



# --- the shop's catalogue --------------------------------------------------------------------


class _Barcodes:
    """Unique, valid barcodes; a brand's products share a company prefix, as in a real shop."""

    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        self._rng = rng
        self.taken = taken
        self._prefixes: dict[str, str] = {}

    def ean13(self, brand: str = "") -> str:
        rng = self._rng
        prefix = self._prefixes.get(brand)
        if prefix is None:
            prefix = self._prefixes[brand] = f"{rng.randint(690, 699)}{rng.randrange(10_000):04d}"
        for attempt in range(50):
            # a crowded company prefix (only in huge benches) falls back to any prefix
            head = prefix if attempt < 20 else f"{rng.randint(690, 699)}{rng.randrange(10_000):04d}"
            body = f"{head}{rng.randrange(100_000):05d}"
            code = body + ean13_check_digit(body)
            if code not in self.taken:
                self.taken.add(code)
                return code
        raise RuntimeError("could not find a free EAN-13")  # pragma: no cover

    def ean8(self) -> str:
        while True:
            body = f"{self._rng.randint(690, 699)}{self._rng.randrange(10_000):04d}"
            code = body + gtin_check_digit(body)
            if code not in self.taken:
                self.taken.add(code)
                return code


def _category_names(
    category: str, rng: random.Random, skip: set[str]
) -> Iterator[tuple[str, str, int]]:
    """Endless (name, brand, price) for one category: base names first, then editions and packs."""
    base = [
        (brand, stem, size, price)
        for line in PRODUCT_LINES
        if line.category == category
        for brand in line.brands
        for stem in line.stems
        for size, price in line.sizes
    ]
    # per mille, so no float touches a price
    factor = {brand: rng.randint(900, 1150) for brand in dict.fromkeys(b for b, _s, _z, _p in base)}
    rng.shuffle(base)
    tiers = [(edition, pack) for pack in MULTI_PACKS for edition in EDITIONS]
    round_no = 1
    while True:
        for edition, (pack_label, units) in tiers:
            suffix = "" if round_no == 1 else f"({round_no}号款)"
            for brand, stem, size, price in base:
                name = f"{brand}{stem}{edition}{suffix} {size}{pack_label}"
                if name in skip:
                    continue
                skip.add(name)
                bulk = 950 if units > 1 else 1000  # a multi-pack is a little cheaper
                yield name, brand, _shelf_price(price * factor[brand] * units * bulk // 1_000_000)
        round_no += 1


# name, category, unit, price (per piece or kg), PLU, barcodes
_Planned = tuple[str, str, str, int, int | None, list[str]]


def generate_products(
    *, now: datetime, count: int, seed: int = 7, start_id: int = 1
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for `product` and `product_barcode`: known products with fixed barcodes first,
    shop short codes, loose produce sold by the kilogram, then brand × product × size."""
    rng = demo_rng(seed, "products")
    stamp = naive_utc(now)
    fixed = [*KNOWN_PRODUCTS, *SHOP_CODE_PRODUCTS]
    codes = _Barcodes(rng, {p.barcode for p in fixed})
    plan: list[_Planned] = []
    for product in fixed[:count]:
        plan.append(
            (product.name, product.category, "piece", product.price_fen, None, [product.barcode])
        )
    produce = PRODUCE[: max(0, count - len(plan)) // 10]
    for item in produce:
        plan.append((item.name, PRODUCE_CATEGORY, "kg", item.price_per_kg_fen, item.plu, []))
    generated: list[_Planned] = []
    skip = {p[0] for p in plan}
    quotas = split_by_weight(count - len(plan), list(CATEGORY_WEIGHTS.values()))
    for category, quota in zip(CATEGORY_WEIGHTS, quotas, strict=True):
        names = _category_names(category, rng, skip)
        for _ in range(quota):
            name, brand, price = next(names)
            if price < 500 and rng.random() < 0.04:
                barcodes = [codes.ean8()]  # some small, cheap packs carry the short EAN-8
            else:
                barcodes = [codes.ean13(brand)]
                if rng.random() < 0.03:
                    barcodes.append(codes.ean13(brand))  # old and new packaging
            generated.append((name, category, "piece", price, None, barcodes))
    rng.shuffle(generated)
    plan.extend(generated)

    # A few items running low, one or two below zero (sold before the delivery was booked) and
    # one or two no longer sold; never a known product, so tests can count on those.
    pool = range(len(plan) - len(generated), len(plan))
    n_negative, n_low, n_inactive = max(2, count // 1000), max(3, count // 25), max(1, count // 150)
    specials = rng.sample(pool, min(len(pool), n_negative + n_low + n_inactive))
    negative = set(specials[:n_negative])
    low = set(specials[n_negative : n_negative + n_low])
    inactive = set(specials[n_negative + n_low :])

    products: list[dict[str, Any]] = []
    barcodes_rows: list[dict[str, Any]] = []
    for index, (name, category, unit, price, plu, barcodes) in enumerate(plan):
        pid = start_id + index
        initials, full = _name_keys(name)
        if unit == "kg":
            low_at, stock = 2000, rng.randrange(3000, 40_000, 50)  # grams
        else:
            low_at = rng.choice((3, 5, 6, 10))
            stock = rng.randint(low_at + 1, low_at * 12)
            if index in low:
                stock = rng.randint(0, low_at - 1)
            elif index in negative:
                stock = -rng.randint(1, 3)
        created = stamp - timedelta(days=rng.randint(30, 400), minutes=rng.randint(0, 600))
        updated = created + timedelta(days=rng.randint(0, 20)) if rng.random() < 0.3 else created
        products.append({
            "id": pid,
            "uuid": demo_uuid(rng),
            "name": name,
            "pinyin_initials": initials,
            "pinyin_full": full,
            "category": category,
            "unit": unit,
            "price_fen": price,
            "cost_fen": price * rng.randint(70, 85) // 100,
            "stock_qty": stock,
            "low_stock_at": low_at,
            "plu": plu,
            "platform_item_id": None,
            "active": index not in inactive,
            "created_at": created,
            "updated_at": updated,
        })
        barcodes_rows.extend({"product_id": pid, "barcode": code} for code in barcodes)
    return products, barcodes_rows


@lru_cache(maxsize=65536)
def _cached_keys(part: str) -> tuple[str, str]:
    return pinyin_keys(part)


def _name_keys(name: str) -> tuple[str, str]:
    """pinyin_keys, a part at a time: the space ends a run of Chinese, so the result is the
    same, and a 50k catalogue repeats the same few hundred brands and sizes."""
    head, _, tail = name.partition(" ")
    a, b = _cached_keys(head), _cached_keys(tail)
    return a[0] + b[0], a[1] + b[1]
