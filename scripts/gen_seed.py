#!/usr/bin/env python3
"""Writes assets/seed-plan.ron, the seed plan of 事权沙盘 Shiquan.

The plan models the city of the study-tour report (shared/seed/study-tour-report.zh.txt) before
its reforms, and two scenarios: 市区两级事权划分 (the 17 units and the new 区城管执法局 of 甲区) and
综合行政执法 (64 penalty items of 15 departments concentrated into one city bureau). The report
names neither the units nor the items; the lists below are illustrative, built from real national
statutes and real department names.

Run from the repository root:  python3 scripts/gen_seed.py [--check]
With --check it also recomputes the figures the acceptance tests read (a small re-implementation
of the coverage rules of shared/design/domain.md) and exits non-zero if one is off.
"""

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "assets" / "seed-plan.ron"

CITY, A, B, C = "city", "district-a", "district-b", "district-c"
DISTRICTS = [A, B, C]
ONLY_A = [B, C]  # excludes of a city holding that covers 甲区 only

# Statutes, written as a 权责清单 writes them.
SRHW = "《城市市容和环境卫生管理条例》"
LHTL = "《城市绿化条例》"
DLTL = "《城市道路管理条例》"
PSTL = "《城镇排水与污水处理条例》"
GHF = "《中华人民共和国城乡规划法》"
ZSF = "《中华人民共和国噪声污染防治法》"
DQF = "《中华人民共和国大气污染防治法》"
GFF = "《中华人民共和国固体废物污染环境防治法》"
JZF = "《中华人民共和国建筑法》"
ZLTL = "《建设工程质量管理条例》"
WYTL = "《物业管理条例》"
DJF = "《中华人民共和国道路交通安全法》"
WZWZ = "《无证无照经营查处办法》"
RFF = "《中华人民共和国人民防空法》"
FDCF = "《中华人民共和国城市房地产管理法》"
ZSBC = "《国有土地上房屋征收与补偿条例》"
RQTL = "《城镇燃气管理条例》"
HBF = "《中华人民共和国环境保护法》"
XZQZ = "《中华人民共和国行政强制法》"
XKJD = "《国务院对确需保留的行政审批项目设定行政许可的决定》"

# ---------------------------------------------------------------------------------------------
# Jurisdictions

JURISDICTIONS = [
    dict(id=CITY, name="本市", level="city"),
    dict(id=A, name="甲区", level="district", parent=CITY),
    dict(id=B, name="乙区", level="district", parent=CITY),
    dict(id=C, name="丙区", level="district", parent=CITY),
]

# ---------------------------------------------------------------------------------------------
# Bodies: (id, name, kind, jurisdiction, parent, tags, (admin, institution, headcount), budget 万元)

CJ = ["城建"]

BODIES = [
    # ---- city departments ---------------------------------------------------------------
    ("city-zjj", "市住房和城乡建设局", "admin", CITY, None, CJ, (45, 0, 43), 1200),
    ("city-zjj-zljd", "市建设工程质量安全监督站", "institution", CITY, "city-zjj", CJ, (0, 38, 36), 520),
    ("city-zjj-cjda", "市城市建设档案馆", "institution", CITY, "city-zjj", CJ, (0, 12, 11), 160),
    ("city-zrghj", "市自然资源和规划局", "admin", CITY, None, CJ, (38, 0, 36), 980),
    ("city-zrghj-ghy", "市城乡规划设计研究院", "institution", CITY, "city-zrghj", CJ, (0, 40, 38), 300),
    ("city-cgj", "市城市管理局", "admin", CITY, None, CJ, (28, 0, 27), 860),
    ("city-cgzfzd", "市城市管理行政执法支队", "enforcement", CITY, "city-cgj", CJ, (0, 120, 131), 2600),
    ("city-hwc", "市环境卫生管理处", "institution", CITY, "city-cgj", CJ, (0, 60, 58), 4200),
    ("city-ylj", "市园林管理局", "admin", CITY, None, CJ, (22, 0, 21), 780),
    ("city-szgyj", "市市政公用事业管理局", "admin", CITY, None, CJ, (26, 0, 25), 900),
    ("city-fgj", "市房产管理局", "admin", CITY, None, CJ, (24, 0, 23), 640),
    ("city-sthjj", "市生态环境局", "admin", CITY, None, [], (40, 0, 39), 1100),
    ("city-gaj", "市公安局", "admin", CITY, None, [], (300, 0, 296), 16500),
    ("city-jjzd", "市公安局交通警察支队", "admin", CITY, "city-gaj", [], (160, 0, 158), 5200),
    ("city-scjgj", "市市场监督管理局", "admin", CITY, None, [], (85, 0, 83), 2100),
    ("city-swj", "市水务局", "admin", CITY, None, [], (30, 0, 29), 760),
    ("city-rfb", "市人民防空办公室", "admin", CITY, None, [], (18, 0, 17), 420),
    ("city-jtysj", "市交通运输局", "admin", CITY, None, [], (40, 0, 38), 1300),
    ("city-swuj", "市商务局", "admin", CITY, None, [], (30, 0, 28), 600),
    # ---- the 17 city urban-construction units that the reform hands to 甲区 --------------
    ("city-zjj-fwzs", "市国有土地上房屋征收与补偿服务中心", "institution", CITY, "city-zjj", CJ, (0, 15, 14), 260),
    ("city-zjj-jzsc", "市建筑市场管理站", "institution", CITY, "city-zjj", CJ, (0, 16, 15), 210),
    ("city-zjj-kfzx", "市城市建设综合开发服务中心", "institution", CITY, "city-zjj", CJ, (0, 14, 12), 190),
    ("city-hwc-qs1", "市环境卫生管理处城区第一清扫保洁大队", "institution", CITY, "city-hwc", CJ, (0, 48, 46), 1650),
    ("city-hwc-qs2", "市环境卫生管理处城区第二清扫保洁大队", "institution", CITY, "city-hwc", CJ, (0, 45, 44), 1580),
    ("city-hwc-qy", "市环境卫生管理处垃圾清运大队", "institution", CITY, "city-hwc", CJ, (0, 40, 39), 1900),
    ("city-hwc-gc", "市环境卫生管理处公厕管理所", "institution", CITY, "city-hwc", CJ, (0, 22, 21), 640),
    ("city-ylj-lhgh", "市园林绿化管护所", "institution", CITY, "city-ylj", CJ, (0, 35, 34), 1200),
    ("city-ylj-rmgy", "市人民公园管理所", "institution", CITY, "city-ylj", CJ, (0, 24, 23), 560),
    ("city-ylj-bhgy", "市滨河公园管理所", "institution", CITY, "city-ylj", CJ, (0, 20, 19), 480),
    ("city-ylj-mp", "市园林苗圃", "institution", CITY, "city-ylj", CJ, (0, 18, 16), 300),
    ("city-szgyj-dlyh", "市市政道路养护所", "institution", CITY, "city-szgyj", CJ, (0, 42, 40), 1800),
    ("city-szgyj-ld", "市路灯管理所", "institution", CITY, "city-szgyj", CJ, (0, 26, 25), 950),
    ("city-szgyj-ps", "市排水管理所", "institution", CITY, "city-szgyj", CJ, (0, 30, 29), 1100),
    ("city-szgyj-qh", "市桥涵维护所", "institution", CITY, "city-szgyj", CJ, (0, 16, 15), 520),
    ("city-fgj-wygl", "市物业管理服务中心", "institution", CITY, "city-fgj", CJ, (0, 14, 13), 210),
    ("city-fgj-gf", "市直管公房管理所", "institution", CITY, "city-fgj", CJ, (0, 18, 18), 330),
    # ---- 甲区: its own urban-construction bodies (10) ------------------------------------
    ("district-a-zjj", "甲区住房和城乡建设局", "admin", A, None, CJ, (18, 0, 18), 420),
    ("district-a-cgj", "甲区城市管理局", "admin", A, None, CJ, (12, 0, 12), 300),
    ("district-a-cgdd", "甲区城市管理综合执法大队", "enforcement", A, "district-a-cgj", CJ, (0, 36, 44), 760),
    ("district-a-hws", "甲区环境卫生管理站", "institution", A, "district-a-cgj", CJ, (0, 20, 19), 880),
    ("district-a-yls", "甲区园林绿化管理站", "institution", A, "district-a-cgj", CJ, (0, 15, 14), 420),
    ("district-a-zhzx", "甲区城市管理监督指挥中心", "institution", A, "district-a-cgj", CJ, (0, 10, 9), 180),
    ("district-a-szs", "甲区市政工程管理站", "institution", A, "district-a-zjj", CJ, (0, 16, 15), 520),
    ("district-a-jzgl", "甲区建设工程质量安全管理站", "institution", A, "district-a-zjj", CJ, (0, 12, 12), 230),
    ("district-a-fgs", "甲区房产管理所", "institution", A, "district-a-zjj", CJ, (0, 10, 10), 150),
    ("district-a-kfzx", "甲区城市建设开发服务中心", "institution", A, "district-a-zjj", CJ, (0, 8, 7), 120),
    # ---- 甲区: other bodies, three of them institutions with vacant slots (空编) -----------
    ("district-a-scjg", "甲区市场监督管理局", "admin", A, None, [], (28, 0, 27), 560),
    ("district-a-njzx", "甲区农业技术推广中心", "institution", A, None, [], (0, 36, 22), 300),
    ("district-a-jgfw", "甲区机关事务服务中心", "institution", A, None, [], (0, 25, 15), 260),
    ("district-a-gdzx", "甲区广播电视服务中心", "institution", A, None, [], (0, 20, 12), 180),
    # ---- 乙区 ----------------------------------------------------------------------------
    ("district-b-zjj", "乙区住房和城乡建设局", "admin", B, None, CJ, (15, 0, 15), 380),
    ("district-b-cgj", "乙区城市管理局", "admin", B, None, CJ, (10, 0, 10), 260),
    ("district-b-cgdd", "乙区城市管理执法大队", "enforcement", B, "district-b-cgj", CJ, (0, 30, 35), 620),
    ("district-b-hws", "乙区环境卫生管理所", "institution", B, "district-b-cgj", CJ, (0, 18, 18), 760),
    ("district-b-yls", "乙区园林绿化管理所", "institution", B, "district-b-cgj", CJ, (0, 12, 12), 360),
    ("district-b-hwgs", "乙区环卫作业服务有限公司", "enterprise", B, None, ["城建", "政府购买服务"], (0, 0, 85), 1500),
    # ---- 丙区 ----------------------------------------------------------------------------
    ("district-c-zjj", "丙区住房和城乡建设局", "admin", C, None, CJ, (12, 0, 11), 300),
    ("district-c-cgdd", "丙区城市管理执法大队", "enforcement", C, "district-c-zjj", CJ, (0, 18, 22), 380),
]

