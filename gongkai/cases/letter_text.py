"""The text of a case's letters (文书), filled from the case.

One template per outcome family of the reply letter (告知书, Art. 36–39) and one
per notice: supplementation (补正告知书, Art. 30), extension (延期答复告知书,
Art. 33 §2) and fee (收费通知书, 国办函〔2020〕109号). The letter is a legal document
in Chinese, so its text is Chinese whatever the interface language.

The text is plain paragraphs, one per line, in a fixed order that the renderers
rely on (``letter_render``): the reference number, the addressee, the paragraphs,
the contact block, then the signing agency and the date as the last two lines.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import translation

from gongkai.publications.selectors.documents import disclosure_settings_for
from gongkai.workdays import Calendar, UnknownYearError
from gongkai.workdays.deadlines import (
    fee_payment_deadline,
    supplement_period_deadline,
)

from .choices import ApplicantType, LetterKind, Outcome
from .fees import METHOD_LABELS
from .models import Application
from .selectors.deadlines import (
    case_extension,
    case_fee_notice,
    case_reply_deadline,
    case_supplementation,
)
from .selectors.letters import case_letter_context, remedies_sentence

ACT = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "国办函〔2020〕109号《政府信息公开信息处理费管理办法》"

TITLES: dict[str, str] = {
    LetterKind.REPLY: "政府信息公开申请答复告知书",
    LetterKind.SUPPLEMENTATION: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "政府信息公开申请延期答复告知书",
    LetterKind.FEE_NOTICE: "政府信息公开信息处理费收费通知书",
}
REFERENCE_SUFFIX: dict[str, str] = {
    LetterKind.REPLY: "答",
    LetterKind.SUPPLEMENTATION: "补",
    LetterKind.EXTENSION: "延",
    LetterKind.FEE_NOTICE: "费",
}

_WITHHELD = "本机关决定不予公开。"
# Reply decisions per outcome (Art. 36–39). ``{subject}`` is the information asked
# for; every sentence names its article.
DECISIONS: dict[str, str] = {
    Outcome.GRANTED: (
        "{subject}属于可以公开的政府信息。根据" + ACT + "第三十六条第（二）项的规定，"
        "本机关予以公开，现将该信息提供给您（见附件）。"
    ),
    Outcome.PARTIALLY_GRANTED: (
        "{subject}中含有依法不应当公开的内容，但能够作区分处理。根据"
        + ACT
        + "第三十七条的规定，"
        "本机关向您提供可以公开的信息内容（见附件），对不予公开的内容说明理由如下。"
    ),
    Outcome.WITHHELD_STATE_SECRET: (
        "{subject}属于国家秘密。根据"
        + ACT
        + "第十四条、第三十六条第（三）项的规定，"
        + _WITHHELD
    ),
    Outcome.WITHHELD_LAW_PROHIBITED: (
        "{subject}属于法律、行政法规禁止公开的政府信息。根据"
        + ACT
        + "第十四条、第三十六条第（三）项的规定，"
        + _WITHHELD
    ),
    Outcome.WITHHELD_SECURITY_STABILITY: (
        "{subject}公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据"
        + ACT
        + "第十四条、第三十六条第（三）项的规定，"
        + _WITHHELD
    ),
    Outcome.WITHHELD_THIRD_PARTY: (
        "{subject}涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。根据"
        + ACT
        + "第十五条、第三十六条第（三）项的规定，"
        + _WITHHELD
    ),
    Outcome.WITHHELD_INTERNAL_AFFAIRS: (
        "{subject}属于行政机关的人事管理、后勤管理、内部工作流程等内部事务信息。根据"
        + ACT
        + "第十六条第一款、第三十六条第（三）项的规定，"
        + _WITHHELD
    ),
    Outcome.WITHHELD_PROCESS_INFO: (
        "{subject}属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、"
        "请示报告等过程性信息。根据"
        + ACT
        + "第十六条第二款、第三十六条第（三）项的规定，"
        + _WITHHELD
    ),
    Outcome.WITHHELD_ENFORCEMENT_FILE: (
        "{subject}属于行政执法案卷信息。根据"
        + ACT
        + "第十六条第二款、第三十六条第（三）项的规定，"
        + _WITHHELD
    ),
    Outcome.WITHHELD_INQUIRY_MATTER: (
        "{subject}属于行政查询事项，有关法律、行政法规对该信息的获取有特别规定。根据"
        + ACT
        + "第十六条、第三十六条第（七）项的规定，本机关不予公开，"
        "请您依照有关法律、行政法规的规定办理查询。"
    ),
    Outcome.UNAVAILABLE_NOT_HELD: (
        "经检索，本机关未制作、获取{subject}，该政府信息不存在。根据"
        + ACT
        + "第三十六条第（四）项的规定，特此告知。"
    ),
    Outcome.UNAVAILABLE_NEEDS_CREATION: (
        "{subject}需要本机关对现有政府信息进行加工、分析后方能形成。根据"
        + ACT
        + "第三十八条的规定，本机关不予提供。"
    ),
    Outcome.UNAVAILABLE_STILL_UNCLEAR: (
        "本机关已{notified}告知您补正申请，经补正后{subject}仍不明确，本机关无法确定您所需的"
        "政府信息。根据" + ACT + "第三十条的规定，本机关无法提供。"
    ),
    Outcome.DECLINED_PETITION: (
        "经审查，{subject}实为信访、投诉、举报等诉求。根据"
        + ACT
        + "第三十九条第一款的规定，本机关不作为政府信息公开申请处理，"
        "您可以通过信访、投诉、举报等相应渠道提出。"
    ),
    Outcome.DECLINED_DUPLICATE: (
        "本机关已就您提出的相同政府信息公开申请作出答复，{subject}属于重复申请。根据"
        + ACT
        + "第三十六条第（六）项的规定，本机关不予重复处理。"
    ),
    Outcome.DECLINED_PUBLICATION: (
        "{subject}属于政府公报、报刊、书籍等公开出版物。根据"
        + ACT
        + "第三十九条第二款的规定，请您通过公开发行渠道或者公共图书馆等途径获取。"
    ),
    Outcome.DECLINED_EXCESSIVE: (
        "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请理由"
        "不合理。根据" + ACT + "第三十五条的规定，本机关对{subject}不予处理。"
    ),
    Outcome.DECLINED_CONFIRMATION: (
        "{subject}系要求本机关确认或者重新出具已获取的信息，不属于"
        + ACT
        + "第二条所称的政府信息。根据该条例第三十六条的规定，本机关不作为政府信息公开申请处理。"
    ),
    Outcome.OTHER_NO_CORRECTION: (
        "本机关已{notified}告知您补正申请，您在补正期限内无正当理由未予补正。根据"
        + ACT
        + "第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    Outcome.OTHER_FEE_UNPAID: (
        "本机关已{issued}向您发出信息处理费收费通知，您未在规定期限内缴纳。根据"
        + ACT
        + "第四十二条和"
        + FEE_RULES
        + "的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    Outcome.OTHER_OTHER: (
        "根据" + ACT + "第三十六条的规定，本机关对{subject}答复如下：{summary}"
    ),
}
# Art. 36(5): the information is another agency's to disclose, and we know which.
REFERRAL = (
    "{subject}不属于本机关负责公开的政府信息。根据"
    + ACT
    + "第三十六条第（五）项的规定，经确认，负责公开该政府信息的行政机关为{refer_to}，"
    "请您向该机关提出申请。"
)
# Closed by abandonment: the whole application, not its items.
WHOLE_CASE_OUTCOMES = frozenset(
    {Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID, Outcome.DECLINED_EXCESSIVE}
)
CHINESE_NUMERALS = "一二三四五六七八九十"


def cn_date(value: datetime.date | None) -> str:
    """``2023年3月1日``; empty for no date."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def _you(case: Application) -> str:
    return "您" if case.applicant_type == ApplicantType.NATURAL_PERSON else "贵单位"


