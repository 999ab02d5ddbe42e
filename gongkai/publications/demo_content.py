"""Synthetic records (演示数据) behind 中卫市司法局's 2023 report.

The titles are invented in the style of the bureau's real catalogue; only the counts
come from the published report (shared/seed): 47 documents and 61 information items
published, 13 normative documents in force at the end of 2023 and 1 repealed when its
trial period ended, none issued, no regulations, 74 licensing decisions, 0 penalties,
0 enforcement, 0 fees, the “法治中卫” WeChat account with 233 issues and 1,376
articles, 10 interpretations, a 30-day consultation on 《中卫市餐厨垃圾管理办法（征求意见稿）》
with feedback, and 37 published reconsideration decisions.
"""

from __future__ import annotations

import datetime

D = datetime.date

DOCUMENT_SUBJECTS = [
    "印发《2023年全市普法依法治理工作要点》",
    "印发《2023年司法行政工作要点》",
    "开展“八五”普法中期评估工作",
    "做好2023年国家统一法律职业资格考试报名工作",
    "印发《中卫市法治政府建设2023年度工作计划》",
    "开展行政执法案卷评查工作",
    "做好2023年度人民陪审员选任工作",
    "开展“法律服务进万家”活动",
    "印发《全市人民调解工作规范化建设方案》",
    "开展矛盾纠纷排查化解专项行动",
    "做好2023年法律援助民生实事工作",
    "加强公证执业活动监督管理",
    "开展司法鉴定机构“双随机、一公开”检查",
    "印发《市本级行政执法人员资格管理办法》",
    "公布市本级行政执法人员信息",
    "公布市本级行政执法证件注销情况",
    "印发“双随机、一公开”抽查工作计划",
    "公布“双随机、一公开”抽查事项清单",
    "公布“双随机、一公开”抽查结果",
    "开展“宪法宣传周”系列活动",
    "开展“民法典宣传月”活动",
    "做好社区矫正对象教育管理工作",
    "开展安置帮教对象摸排核查工作",
    "印发《全市律师行业专项整治方案》",
    "公布全市法律服务品牌名录",
    "公布法律服务机构地址及热线电话",
    "开展“法治乡村”示范创建工作",
    "推荐全国民主法治示范村（社区）",
    "做好行政复议体制改革后续工作",
    "印发《行政复议案件办理规范》",
    "开展行政规范性文件清理工作",
    "开展规章和规范性文件备案审查工作",
    "做好市政府重大行政决策合法性审查工作",
    "印发《政府法律顾问工作规则》",
    "开展“谁执法谁普法”履职评议",
    "做好2023年政府立法计划项目征集工作",
    "印发《中卫市2023年政府立法工作计划》",
    "开展法治宣传教育基地评选工作",
    "加强公共法律服务实体平台建设",
    "开展“12348”法律服务热线质量评查",
    "做好春节期间矛盾纠纷排查化解工作",
    "做好汛期安全生产工作",
    "开展政务公开自查整改工作",
    "调整政府信息公开工作领导小组",
    "印发《政务新媒体管理办法》",
    "开展网络工作群排查清理工作",
    "做好2024年元旦春节期间有关工作",
]

INFORMATION_SUBJECTS = [
    "市司法局召开{m}月份工作例会",
    "市司法局开展{m}月份法治宣传进社区活动",
    "{m}月份全市人民调解工作动态",
    "市司法局{m}月份公共法律服务工作简报",
    "市司法局举办{m}月份法治讲堂",
]