SEVENTEEN = [
    "city-zjj-fwzs", "city-zjj-jzsc", "city-zjj-kfzx",
    "city-hwc-qs1", "city-hwc-qs2", "city-hwc-qy", "city-hwc-gc",
    "city-ylj-lhgh", "city-ylj-rmgy", "city-ylj-bhgy", "city-ylj-mp",
    "city-szgyj-dlyh", "city-szgyj-ld", "city-szgyj-ps", "city-szgyj-qh",
    "city-fgj-wygl", "city-fgj-gf",
]

# ---------------------------------------------------------------------------------------------
# Powers. Each entry: (code, name, kind, field, basis, matter, holdings), where holdings is a list
# of (body, options): options may hold role ("assist" or ("entrusted", by)) and excludes.

def L(body, excludes=None):
    return (body, {"excludes": excludes or []})


def AS(body):
    return (body, {"role": "assist"})


def EN(body, by):
    return (body, {"role": ("entrusted", by)})


ZF = "city-cgzfzd"

# The 64 administrative-penalty items, led only by the 15 city departments (no district body leads
# any of them; district enforcement teams act for the city 支队 by entrustment).
PENALTIES = [
    # 市容环卫
    ("CF-SR-001", "对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的处罚", "市容环卫",
     SRHW + "第三十四条第（一）项", None,
     [L(ZF), EN("district-a-cgdd", ZF), EN("district-b-cgdd", ZF), EN("district-c-cgdd", ZF)]),
    ("CF-SR-002", "对在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品的处罚", "市容环卫",
     SRHW + "第三十四条第（二）项", "posting",
     [L(ZF), EN("district-a-cgdd", ZF), EN("district-b-cgdd", ZF)]),
    ("CF-SR-004", "对不按规定的时间、地点、方式倾倒垃圾、粪便的处罚", "市容环卫",
     SRHW + "第三十四条第（四）项", None, [L("city-hwc")]),
    ("CF-SR-005", "对不履行卫生责任区清扫保洁义务或者不按规定清运、处理垃圾和粪便的处罚", "市容环卫",
     SRHW + "第三十四条第（五）项", None, [L("city-hwc")]),
    ("CF-SR-007", "对临街工地不设置护栏或者不作遮挡、停工场地不及时整理覆盖、竣工后不及时清理平整场地的处罚", "市容环卫",
     SRHW + "第三十四条第（七）项", None, [L(ZF), L("city-zjj")]),
    ("CF-SR-009", "对未经同意擅自设置大型户外广告影响市容的处罚", "市容环卫",
     SRHW + "第三十六条第（一）项", "outdoor-ads", [L(ZF), EN("district-a-cgdd", ZF)]),
    ("CF-SR-010", "对未经批准擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施的处罚", "市容环卫",
     SRHW + "第三十六条第（二）项", "street-stacking", [L(ZF)]),
    ("CF-SR-011", "对未经批准擅自拆除环境卫生设施或者未按批准的拆迁方案进行拆迁的处罚", "市容环卫",
     SRHW + "第三十六条第（三）项", "sanitation-facility", [L("city-hwc")]),
    ("CF-SR-012", "对不符合城市容貌标准、环境卫生标准的建筑物或者设施逾期未改造、未拆除的处罚", "市容环卫",
     SRHW + "第三十七条", None, [L(ZF)]),
    ("CF-SR-013", "对损坏各类环境卫生设施及其附属设施的处罚", "市容环卫",
     SRHW + "第三十八条", "sanitation-facility", [L("city-hwc")]),
    ("CF-SR-014", "对随意倾倒、抛撒、堆放或者焚烧生活垃圾的处罚", "市容环卫",
     GFF + "第一百一十一条第一款第（一）项", None, [L("city-hwc")]),
    ("CF-SR-016", "对工程施工单位未编制建筑垃圾处理方案报备案或者未及时清运施工过程中产生的固体废物的处罚", "市容环卫",
     GFF + "第一百一十一条第一款第（三）项", "construction-waste", [L(ZF)]),
    ("CF-SR-017", "对工程施工单位擅自倾倒、抛撒或者堆放工程施工过程中产生的建筑垃圾的处罚", "市容环卫",
     GFF + "第一百一十一条第一款第（四）项", "construction-waste", [L(ZF), AS("city-hwc")]),
    # 占道经营
    ("CF-ZD-001", "对擅自占用城市道路、广场等公共场所摆摊设点、占道经营的处罚", "占道经营",
     SRHW + "第三十六条第（二）项；" + WZWZ + "第十三条；" + DJF + "第三十一条、第一百零四条", "street-vending",
     [L(ZF), L("city-scjgj"), L("city-jjzd"), EN("district-a-cgdd", ZF), AS("district-a-scjg")]),
    ("CF-ZD-002", "对沿街店铺超出门窗、外墙经营（店外经营）的处罚", "占道经营",
     SRHW + "第三十六条第（二）项", "street-vending",
     [L(ZF), EN("district-a-cgdd", ZF), EN("district-b-cgdd", ZF)]),
    ("CF-ZD-003", "对占用城市道路、公共场所从事无照经营的流动摊贩的处罚", "占道经营",
     WZWZ + "第十三条", "street-vending", [L("city-scjgj")]),
    ("CF-ZD-005", "对擅自占用城市道路从事洗车、修车等经营活动的处罚", "占道经营",
     DLTL + "第二十七条第（一）项、第四十二条", "road-occupation", [L("city-szgyj"), L(ZF)]),
    # 噪声（噪音扰民）
    ("CF-ZS-001", "对超过噪声排放标准排放建筑施工噪声的处罚", "噪声",
     ZSF + "第七十七条第一款第（一）项", "construction-noise", [L("city-sthjj"), L("city-zjj")]),
    ("CF-ZS-002", "对未按照规定取得证明，在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业的处罚", "噪声",
     ZSF + "第七十七条第一款第（二）项", "night-construction", [L("city-sthjj")]),
    ("CF-ZS-003", "对施工单位未按照规定制定噪声污染防治实施方案或者未采取有效措施减少振动、降低噪声的处罚", "噪声",
     ZSF + "第七十八条第（二）项", "construction-noise", [L("city-zjj")]),
    ("CF-ZS-004", "对在商业经营活动中使用高音广播喇叭或者采用其他持续反复发出高噪声的方法进行广告宣传的处罚", "噪声",
     ZSF + "第八十一条第（二）项", "social-noise", [L(ZF), L("city-sthjj")]),
    ("CF-ZS-005", "对超过噪声排放标准排放社会生活噪声的处罚", "噪声",
     ZSF + "第八十一条第（一）项", "social-noise", [L("city-sthjj")]),
    ("CF-ZS-006", "对在噪声敏感建筑物集中区域使用高音广播喇叭、在公共场所开展娱乐健身活动造成噪声污染的处罚", "噪声",
     ZSF + "第八十二条第（一）项、第（二）项", "social-noise", [L(ZF), L("city-sthjj"), L("city-gaj")]),
    ("CF-ZS-007", "对室内装修活动未在限定作业时间内进行或者未采取有效措施造成噪声污染的处罚", "噪声",
     ZSF + "第八十二条第（三）项", "social-noise", [L("city-gaj")]),
    # 市政设施
    ("CF-SZ-001", "对擅自占用或者挖掘城市道路的处罚", "市政设施",
     DLTL + "第二十七条第（一）项、第四十二条", "road-occupation", [L("city-szgyj")]),
    ("CF-SZ-002", "对履带车、铁轮车或者超重、超高、超长车辆擅自在城市道路上行驶的处罚", "市政设施",
     DLTL + "第二十七条第（二）项、第四十二条", "road-heavy-vehicle", [L("city-szgyj")]),
    ("CF-SZ-004", "对擅自在桥梁或者路灯设施上设置广告牌或者其他挂浮物的处罚", "市政设施",
     DLTL + "第二十七条第（六）项、第四十二条", None, [L("city-szgyj")]),
    ("CF-SZ-006", "对未在城市道路施工现场设置明显标志和安全防围设施的处罚", "市政设施",
     DLTL + "第四十二条第（二）项", None, [L("city-szgyj")]),
    ("CF-SZ-007", "对占用城市道路期满或者挖掘城市道路后不及时清理现场的处罚", "市政设施",
     DLTL + "第四十二条第（三）项", "road-occupation", [L("city-szgyj")]),
    ("CF-SZ-008", "对依附于城市道路建设各种管线、杆线等设施不按照规定办理批准手续的处罚", "市政设施",
     DLTL + "第四十二条第（四）项", "road-pipeline", [L("city-szgyj")]),
    ("CF-SZ-011", "对从事危及城镇排水与污水处理设施安全的活动的处罚", "市政设施",
     PSTL + "第五十六条", None, [L("city-swj")]),
    ("CF-SZ-012", "对擅自拆除、改动城镇排水与污水处理设施的处罚", "市政设施",
     PSTL + "第五十七条第二款", None, [L("city-swj")]),
    # 园林绿化
    ("CF-YL-001", "对损坏城市树木花草的处罚", "园林绿化", LHTL + "第二十六条第（一）项", None, [L("city-ylj")]),
    ("CF-YL-002", "对擅自砍伐城市树木的处罚", "园林绿化", LHTL + "第二十六条第（二）项", "tree-felling", [L("city-ylj")]),
    ("CF-YL-003", "对砍伐、擅自迁移古树名木或者因养护不善致使古树名木受到损伤或者死亡的处罚", "园林绿化",
     LHTL + "第二十六条第（三）项", "ancient-tree", [L("city-ylj")]),
    ("CF-YL-004", "对损坏城市绿化设施的处罚", "园林绿化", LHTL + "第二十六条第（四）项", None, [L("city-ylj")]),
    ("CF-YL-005", "对未经同意擅自占用城市绿化用地的处罚", "园林绿化", LHTL + "第二十七条", "green-land", [L("city-ylj")]),
    ("CF-YL-006", "对不服从公共绿地管理单位管理的商业、服务摊点的处罚", "园林绿化", LHTL + "第二十八条", None, [L("city-ylj")]),
    # 城乡规划
    ("CF-GH-001", "对未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设的处罚", "城乡规划",
     GHF + "第六十四条", "planning-permit", [L("city-zrghj"), L(ZF), L("city-zjj")]),
    ("CF-GH-002", "对未经批准或者未按照批准内容进行临时建设、临时建筑物构筑物超过批准期限不拆除的处罚", "城乡规划",
     GHF + "第六十六条", "temporary-building", [L("city-zrghj")]),
    ("CF-GH-003", "对建设单位未在建设工程竣工验收后六个月内报送有关竣工验收资料的处罚", "城乡规划",
     GHF + "第六十七条", "planning-permit", [L("city-zrghj")]),
    # 建设管理
    ("CF-JS-001", "对建设单位未取得施工许可证或者开工报告未经批准擅自施工的处罚", "建设管理",
     JZF + "第六十四条；" + ZLTL + "第五十七条", "construction-permit", [L("city-zjj")]),
    ("CF-JS-002", "对建设单位将建设工程发包给不具有相应资质等级的勘察、设计、施工单位的处罚", "建设管理",
     ZLTL + "第五十四条", None, [L("city-zjj")]),
    ("CF-JS-003", "对建设单位迫使承包方以低于成本的价格竞标、任意压缩合理工期等行为的处罚", "建设管理",
     ZLTL + "第五十六条", "construction-quality", [L("city-zjj")]),
    ("CF-JS-005", "对施工单位在施工中偷工减料、使用不合格的建筑材料、建筑构配件和设备的处罚", "建设管理",
     ZLTL + "第六十四条", "construction-quality", [L("city-zjj")]),
    ("CF-JS-006", "对施工工地未设置硬质围挡或者未采取覆盖、洒水抑尘等有效防尘降尘措施的处罚", "建设管理",
     DQF + "第一百一十五条第一款", None, [L("city-zjj")]),
    # 生态环境
    ("CF-HB-001", "对餐饮服务业经营者未安装油烟净化设施或者超过排放标准排放油烟的处罚", "生态环境",
     DQF + "第一百一十八条第一款", None, [L("city-sthjj")]),
    ("CF-HB-002", "对在当地人民政府禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地的处罚", "生态环境",
     DQF + "第一百一十八条第三款", None, [L("city-sthjj"), L(ZF)]),
    ("CF-HB-003", "对在人口集中地区露天焚烧秸秆、落叶等产生烟尘污染的物质的处罚", "生态环境",
     DQF + "第一百一十九条第一款", None, [L("city-sthjj")]),
    ("CF-HB-004", "对无排污许可证或者超过噪声排放标准排放工业噪声的处罚", "生态环境",
     ZSF + "第七十五条", None, [L("city-sthjj")]),
    ("CF-HB-005", "对未密闭煤炭、砂土等易产生扬尘的物料或者未采取有效覆盖措施防治扬尘污染的处罚", "生态环境",
     DQF + "第一百一十七条第（一）项、第（二）项", None, [L("city-sthjj")]),
    # 道路交通（公安交通）
    ("CF-JT-001", "对非机动车违反规定停放、乱停乱放的处罚", "道路交通",
     DJF + "第八十九条", None, [L("city-jjzd")]),
    ("CF-JT-002", "对机动车违反规定在人行道等处停放、临时停车的处罚", "道路交通",
     DJF + "第九十三条", None, [L("city-jjzd")]),
    ("CF-JT-003", "对在道路两侧及隔离带上种植树木、设置广告牌等遮挡交通信号、妨碍安全视距拒不排除的处罚", "道路交通",
     DJF + "第一百零六条", None, [L("city-jjzd")]),
    # 物业管理、房地产管理
    ("CF-WY-001", "对住宅物业的建设单位未通过招投标的方式选聘物业服务企业或者未经批准擅自采用协议方式选聘的处罚", "物业管理",
     WYTL + "第五十六条", None, [L("city-fgj")]),
    ("CF-WY-003", "对挪用专项维修资金的处罚", "物业管理", WYTL + "第六十条", None, [L("city-fgj")]),
    ("CF-WY-004", "对擅自改变物业管理区域内公共建筑和共用设施用途、擅自占用挖掘道路场地、擅自利用共用部位经营的处罚", "物业管理",
     WYTL + "第六十三条", None, [L("city-fgj")]),
    ("CF-FC-001", "对新建居民住房的房地产开发经营者未公示住房可能受到噪声影响的情况的处罚", "房地产管理",
     ZSF + "第八十三条第（一）项", None, [L("city-fgj")]),
    # 水务
    ("CF-SW-001", "对排水户未取得污水排入排水管网许可证向城镇排水设施排放污水的处罚", "水务",
     PSTL + "第五十条第一款", "sewer-discharge", [L("city-swj")]),
    ("CF-SW-002", "对建设单位、施工单位将雨水管网、污水管网相互混接的处罚", "水务",
     PSTL + "第四十八条", None, [L("city-swj")]),
    # 人民防空
    ("CF-RF-001", "对城市新建民用建筑违反国家有关规定不修建战时可用于防空的地下室的处罚", "人民防空",
     RFF + "第四十八条", "civil-air-defence", [L("city-rfb")]),
    ("CF-RF-002", "对侵占人民防空工程或者危害人民防空工程安全和使用效能的处罚", "人民防空",
     RFF + "第四十九条", None, [L("city-rfb")]),
    # 交通运输
    ("CF-YS-001", "对运输煤炭、垃圾、渣土、砂石、土方等散装、流体物料的车辆未采取密闭措施防止物料遗撒的处罚", "交通运输",
     DQF + "第一百一十六条", None, [L("city-jtysj")]),
    # 商务
    ("CF-SWU-001", "对未遵守禁止、限制使用不可降解塑料袋等一次性塑料制品规定的处罚", "商务",
     GFF + "第一百零六条", None, [L("city-swuj")]),
]