def _item_label(item: dict[str, Any]) -> str:
    description = item["description"].strip()
    number = item["document_number"].strip()
    if number and number not in description:
        description = f"{description}（{number}）" if description else number
    return "“" + description + "”"


def _request_paragraph(case: Application, ctx: dict[str, Any]) -> str:
    items = ctx["items"]
    if len(items) == 1:
        asked = "申请获取" + _item_label(items[0])
    else:
        asked = "申请获取以下政府信息：" + "；".join(
            f"{n}.{_item_label(item)}" for n, item in enumerate(items, start=1)
        )
    return (
        f"本机关于{cn_date(case.received_on)}收到{_you(case)}"
        f"（{ctx['channel']}）提出的政府信息公开申请，{asked}。"
    )


def _contact_paragraph(ctx: dict[str, Any]) -> str:
    agency = ctx["agency"]
    fields = (
        ("联系机构", agency["office_name"] or agency["name"]),
        ("地址", agency["address"]),
        ("邮政编码", agency["postcode"]),
        ("联系电话", agency["phone"]),
        ("传真", agency["fax"]),
        ("电子邮箱", agency["email"]),
    )
    return "；".join(f"{label}：{value}" for label, value in fields if value) + "。"


def _frame(
    case: Application, kind: str, ctx: dict[str, Any], paragraphs: list[str], on: Any
) -> str:
    lines = [
        f"编号：{case.tracking_number}-{REFERENCE_SUFFIX[kind]}",
        f"{ctx['applicant']['name']}：",
        _request_paragraph(case, ctx),
        *paragraphs,
        _contact_paragraph(ctx),
        ctx["agency"]["name"],
        cn_date(on),
    ]
    return "\n".join(line.strip() for line in lines if line.strip())


