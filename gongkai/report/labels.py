"""Label text of the 2021 annual report format (国办公开办函〔2021〕30号).

Printed labels reproduce the official tables character for character (full-width
brackets); short labels name a row or column in findings. Parsers reuse these to
recognise rows; renderers use them to print the tables.
"""

from __future__ import annotations

REPORT_TITLE_SUFFIX = "政府信息公开工作年度报告"

SECTION_HEADINGS: dict[str, str] = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}

# ---------------------------------------------------------------- table 2
T2_ITEMS: dict[str, str] = {
    "regulations": "第二十条第（一）项",
    "normative_documents": "第二十条第（一）项",
    "licensing": "第二十条第（五）项",
    "penalties": "第二十条第（六）项",
    "enforcement": "第二十条第（六）项",
    "fees": "第二十条第（八）项",
}
T2_LABELS: dict[str, str] = {
    "regulations": "规章",
    "normative_documents": "行政规范性文件",
    "licensing": "行政许可",
    "penalties": "行政处罚",
    "enforcement": "行政强制",
    "fees": "行政事业性收费",
}
T2_CELL_LABELS: dict[str, str] = {
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount_wan_yuan": "本年收费金额（单位：万元）",
}
T2_CONTENT_HEADER = "信息内容"

# ---------------------------------------------------------------- table 3
T3_COLUMN_LABELS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_services": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}
T3_HEADER_APPLICANTS = "申请人情况"
T3_HEADER_ORGANISATIONS = "法人或其他组织"
T3_CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_OUTCOME_HEADING = "三、本年度办理结果"

# Printed label of each row, as in the format (the group label is printed separately).
T3_ROW_LABELS: dict[str, str] = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withheld_state_secret": "1.属于国家秘密",
    "withheld_law_prohibited": "2.其他法律行政法规禁止公开",
    "withheld_security_stability": "3.危及“三安全一稳定”",
    "withheld_third_party": "4.保护第三方合法权益",
    "withheld_internal_affairs": "5.属于三类内部事务信息",
    "withheld_process_info": "6.属于四类过程性信息",
    "withheld_enforcement_file": "7.属于行政执法案卷",
    "withheld_inquiry_matter": "8.属于行政查询事项",
    "unavailable_not_held": "1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_still_unclear": "3.补正后申请内容仍不明确",
    "declined_petition": "1.信访举报投诉类申请",
    "declined_duplicate": "2.重复申请",
    "declined_publication": "3.要求提供公开出版物",
    "declined_excessive": "4.无正当理由大量反复申请",
    "declined_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他",
    "processed_total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}

# Groups of outcome rows printed under one rowspanned label: (group label, row keys).
T3_OUTCOME_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("（三）不予公开", tuple(k for k in T3_ROW_LABELS if k.startswith("withheld_"))),
    ("（四）无法提供", tuple(k for k in T3_ROW_LABELS if k.startswith("unavailable_"))),
    ("（五）不予处理", tuple(k for k in T3_ROW_LABELS if k.startswith("declined_"))),
    ("（六）其他处理", ("other_no_correction", "other_fee_unpaid", "other_other")),
)

# Short names used in findings ("表三「不予公开·属于国家秘密」行").
T3_ROW_SHORT: dict[str, str] = {
    "new_received": "本年新收",
    "carried_over": "上年结转",
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "withheld_state_secret": "不予公开·属于国家秘密",
    "withheld_law_prohibited": "不予公开·其他法律行政法规禁止公开",
    "withheld_security_stability": "不予公开·危及“三安全一稳定”",
    "withheld_third_party": "不予公开·保护第三方合法权益",
    "withheld_internal_affairs": "不予公开·属于三类内部事务信息",
    "withheld_process_info": "不予公开·属于四类过程性信息",
    "withheld_enforcement_file": "不予公开·属于行政执法案卷",
    "withheld_inquiry_matter": "不予公开·属于行政查询事项",
    "unavailable_not_held": "无法提供·本机关不掌握相关政府信息",
    "unavailable_needs_creation": "无法提供·没有现成信息需要另行制作",
    "unavailable_still_unclear": "无法提供·补正后申请内容仍不明确",
    "declined_petition": "不予处理·信访举报投诉类申请",
    "declined_duplicate": "不予处理·重复申请",
    "declined_publication": "不予处理·要求提供公开出版物",
    "declined_excessive": "不予处理·无正当理由大量反复申请",
    "declined_confirmation": "不予处理·要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "其他处理·逾期不补正",
    "other_fee_unpaid": "其他处理·逾期未缴纳费用",
    "other_other": "其他处理·其他",
    "processed_total": "办理结果总计",
    "carried_forward": "结转下年度",
}

# ---------------------------------------------------------------- table 4
T4_GROUP_LABELS: dict[str, str] = {
    "reconsideration": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_reconsideration": "行政诉讼·复议后起诉",
}
T4_HEADER_RECONSIDERATION = "行政复议"
T4_HEADER_LITIGATION = "行政诉讼"
T4_HEADER_DIRECT = "未经复议直接起诉"
T4_HEADER_AFTER = "复议后起诉"
T4_CELL_LABELS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

TABLE_NAMES: dict[str, str] = {"table2": "表二", "table3": "表三", "table4": "表四"}

# Row and column labels of the 2019 trial format that have no place in the 2021
# format; a parser that meets one records it in ``Report.legacy_labels`` (FMT.LEGACY).
LEGACY_LABELS: tuple[str, ...] = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "其他对外管理服务事项",
    "政府集中采购",
    "第二十条第（九）项",
    "第二十条第（十三）项",
    "本年增/减",
    "处理决定数量",
    "采购总金额",
)