# Everything that is not one of the 64: licences, inspections, coercive measures, levies, other
# powers and public services.
OTHER_POWERS = [
    # 城乡规划: stays with the city (高度集中城市规划权)
    ("XK-GH-001", "建设用地规划许可证核发", "licence", "城乡规划", GHF + "第三十七条、第三十八条", "land-use-permit",
     [L("city-zrghj")]),
    ("XK-GH-002", "建设工程规划许可证核发", "licence", "城乡规划", GHF + "第四十条", "planning-permit",
     [L("city-zrghj")]),
    ("XK-GH-004", "临时建设规划许可", "licence", "城乡规划", GHF + "第四十四条", "temporary-building",
     [L("city-zrghj")]),
    ("QR-GH-001", "建设工程竣工规划核实（竣工规划验收）", "confirmation", "城乡规划", GHF + "第四十五条",
     "planning-permit", [L("city-zrghj")]),
    ("JC-GH-001", "城乡规划实施情况监督检查", "inspection", "城乡规划", GHF + "第五十三条", "planning-permit",
     [L("city-zrghj")]),
    ("QZ-GH-001", "对违法建设查封施工现场、强制拆除", "coercion", "城乡规划", GHF + "第六十八条", "planning-permit",
     [L(ZF), AS("city-zrghj")]),
    ("FW-GH-001", "城市总体规划组织编制", "service", "城乡规划", GHF + "第十四条", None,
     [L("city-zrghj"), AS("city-zrghj-ghy")]),
    ("FW-GH-002", "城市控制性详细规划组织编制", "service", "城乡规划", GHF + "第十九条", None,
     [L("city-zrghj"), AS("city-zrghj-ghy")]),
    # 建设管理: sector supervision stays with the city; the start permit and the market go to 甲区
    ("XK-JS-001", "建筑工程施工许可证核发（建设工程开工许可）", "licence", "建设管理", JZF + "第七条",
     "construction-permit", [L("city-zjj")]),
    ("XK-JS-002", "建筑业企业资质核准", "licence", "建设管理", JZF + "第十三条", None, [L("city-zjj")]),
    ("JC-JS-001", "建设工程质量安全监督检查", "inspection", "建设管理", ZLTL + "第四十三条、第四十六条",
     "construction-quality", [L("city-zjj"), EN("city-zjj-zljd", "city-zjj")]),
    ("JC-JS-002", "建筑市场监督检查", "inspection", "建设管理", JZF + "第六条", None,
     [L("city-zjj"), AS("city-zjj-jzsc")]),
    ("JC-JS-003", "区管建设工程质量安全巡查", "inspection", "建设管理", ZLTL + "第四十三条", "construction-quality",
     [L("district-a-jzgl"), L("district-b-zjj"), L("district-c-zjj")]),
    ("QT-JS-001", "建设工程竣工验收备案", "other", "建设管理", ZLTL + "第四十九条", None,
     [L("city-zjj"), AS("city-zjj-cjda")]),
    ("FW-JS-001", "建筑市场动态监管及招标投标服务", "service", "建设管理", JZF + "第十九条", None,
     [L("city-zjj-jzsc", ONLY_A), L("city-zjj", [A])]),
    ("FW-JS-002", "城市建设项目前期服务与城市经营", "service", "建设管理", DLTL + "第八条、第十条", None,
     [L("city-zjj-kfzx", ONLY_A), L("city-zjj", [A])]),
    ("FW-JS-003", "区属城市建设项目组织实施", "service", "建设管理", DLTL + "第十条", None,
     [L("district-a-kfzx"), L("district-b-zjj"), L("district-c-zjj")]),
    # 房地产管理、物业管理
    ("XK-FC-001", "商品房预售许可", "licence", "房地产管理", FDCF + "第四十五条", None, [L("city-fgj")]),
    ("JC-FC-001", "房地产市场监督检查", "inspection", "房地产管理", FDCF + "第七条", None, [L("city-fgj")]),
    ("QT-FC-001", "国有土地上房屋征收与补偿", "other", "房地产管理", ZSBC + "第四条", None,
     [L("city-zjj"), AS("city-zjj-fwzs")]),
    ("FW-FC-001", "国有土地上房屋征收补偿安置具体实施", "service", "房地产管理", ZSBC + "第五条", None,
     [L("city-zjj-fwzs", ONLY_A), L("city-zjj", [A])]),
    ("FW-FC-002", "直管公房经营管理", "service", "房地产管理", FDCF + "第五十四条", None,
     [L("city-fgj-gf", ONLY_A), L("city-fgj", [A])]),
    ("FW-WY-001", "物业管理活动指导服务", "service", "物业管理", WYTL + "第五条、第十条", None,
     [L("city-fgj-wygl", ONLY_A), L("city-fgj", [A])]),
    ("FW-WY-002", "物业服务投诉处理", "service", "物业管理", WYTL + "第四十八条", None,
     [L("district-a-fgs"), L("district-b-zjj"), L("district-c-zjj")]),
    ("QT-WY-001", "业主委员会备案", "other", "物业管理", WYTL + "第十六条", None,
     [L("district-a-zjj"), L("district-b-zjj"), L("district-c-zjj")]),
    # 市容环卫
    ("XK-SR-001", "设置大型户外广告审批", "licence", "市容环卫", SRHW + "第十一条", "outdoor-ads", [L("city-cgj")]),
    ("XK-SR-002", "在城市建筑物、设施上张挂、张贴宣传品审批", "licence", "市容环卫", SRHW + "第十七条", "posting",
     [L("city-cgj")]),
    ("XK-SR-003", "在街道两侧和公共场地临时堆放物料、搭建非永久性建筑物构筑物审批", "licence", "市容环卫",
     SRHW + "第十四条", "street-stacking", [L("city-cgj")]),
    ("XK-SR-004", "拆除环境卫生设施审批", "licence", "市容环卫", SRHW + "第二十二条", "sanitation-facility",
     [L("city-cgj"), AS("city-hwc")]),
    ("XK-SR-005", "城市建筑垃圾处置核准", "licence", "市容环卫", XKJD + "第101项", "construction-waste",
     [L("city-cgj")]),
    ("XK-SR-006", "从事城市生活垃圾经营性清扫、收集、运输、处理服务审批", "licence", "市容环卫",
     XKJD + "第102项", "garbage-service", [L("city-cgj")]),
    ("JC-SR-001", "市容环境卫生监督检查", "inspection", "市容环卫", SRHW + "第四条、第二十八条", None,
     [L("city-cgj", [B]), L("district-a-cgj"), L("district-b-cgj")]),
    ("QZ-SR-001", "对不符合城市容貌标准的建筑物、设施组织强制拆除", "coercion", "市容环卫", SRHW + "第三十七条", None,
     [L(ZF), L("district-a-cgj")]),
    ("QZ-ZD-001", "对占道经营的物品、工具依法查封、扣押", "coercion", "占道经营",
     WZWZ + "第十一条；" + XZQZ + "第二十二条", "street-vending", [L(ZF), L("district-a-cgdd")]),
    ("FW-SR-001", "数字化城市管理案件受理、派遣和督办", "service", "市容环卫", SRHW + "第三条", None,
     [L("district-a-zhzx"), L("city-cgj", [A])]),
    # 环卫保洁 (the 17 units serve 甲区; 乙区 has its own and a contracted company; 丙区 has a gap)
    ("FW-HW-001", "城市道路清扫保洁", "service", "市容环卫", SRHW + "第二十三条第一款", None,
     [L("city-hwc-qs1", ONLY_A), AS("city-hwc-qs2"), L("district-b-hws")]),
    ("FW-HW-002", "生活垃圾收集清运", "service", "市容环卫", SRHW + "第二十八条", "garbage-service",
     [L("city-hwc-qy", ONLY_A), L("district-b-hwgs"), L("city-hwc", [A, B])]),
    ("FW-HW-003", "公共厕所保洁和管理", "service", "市容环卫", SRHW + "第二十条", None,
     [L("city-hwc-gc", ONLY_A), L("city-hwc", [A])]),
    ("FW-HW-004", "城市道路冲洗、洒水降尘作业", "service", "市容环卫", DQF + "第七十条", None,
     [L("city-hwc-qs2", ONLY_A), L("city-hwc", [A])]),
    ("FW-HW-005", "居住区、街巷清扫保洁组织管理", "service", "市容环卫", SRHW + "第二十三条第二款", None,
     [L("district-a-hws"), L("district-b-hws"), L("city-hwc", [A, B])]),
    # 园林绿化
    ("XK-YL-001", "砍伐城市树木审批", "licence", "园林绿化", LHTL + "第二十条", "tree-felling", [L("city-ylj")]),
    ("XK-YL-002", "临时占用城市绿化用地审批", "licence", "园林绿化", LHTL + "第十九条", "green-land", [L("city-ylj")]),
    ("XK-YL-003", "迁移古树名木审查", "licence", "园林绿化", LHTL + "第二十四条", "ancient-tree", [L("city-ylj")]),
    ("JC-YL-001", "单位附属绿地绿化监督检查", "inspection", "园林绿化", LHTL + "第十四条", None, [L("city-ylj")]),
    ("JL-YL-001", "对城市绿化工作成绩显著的单位和个人的表彰奖励", "reward", "园林绿化", LHTL + "第六条", None,
     [L("city-ylj")]),
    ("FW-YL-001", "城市公共绿地、行道树及干道绿化带养护管理", "service", "园林绿化", LHTL + "第十七条", None,
     [L("city-ylj-lhgh", ONLY_A), L("city-ylj", [A]), L("district-b-yls")]),
    ("FW-YL-002", "城市公园运营管理", "service", "园林绿化", LHTL + "第二十二条", None,
     [L("city-ylj-rmgy", ONLY_A), AS("city-ylj-bhgy"), L("city-ylj", [A])]),
    ("FW-YL-003", "滨河绿带及广场绿地管护", "service", "园林绿化", LHTL + "第十七条", None,
     [L("city-ylj-bhgy", ONLY_A), L("city-ylj", [A])]),
    ("FW-YL-004", "城市绿化苗木生产供应", "service", "园林绿化", LHTL + "第十五条", None,
     [L("city-ylj-mp", ONLY_A), L("city-ylj", [A])]),
    ("FW-YL-005", "居住区绿地绿化管理", "service", "园林绿化", LHTL + "第十七条", None,
     [L("district-a-yls"), L("district-b-yls"), L("city-ylj", [A, B])]),
    # 市政设施、市政公用
    ("XK-SZ-001", "占用、挖掘城市道路审批", "licence", "市政设施", DLTL + "第三十条、第三十一条、第三十三条",
     "road-occupation", [L("city-szgyj"), AS("city-jjzd")]),
    ("XK-SZ-002", "依附于城市道路建设各种管线、杆线等设施审批", "licence", "市政设施", DLTL + "第二十九条",
     "road-pipeline", [L("city-szgyj")]),
    ("XK-SZ-003", "特殊车辆在城市道路上行驶审批", "licence", "市政设施", DLTL + "第二十八条", "road-heavy-vehicle",
     [L("city-szgyj")]),
    ("ZS-SZ-001", "城市道路占用费、挖掘修复费收取", "levy", "市政设施", DLTL + "第三十七条", "road-occupation",
     [L("city-szgyj")]),
    ("FW-SZ-001", "城市道路养护维修", "service", "市政设施", DLTL + "第二十二条", None,
     [L("city-szgyj-dlyh", ONLY_A), L("city-szgyj", [A])]),
    ("FW-SZ-002", "城市路灯设施维护管理", "service", "市政设施", SRHW + "第十二条", None,
     [L("city-szgyj-ld", ONLY_A), L("city-szgyj", [A])]),
    ("FW-SZ-003", "城镇排水设施运行维护", "service", "市政设施", PSTL + "第三十八条", None,
     [L("city-szgyj-ps", ONLY_A), L("city-szgyj", [A]), AS("city-swj")]),
    ("FW-SZ-004", "城市桥梁、涵洞检测养护", "service", "市政设施", DLTL + "第二十一条", None,
     [L("city-szgyj-qh", ONLY_A), L("city-szgyj", [A])]),
    ("FW-SZ-005", "背街小巷道路及附属设施维护", "service", "市政设施", DLTL + "第二十二条", None,
     [L("district-a-szs"), L("city-szgyj", [A])]),
    ("XK-SZ-005", "燃气经营许可证核发", "licence", "市政公用", RQTL + "第十五条", None, [L("city-szgyj")]),
    # 水务
    ("XK-SW-001", "城镇污水排入排水管网许可证核发", "licence", "水务", PSTL + "第二十一条", "sewer-discharge",
     [L("city-swj")]),
    # 噪声、生态环境
    ("QR-ZS-001", "因特殊需要必须连续施工作业的夜间施工证明", "confirmation", "噪声", ZSF + "第四十三条第二款",
     "night-construction", [L("city-zjj")]),
    ("JC-ZS-001", "夜间建筑施工噪声现场检查", "inspection", "噪声", ZSF + "第二十九条", "night-construction",
     [AS("city-zjj"), AS("city-sthjj")]),
    # 人民防空
    ("XK-RF-001", "应建防空地下室的民用建筑项目报建审批", "licence", "人民防空", RFF + "第二十二条",
     "civil-air-defence", [L("city-rfb")]),
    ("ZS-RF-001", "防空地下室易地建设费收取", "levy", "人民防空", RFF + "第二十二条", "civil-air-defence",
     [L("city-rfb")]),
]