def _decision(outcome: str, subject: str, case: Application, **extra: str) -> str:
    supplementation = case_supplementation(case)
    fee = case_fee_notice(case)
    values = {
        "subject": subject,
        "notified": "于" + cn_date(supplementation.notified_on)
        if supplementation
        else "",
        "issued": "于" + cn_date(fee.issued_on) if fee else "",
        "summary": case.reply_summary.strip() or "（请填写答复内容）",
        "refer_to": "",
    }
    values.update(extra)
    return DECISIONS[outcome].format(**values)


def _item_decision(item: dict[str, Any], subject: str, case: Application) -> str:
    outcome = item["outcome"] or case.outcome
    if outcome == Outcome.UNAVAILABLE_NOT_HELD and item["refer_to"]:
        text = REFERRAL.format(subject=subject, refer_to=item["refer_to"])
    else:
        text = _decision(outcome, subject, case)
    if item["basis_note"] and item["basis_note"] not in text:
        text += f"（说明：{item['basis_note']}）"
    return text


def _reply_decisions(case: Application, ctx: dict[str, Any]) -> list[str]:
    items = ctx["items"]
    if case.outcome in WHOLE_CASE_OUTCOMES:
        return [_decision(case.outcome, "您的申请", case)]
    if len(items) == 1:
        return [
            "经审查，现答复如下：" + _item_decision(items[0], "您申请获取的信息", case)
        ]
    lines = ["经审查，现答复如下："]
    for n, item in enumerate(items, start=1):
        numeral = CHINESE_NUMERALS[n - 1] if n <= 10 else str(n)
        subject = f"第{n}项所申请的信息"
        lines.append(
            f"{numeral}、关于{_item_label(item)}：{_item_decision(item, subject, case)}"
        )
    return lines


def _procedure(case: Application) -> list[str]:
    """Supplementation and extension already notified, as the reply recalls them."""
    lines = []
    supplementation = case_supplementation(case)
    if supplementation and supplementation.supplemented_on:
        lines.append(
            f"本机关于{cn_date(supplementation.notified_on)}告知您补正申请，"
            f"并于{cn_date(supplementation.supplemented_on)}收到补正材料。"
        )
    extension = case_extension(case)
    if extension:
        lines.append(
            f"根据{ACT}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
            f"答复期限已延长{extension.days}个工作日。"
        )
    return lines


def reply_text(case: Application, today: datetime.date) -> str:
    """The reply letter (告知书): decision per item with its article (Art. 36–39),
    the handler's legal basis and summary, and the remedies sentence."""
    ctx = case_letter_context(case)
    paragraphs = [*_procedure(case), *_reply_decisions(case, ctx)]
    if case.legal_basis.strip():
        paragraphs.append(f"本答复的法律依据：{case.legal_basis.strip()}。")
    if case.reply_summary.strip() and case.outcome != Outcome.OTHER_OTHER:
        paragraphs.append(case.reply_summary.strip())
    with translation.override("zh-hans"):
        paragraphs.append(str(remedies_sentence(case.agency)))
    paragraphs.append("特此告知。")
    on = case.answered_on or case.reply_approved_on or today
    return _frame(case, LetterKind.REPLY, ctx, paragraphs, on)


def _deadline_or_blank(compute: Any) -> str:
    try:
        return cn_date(compute().due)
    except UnknownYearError:
        return "____年__月__日"