NORMATIVE = [
    # (title, written, trial)
    ("中卫市法律援助经济困难标准", D(2019, 3, 12), False),
    ("中卫市人民调解员以案定补管理办法", D(2019, 6, 20), False),
    ("中卫市行政执法公示办法", D(2019, 9, 5), False),
    ("中卫市行政执法全过程记录办法", D(2019, 9, 5), False),
    ("中卫市重大行政执法决定法制审核办法", D(2019, 9, 5), False),
    ("中卫市公证服务收费减免办法", D(2020, 4, 16), False),
    ("中卫市法治宣传教育基地管理办法", D(2020, 8, 3), False),
    ("中卫市社区矫正工作实施细则", D(2020, 11, 9), False),
    ("中卫市政府法律顾问管理办法", D(2021, 5, 18), False),
    ("中卫市行政规范性文件合法性审核办法", D(2021, 10, 11), False),
    ("中卫市村（居）法律顾问工作办法", D(2022, 3, 22), False),
    ("中卫市法律服务机构信用管理办法", D(2022, 7, 14), False),
]
# Amends the third document above (修正); both stay in force.
AMENDMENT = ("中卫市行政执法公示办法（修正）", D(2022, 11, 8), 2)
# Trial document whose period ended in 2023 and was repealed (试行期届满，予以废止).
TRIAL_REPEALED = ("中卫市基层法律服务工作者执业补贴办法（试行）", D(2021, 7, 1))
TRIAL_LAST_DAY = D(2023, 6, 30)
TRIAL_REPEALED_ON = D(2023, 7, 1)

# Documents registered in 2023 but not published proactively.
NOT_PROACTIVE = [
    (
        "关于市司法局内部科室职责分工的通知",
        "withheld",
        "属于内部事务信息（条例第十六条第一款）",
    ),
    (
        "关于2023年度干部考核结果的通报",
        "withheld",
        "属于人事管理内部事务信息（条例第十六条第一款）",
    ),
    (
        "关于某律师事务所投诉处理情况的函",
        "on_application",
        "仅涉及特定当事人，不宜主动公开，依申请公开",
    ),
    (
        "关于法律援助案件质量评估的情况报告",
        "on_application",
        "含当事人个人信息，仅依申请区分处理后提供（条例第三十七条）",
    ),
]

INTERPRETATIONS = [
    # (title, form, explains the building-waste regulation?)
    ("图解《中卫市城市建筑垃圾管理办法》", "graphic", True),
    ("一图读懂《中卫市城市建筑垃圾管理办法》", "graphic", True),
    ("《中卫市城市建筑垃圾管理办法》政策解读", "text", True),
    ("视频解读：《中卫市城市建筑垃圾管理办法》", "video", True),
    ("《中卫市城市建筑垃圾管理办法》新闻发布会实录", "video", True),
    ("《中卫市城市建筑垃圾管理办法》十问十答", "text", True),
    ("《中卫市餐厨垃圾管理办法（征求意见稿）》起草说明", "text", False),
    ("图解《中卫市餐厨垃圾管理办法（征求意见稿）》", "graphic", False),
    ("视频解读：餐厨垃圾管理立法为什么必要", "video", False),
    ("《中卫市餐厨垃圾管理办法》立法背景解读", "text", False),
]

BUILDING_WASTE_REGULATION = ("中卫市城市建筑垃圾管理办法", D(2023, 4, 20))

CONSULTATION_TITLE = "中卫市餐厨垃圾管理办法（征求意见稿）"
CONSULTATION_OPENS = D(2023, 8, 1)
CONSULTATION_CLOSES = D(2023, 8, 30)  # 30 days, both included
CONSULTATION_COMMENTS = [
    ("王先生", "建议明确餐厨垃圾产生单位的分类投放责任。", "approved", "adopted"),
    ("", "建议对收运车辆规定密闭和定位要求。", "approved", "adopted"),
    ("李女士", "建议对小型餐饮店设置过渡期。", "approved", "partly"),
    ("", "与本办法无关的广告内容。", "rejected", ""),
]
CONSULTATION_FEEDBACK = (
    "<p>征求意见期间共收到意见建议4条，其中与本办法相关的3条。"
    "关于明确分类投放责任、收运车辆密闭和定位要求的2条意见已采纳；"
    "关于小型餐饮店过渡期的意见部分采纳，在附则中规定了衔接安排。（演示数据）</p>"
)

YEARLY_FIGURES = {"licensing": 74, "penalties": 0, "enforcement": 0, "fees": 0}
WECHAT = ("法治中卫", "中卫市司法局", 233, 1376)
RECONSIDERATION_DECISIONS = 37