# ---------------------------------------------------------------------------------------------
# Scenario 1: 市区两级事权划分

NEW_A = "district-a-cgzfj"
NEW_A_BODY = dict(id=NEW_A, name="甲区城市管理行政执法局", kind="enforcement", jurisdiction=A,
                  tags=CJ, staffing=(0, 0, 0), budget=500)

# 甲区 regroups its own bodies: 10 own + 17 transferred + 1 new − 3 merged = 25.
MERGES_A = [
    ("district-a-cgdd", NEW_A),             # 城管大队 becomes the core of the new bureau
    ("district-a-kfzx", "district-a-zjj"),  # 城建开发服务中心 into 住建局
    ("district-a-zhzx", "district-a-cgj"),  # 监督指挥中心 into 城管局
]

# 20 事业编制 taken back from vacant institutions (空编事业单位) for the urban-construction system.
STAFFING_A = [
    ("district-a-njzx", NEW_A, 8),
    ("district-a-jgfw", NEW_A, 6),
    ("district-a-gdzx", "district-a-szs", 6),
]

FULL_FIELDS = {"市容环卫", "占道经营", "噪声", "市政设施", "园林绿化"}
# "part of" 城市规划, 环保 and 公安交通: 违法建设 and 临时建设 in the urban area; 油烟, 露天烧烤,
# 露天焚烧; 乱停乱放.
PARTIAL = {"CF-GH-001", "CF-GH-002", "CF-HB-001", "CF-HB-002", "CF-HB-003", "CF-JT-001", "CF-JT-002"}
# Coercive measures and inspections of the same matters that go with the penalties; some are also
# led by 甲区's own bodies today (district overlaps) and end with the transfer.
WITH_PENALTIES = ["QZ-ZD-001", "QZ-SR-001", "QZ-GH-001", "JC-SR-001"]
# Duties 甲区 takes for its own territory.
TO_DISTRICT_A = [
    ("XK-JS-001", "city-zjj", "district-a-zjj"),  # 建设工程开工许可
    ("QT-FC-001", "city-zjj", "district-a-zjj"),  # 国有土地上房屋征收与补偿
    ("JC-FC-001", "city-fgj", "district-a-zjj"),  # 房地产市场管理
    ("JC-JS-002", "city-zjj", "district-a-zjj"),  # 建筑市场管理
]