def supplementation_text(case: Application, calendar: Calendar) -> str:
    """Art. 29–30: what to supplement, the period, and the consequence."""
    ctx = case_letter_context(case)
    s = case_supplementation(case)
    assert s is not None  # noqa: S101 - checked by letter_unavailable
    you = _you(case)
    due = _deadline_or_blank(
        lambda: supplement_period_deadline(
            calendar, notified_on=s.notified_on, working_days=s.period_days
        )
    )
    paragraphs = [
        f"经审查，{you}的申请内容不够明确，本机关无法确定所需的政府信息。根据{ACT}"
        f"第二十九条第二款、第三十条的规定，请{you}对以下内容作出补正：",
        *[line for line in s.requested.splitlines() if line.strip()],
        f"请{you}于{due}前（{s.period_days}个工作日内）向本机关提交补正后的申请。"
        "答复期限自本机关收到补正的申请之日起计算。",
        f"{you}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        "特此告知。",
    ]
    return _frame(case, LetterKind.SUPPLEMENTATION, ctx, paragraphs, s.notified_on)


def _reason(text: str) -> str:
    """The extension's reason as a clause after 因 (no doubled 因/由于, no full stop)."""
    text = text.strip().rstrip("。；;.")
    for lead in ("由于", "因为", "因"):
        if text.startswith(lead):
            return text[len(lead) :]
    return text


def extension_text(case: Application, calendar: Calendar, today: datetime.date) -> str:
    """Art. 33 §2: one extension of at most 20 working days and the new due date."""
    ctx = case_letter_context(case)
    e = case_extension(case)
    assert e is not None  # noqa: S101 - checked by letter_unavailable
    due = _deadline_or_blank(lambda: case_reply_deadline(case, calendar, today))
    paragraphs = [
        f"因{_reason(e.reason)}，本机关不能在法定期限内作出答复。根据{ACT}"
        f"第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
        f"{e.days}个工作日，本机关将于{due}前作出答复。",
        "特此告知。",
    ]
    on = e.notified_on or e.approved_on
    return _frame(case, LetterKind.EXTENSION, ctx, paragraphs, on)


def _payment_lines(case: Application) -> list[str]:
    """How to pay: the agency's own instructions (``DisclosureSettings.
    fee_payment_instructions``: payee, bank account, channel) when it has set them,
    else a general sentence; either way the tracking number to quote."""
    own = disclosure_settings_for(agency=case.agency).fee_payment_instructions
    lines = [line.strip() for line in own.splitlines() if line.strip()]
    quote = f"缴款时请注明申请编号{case.tracking_number}。"
    if not lines:
        return [f"缴费方式：请通过本机关指定的非税收入缴款渠道缴纳，{quote}"]
    return [f"缴费方式：{lines[0]}", *lines[1:], quote]


def fee_text(case: Application, calendar: Calendar) -> str:
    """国办函〔2020〕109号: basis, method, amount, how to pay, 20 working days, and
    the consequence of not paying (Art. 42)."""
    ctx = case_letter_context(case)
    fee = case_fee_notice(case)
    assert fee is not None  # noqa: S101 - checked by letter_unavailable
    you = _you(case)
    due = _deadline_or_blank(
        lambda: fee_payment_deadline(calendar, notice_received_on=fee.received_on)
    )
    paragraphs = [
        f"经审查，{you}申请公开政府信息的数量、频次明显超过合理范围。根据{ACT}第四十二条"
        f"和{FEE_RULES}的规定，本机关决定收取信息处理费，具体如下：",
        # The explanation (fees.fee_quote) names the method and shows the sum.
        *(
            [line.strip() for line in fee.explanation.splitlines() if line.strip()]
            or [f"计收方式：{METHOD_LABELS.get(fee.method, fee.method)}。"]
        ),
        f"应缴金额：人民币{fee.amount:,.2f}元。",
        *_payment_lines(case),
        f"请{you}自收到本通知书之日的次日起20个工作日内（即{due}前）缴纳。"
        "缴费期间不计算在答复期限内，本机关收到信息处理费后继续处理该申请。",
        f"{you}逾期未缴纳信息处理费的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        "特此通知。",
    ]
    return _frame(case, LetterKind.FEE_NOTICE, ctx, paragraphs, fee.issued_on)


def letter_text(
    case: Application, kind: str, *, calendar: Calendar, today: datetime.date
) -> str:
    """The template text of ``kind`` filled from ``case`` (see ``letter_unavailable``
    first)."""
    if kind == LetterKind.SUPPLEMENTATION:
        return supplementation_text(case, calendar)
    if kind == LetterKind.EXTENSION:
        return extension_text(case, calendar, today)
    if kind == LetterKind.FEE_NOTICE:
        return fee_text(case, calendar)
    return reply_text(case, today)