# ---------------------------------------------------------------------------------------------
# Scenario 2: 综合行政执法

NEW_CITY = "city-zhzfj"
NEW_CITY_BODY = dict(id=NEW_CITY, name="市综合行政执法局", kind="enforcement", jurisdiction=CITY,
                     tags=CJ, staffing=(0, 0, 0), budget=800)
STAFFING_CITY = [
    (ZF, NEW_CITY, "institution", 90),
    ("city-zjj", NEW_CITY, "admin", 3),
    ("city-sthjj", NEW_CITY, "admin", 3),
    ("city-zrghj", NEW_CITY, "admin", 2),
]

TITLE = "本市城市建设管理体制改革（示例）"
DESCRIPTION = (
    "示例方案，据一份城市建设管理考察学习报告所述的改革整理：现状为改革前的本市及甲、乙、丙三区，"
    "方案一“市区两级事权划分”重现报告中下划单位17个、区城市建设管理机构25个、调剂事业编制20名、新组建区城市管理行政执法局等数字，"
    "方案二“综合行政执法”重现15家单位64项行政处罚事项划入综合执法局。"
    "报告未列明具体单位和事项：文中机构名称、事项名称与编码均为示意，依据国家现行法律法规条款编排，"
    "编制、人数和预算亦为示意数字，不代表任何真实城市。"
)
SCENARIO1_DESC = (
    "按“高度集中城市规划权、下放城市建设管理权”和“编随事走、人随编走、应划尽划”的原则："
    "市属17个城建事业单位下划甲区；甲区新组建城市管理行政执法局，并对区属城建单位重新整合，整合后城市建设管理机构25个；"
    "从区属空编事业单位收回事业编制20名调剂给城建系统；区城市管理行政执法局在甲区行使市容、环境卫生、占道经营、噪音扰民、"
    "市政设施及绿化方面的全部行政处罚权和城市规划、环保、公安交通方面的部分行政处罚权；"
    "市级保留城乡规划编制、规划许可、竣工规划核实及建筑业、房地产业、勘察设计业、市政公用行业、工程质量安全监管和人防；"
    "甲区负责建设工程开工许可、房地产市场管理、国有土地上房屋征收与补偿和建筑市场管理。"
)
SCENARIO2_DESC = (
    "组建市综合行政执法局，将园林、环卫、规划、建设、环保、市政、公安交通、市场监管等15家单位的64项行政处罚事项"
    "相对集中由其行使，原部门不再行使，解决多头执法、职责交叉问题。"
)

# ---------------------------------------------------------------------------------------------
# RON writing


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def qlist(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def staffing_ron(s):
    return f"(admin: {s[0]}, institution: {s[1]}, headcount: {s[2]})"


def body_ron(b):
    parts = [f"id: {q(b['id'])}", f"name: {q(b['name'])}", f"kind: {b['kind']}",
             f"jurisdiction: {q(b['jurisdiction'])}"]
    if b.get("parent"):
        parts.append(f"parent: Some({q(b['parent'])})")
    if b.get("tags"):
        parts.append(f"tags: {qlist(sorted(b['tags']))}")
    parts.append(f"staffing: {staffing_ron(b['staffing'])}")
    parts.append(f"budget_wan: {b['budget']}")
    return "(" + ", ".join(parts) + ")"


def power_ron(p):
    parts = [f"code: {q(p['code'])}", f"name: {q(p['name'])}", f"kind: {p['kind']}", f"field: {q(p['field'])}",
             f"basis: {q(p['basis'])}"]
    if p.get("matter"):
        parts.append(f"matter: Some({q(p['matter'])})")
    return "(" + ", ".join(parts) + ")"


def role_ron(role):
    if role == "assist":
        return "assist"
    return f"entrusted(by: {q(role[1])})"


def holding_ron(h):
    parts = [f"power: {q(h['power'])}", f"body: {q(h['body'])}"]
    if h["role"] != "lead":
        parts.append(f"role: {role_ron(h['role'])}")
    if h["excludes"]:
        parts.append(f"excludes: {qlist(sorted(h['excludes']))}")
    return "(" + ", ".join(parts) + ")"


def op_ron(op):
    kind = op[0]
    if kind == "MoveBody":
        return f"MoveBody(body: {q(op[1])}, to: {q(op[2])})"
    if kind == "CreateBody":
        return f"CreateBody(body: {body_ron(op[1])})"
    if kind == "MergeBodies":
        return f"MergeBodies(from: {q(op[1])}, into: {q(op[2])})"
    if kind == "MoveStaffing":
        return f"MoveStaffing(from: {q(op[1])}, to: {q(op[2])}, kind: {op[3]}, count: {op[4]})"
    if kind == "TransferPower":
        return f"TransferPower(power: {q(op[1])}, from: {q(op[2])}, to: {q(op[3])}, mode: {op[4]})"
    raise ValueError(kind)


# ---------------------------------------------------------------------------------------------
# Building the records


def build():
    bodies = []
    for (bid, name, kind, jur, parent, tags, staff, budget) in BODIES:
        bodies.append(dict(id=bid, name=name, kind=kind, jurisdiction=jur, parent=parent, tags=list(tags),
                           staffing=staff, budget=budget))
    bodies.sort(key=lambda b: b["id"])

    powers, holdings = [], []
    for (code, name, field, basis, matter, hs) in PENALTIES:
        powers.append(dict(code=code, name=name, kind="penalty", field=field, basis=basis, matter=matter))
        holdings += [dict(power=code, body=b, role=o.get("role", "lead"), excludes=o.get("excludes", []))
                     for b, o in hs]
    for (code, name, kind, field, basis, matter, hs) in OTHER_POWERS:
        powers.append(dict(code=code, name=name, kind=kind, field=field, basis=basis, matter=matter))
        holdings += [dict(power=code, body=b, role=o.get("role", "lead"), excludes=o.get("excludes", []))
                     for b, o in hs]
    powers.sort(key=lambda p: p["code"])
    holdings.sort(key=lambda h: (h["power"], h["body"]))

    penalty_leads = {code: [b for b, o in hs if o.get("role", "lead") == "lead"]
                     for (code, _n, _f, _b, _m, hs) in PENALTIES}
    field_of = {code: field for (code, _n, field, _b, _m, _h) in PENALTIES}
    jur = {b["id"]: b["jurisdiction"] for b in bodies}
    # Lead bodies that cover 甲区: city bodies whose holding does not exclude it, and 甲区's own.
    other_leads = {code: [b for b, o in hs if o.get("role", "lead") == "lead"
                          and ((jur[b] == CITY and A not in o.get("excludes", [])) or jur[b] == A)]
                   for (code, _n, _k, _f, _b, _m, hs) in OTHER_POWERS}

    # Scenario 1
    ops1 = [("MoveBody", u, A) for u in SEVENTEEN]
    ops1.append(("CreateBody", NEW_A_BODY))
    ops1 += [("MergeBodies", f, i) for f, i in MERGES_A]
    ops1 += [("MoveStaffing", f, t, "institution", n) for f, t, n in STAFFING_A]
    for code in sorted(penalty_leads):
        if field_of[code] in FULL_FIELDS or code in PARTIAL:
            for body in penalty_leads[code]:
                ops1.append(("TransferPower", code, body, NEW_A, "transfer"))
    merged_into = dict(MERGES_A)
    for code in WITH_PENALTIES:
        for body in other_leads[code]:
            body = merged_into.get(body, body)
            if body == NEW_A:
                continue  # came with the merged 城管大队
            ops1.append(("TransferPower", code, body, NEW_A, "transfer"))
    for code, src, dst in TO_DISTRICT_A:
        ops1.append(("TransferPower", code, src, dst, "transfer"))

    # Scenario 2
    ops2 = [("CreateBody", NEW_CITY_BODY)]
    for code in sorted(penalty_leads):
        for body in penalty_leads[code]:
            ops2.append(("TransferPower", code, body, NEW_CITY, "concentrate"))
    ops2 += [("MoveStaffing", f, t, k, n) for f, t, k, n in STAFFING_CITY]

    scenarios = [
        dict(id="city-district-split", name="市区两级事权划分", description=SCENARIO1_DESC, ops=ops1),
        dict(id="comprehensive-enforcement", name="综合行政执法", description=SCENARIO2_DESC, ops=ops2),
    ]
    return bodies, powers, holdings, scenarios


def write(bodies, powers, holdings, scenarios):
    out = []
    out.append("// 事权沙盘 Shiquan seed plan. Generated by scripts/gen_seed.py; edit the script, not this file.")
    out.append("// Names of units and items are illustrative (示意); see the description.")
    out.append("(")
    out.append("    version: 1,")
    out.append(f"    title: {q(TITLE)},")
    out.append(f"    description: {q(DESCRIPTION)},")
    out.append("    baseline: (")
    out.append("        jurisdictions: [")
    for j in JURISDICTIONS:
        parts = [f"id: {q(j['id'])}", f"name: {q(j['name'])}", f"level: {j['level']}"]
        if j.get("parent"):
            parts.append(f"parent: Some({q(j['parent'])})")
        out.append("            (" + ", ".join(parts) + "),")
    out.append("        ],")
    out.append("        bodies: [")
    out += ["            " + body_ron(b) + "," for b in bodies]
    out.append("        ],")
    out.append("        powers: [")
    out += ["            " + power_ron(p) + "," for p in powers]
    out.append("        ],")
    out.append("        holdings: [")
    out += ["            " + holding_ron(h) + "," for h in holdings]
    out.append("        ],")
    out.append("    ),")
    out.append("    scenarios: [")
    for s in scenarios:
        out.append("        (")
        out.append(f"            id: {q(s['id'])},")
        out.append(f"            name: {q(s['name'])},")
        out.append(f"            description: {q(s['description'])},")
        out.append("            operations: [")
        out += ["                " + op_ron(op) + "," for op in s["ops"]]
        out.append("            ],")
        out.append("        ),")
    out.append("    ],")
    out.append("    rules: {},")
    out.append(")")
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# A small re-implementation of the model, for --check (the Rust CLI is the authority).


class State:
    def __init__(self, bodies, powers, holdings):
        self.bodies = {b["id"]: dict(b, tags=set(b["tags"]), staffing=list(b["staffing"])) for b in bodies}
        self.powers = {p["code"]: p for p in powers}
        self.holdings = {}
        for h in holdings:
            self.holdings[(h["power"], h["body"])] = dict(role=h["role"], excludes=set(h["excludes"]))
        self.barred = set()
        self.staffing_moved = 0

    def level(self, body):
        j = self.bodies[body]["jurisdiction"]
        return "city" if j == CITY else "district"

    def children(self, body):
        return [b for b, r in self.bodies.items() if r.get("parent") == body]

    def apply(self, op):
        kind = op[0]
        if kind == "MoveBody":
            _, body, to = op
            src = self.bodies[body]["jurisdiction"]
            assert src != to, op
            stack = [body]
            while stack:
                cur = stack.pop()
                r = self.bodies[cur]
                if r["jurisdiction"] != src:
                    continue
                stack += self.children(cur)
                r["jurisdiction"] = to
                if cur == body and r.get("parent") and self.bodies[r["parent"]]["jurisdiction"] != to:
                    r["parent"] = None
        elif kind == "CreateBody":
            b = op[1]
            assert b["id"] not in self.bodies
            self.bodies[b["id"]] = dict(b, tags=set(b["tags"]), staffing=list(b["staffing"]), parent=None)
        elif kind == "MergeBodies":
            _, f, i = op
            src, dst = self.bodies[f], self.bodies[i]
            dst["staffing"] = [x + y for x, y in zip(dst["staffing"], src["staffing"])]
            dst["budget"] += src["budget"]
            dst["tags"] |= src["tags"]
            for child in self.children(f):
                self.bodies[child]["parent"] = None if child == i else i
            for (p, b), h in list(self.holdings.items()):
                if isinstance(h["role"], tuple) and h["role"][1] == f:
                    if b == i:
                        del self.holdings[(p, b)]
                    else:
                        h["role"] = ("entrusted", i)
            for (p, b), h in list(self.holdings.items()):
                if b != f:
                    continue
                del self.holdings[(p, b)]
                existing = self.holdings.get((p, i))
                if existing is None:
                    combined = h
                elif existing["role"] == "lead" and h["role"] == "lead":
                    combined = dict(role="lead", excludes=existing["excludes"] & h["excludes"])
                elif existing["role"] == "lead":
                    combined = existing
                elif h["role"] == "lead":
                    combined = h
                else:
                    combined = existing
                if isinstance(combined["role"], tuple) and combined["role"][1] == i:
                    continue
                self.holdings[(p, i)] = combined
            for (p, b) in list(self.barred):
                if b == f:
                    self.barred.discard((p, b))
                    self.barred.add((p, i))
            del self.bodies[f]
        elif kind == "MoveStaffing":
            _, f, t, k, n = op
            idx = 0 if k == "admin" else 1
            assert self.bodies[f]["staffing"][idx] >= n, op
            self.bodies[f]["staffing"][idx] -= n
            self.bodies[t]["staffing"][idx] += n
            self.staffing_moved += n
        elif kind == "TransferPower":
            _, p, f, t, mode = op
            src = self.holdings.get((p, f))
            assert src is not None and src["role"] == "lead", op
            tgt = self.holdings.get((p, t)) or dict(role="lead", excludes=set())
            tgt = dict(role="lead", excludes=set(tgt["excludes"]))
            self.holdings[(p, t)] = tgt
            if self.level(f) == "city" and self.level(t) == "district":
                src["excludes"].add(self.bodies[t]["jurisdiction"])
                if src["excludes"] >= set(DISTRICTS):
                    del self.holdings[(p, f)]
            else:
                del self.holdings[(p, f)]
            if (p, f) not in self.holdings:
                for (pp, b), h in self.holdings.items():
                    if pp == p and b != t and h["role"] == ("entrusted", f):
                        h["role"] = ("entrusted", t)
            if mode == "concentrate":
                self.barred.add((p, f))
        else:
            raise ValueError(kind)

    def leads(self):
        out = {}
        for code in self.powers:
            out[code] = {d: [] for d in DISTRICTS}
        for (p, b), h in sorted(self.holdings.items()):
            if h["role"] != "lead":
                continue
            j = self.bodies[b]["jurisdiction"]
            if j == CITY:
                for d in DISTRICTS:
                    if d not in h["excludes"]:
                        out[p][d].append(b)
            else:
                out[p][j].append(b)
        return out

    def findings(self):
        res = []
        for p, per in self.leads().items():
            for d, bs in per.items():
                if any((p, b) in self.barred for b in bs):
                    res.append(("overlap", "error", p, d, bs))
                elif len(bs) >= 2:
                    res.append(("overlap", "warning", p, d, bs))
                elif not bs:
                    res.append(("gap", "error", p, d, bs))
        return res


def check(bodies, powers, holdings, scenarios):
    ok = True

    def expect(what, got, want):
        nonlocal ok
        flag = "ok " if got == want else "BAD"
        ok &= got == want
        print(f"  [{flag}] {what}: {got} (want {want})")

    # references, ids, order
    body_ids = [b["id"] for b in bodies]
    assert len(set(body_ids)) == len(body_ids)
    codes = [p["code"] for p in powers]
    assert len(set(codes)) == len(codes)
    assert body_ids == sorted(body_ids) and codes == sorted(codes)
    keys = [(h["power"], h["body"]) for h in holdings]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    for h in holdings:
        assert h["power"] in codes and h["body"] in body_ids, h
        if isinstance(h["role"], tuple):
            assert h["role"][1] in body_ids
    for b in bodies:
        assert b["parent"] is None or b["parent"] in body_ids, b
    for u in SEVENTEEN:
        assert not [b for b in bodies if b["parent"] == u], u
        assert "城建" in next(b for b in bodies if b["id"] == u)["tags"]

    base = State(bodies, powers, holdings)
    base_leads = base.leads()
    penalties = [p["code"] for p in powers if p["kind"] == "penalty"]
    print(f"baseline: {len(bodies)} bodies, {len(powers)} powers ({len(penalties)} penalties), "
          f"{len(holdings)} holdings")
    pen_depts = {b for (p, b), h in base.holdings.items() if p in penalties and h["role"] == "lead"}
    expect("penalty items", len(penalties), 64)
    expect("departments leading them", len(pen_depts), 15)
    assert all(base.level(b) == "city" for b in pen_depts)
    fs = base.findings()
    print("  overlaps:", sorted({(f[2], f[3]) for f in fs if f[0] == "overlap"}))
    print("  gaps:", sorted({(f[2], f[3]) for f in fs if f[0] == "gap"}))
    a_cj = sum(1 for b in base.bodies.values() if b["jurisdiction"] == A and "城建" in b["tags"])
    print(f"  甲区 城建 bodies before: {a_cj}")

    for s in scenarios:
        st = State(bodies, powers, holdings)
        for op in s["ops"]:
            st.apply(op)
        leads = st.leads()
        moved = [p for p in set(base_leads) | set(leads) if base_leads.get(p) != leads.get(p)]
        sources = {b for (p, b), h in base.holdings.items()
                   if h["role"] == "lead" and st.holdings.get((p, b), {}).get("role") != "lead"}
        transferred = sum(1 for b, r in base.bodies.items()
                          if b in st.bodies and st.bodies[b]["jurisdiction"] != r["jurisdiction"])
        print(f"scenario {s['id']}: {len(s['ops'])} operations")
        findings = st.findings()
        if s["id"] == "city-district-split":
            expect("bodies_transferred", transferred, 17)
            expect("district-a 城建", sum(1 for b in st.bodies.values()
                                         if b["jurisdiction"] == A and "城建" in b["tags"]), 25)
            expect("staffing_moved", st.staffing_moved, 20)
            base_gaps_a = {f[2] for f in base.findings() if f[0] == "gap" and f[3] == A}
            new_gaps_a = sorted(f[2] for f in findings if f[0] == "gap" and f[3] == A and f[2] not in base_gaps_a)
            expect("new gaps in district-a", new_gaps_a, [])
            over_a = sorted(f[2] for f in findings if f[0] == "overlap" and f[3] == A)
            print("  overlaps left in district-a:", over_a)
            for b in st.bodies.values():
                assert min(b["staffing"]) >= 0
        else:
            expect("powers_moved", len(moved), 64)
            expect("moved are the penalties", sorted(moved) == sorted(penalties), True)
            expect("source_bodies", len(sources), 15)
            left = sorted({f[2] for f in findings if f[0] == "overlap" and f[2] in penalties})
            expect("overlaps among the 64", left, [])
        print("  findings:", len(findings), "errors:", sum(1 for f in findings if f[1] == "error"))
    return ok


def main():
    bodies, powers, holdings, scenarios = build()
    write(bodies, powers, holdings, scenarios)
    print(f"wrote {OUT}")
    if "--check" in sys.argv[1:]:
        if not check(bodies, powers, holdings, scenarios):
            sys.exit(1)


if __name__ == "__main__":
    main()
