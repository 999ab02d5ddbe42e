"""Controlled vocabularies of proactive disclosure (主动公开)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Art20Category(models.TextChoices):
    """The fifteen categories every agency publishes proactively (Art. 20)."""

    RULES = (
        "01_rules",
        _("(1) Administrative regulations, rules and normative documents"),
    )
    ORGANISATION = (
        "02_organisation",
        _("(2) Functions, structure, address, office hours, contacts and leaders"),
    )
    PLANS = "03_plans", _("(3) Plans and related policies")
    STATISTICS = "04_statistics", _("(4) Statistical information")
    LICENSING = (
        "05_licensing",
        _("(5) Administrative licensing and other external management and services"),
    )
    PENALTIES = (
        "06_penalties",
        _("(6) Administrative penalties and enforcement with social impact"),
    )
    BUDGETS = "07_budgets", _("(7) Budgets and final accounts")
    FEES = "08_fees", _("(8) Administrative fees, their basis and rates")
    PROCUREMENT = "09_procurement", _("(9) Centralised government procurement")
    PROJECTS = "10_projects", _("(10) Major construction projects")
    WELFARE = (
        "11_welfare",
        _("(11) Poverty relief, education, health care, social security, employment"),
    )
    EMERGENCIES = "12_emergencies", _("(12) Public emergencies")
    SUPERVISION = (
        "13_supervision",
        _(
            "(13) Inspections of environment, public health, work safety, food, drugs, products"
        ),
    )
    CIVIL_SERVICE = "14_civil_service", _("(14) Civil service recruitment")
    OTHER = "15_other", _("(15) Other information to be published by law")


class Art21Category(models.TextChoices):
    """Additional categories for cities with districts, counties and townships (Art. 21)."""

    MUNICIPAL_CONSTRUCTION = "municipal_construction", _("Municipal construction")
    PUBLIC_SERVICES = "public_services", _("Public services")
    PUBLIC_WELFARE = "public_welfare", _("Public welfare undertakings")
    LAND_EXPROPRIATION = "land_expropriation", _("Land expropriation")
    HOUSING_EXPROPRIATION = "housing_expropriation", _("Housing expropriation")
    PUBLIC_SECURITY = "public_security", _("Public security administration")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    # Townships only.
    RURAL_POLICY = "rural_policy", _("Agricultural and rural policies (township)")
    IRRIGATION = "irrigation", _("Farmland irrigation works (township)")
    LAND_CONTRACT = (
        "land_contract",
        _("Transfer of rural land contract management rights (township)"),
    )
    HOMESTEAD = "homestead", _("Review of homestead use (township)")
    FUNDRAISING = "fundraising", _("Raising funds and labour (township)")


TOWNSHIP_ONLY_ART21 = frozenset(
    {
        Art21Category.RURAL_POLICY,
        Art21Category.IRRIGATION,
        Art21Category.LAND_CONTRACT,
        Art21Category.HOMESTEAD,
        Art21Category.FUNDRAISING,
    }
)


class Topic(models.TextChoices):
    """Topic classification (主题分类) as used by government portals' catalogues."""

    GENERAL = "general", _("General government affairs")
    ECONOMY = "economy", _("Economic management and state assets")
    FINANCE = "finance", _("Finance, banking and audit")
    LAND = "land", _("Land resources and energy")
    AGRICULTURE = "agriculture", _("Agriculture, forestry and water")
    INDUSTRY = "industry", _("Industry and transport")
    COMMERCE = "commerce", _("Commerce, customs and tourism")
    MARKET = "market", _("Market regulation and work safety")
    CONSTRUCTION = "construction", _("Urban and rural construction, environment")
    SCIENCE = "science", _("Science, technology and education")
    CULTURE = "culture", _("Culture, broadcasting and press")
    HEALTH = "health", _("Health and sport")
    POPULATION = "population", _("Population, women and children")
    LABOUR = "labour", _("Labour, personnel and supervision")
    JUSTICE = "justice", _("Public security, state security and justice")
    CIVIL_AFFAIRS = (
        "civil_affairs",
        _("Civil affairs, poverty relief and disaster relief"),
    )
    ETHNIC = "ethnic", _("Ethnic and religious affairs")
    FOREIGN = "foreign", _("Foreign affairs")
    OTHER = "other", _("Other")


class DisclosureAttribute(models.TextChoices):
    """The disclosure attribute of an official document (国办发〔2016〕80号)."""

    PROACTIVE = "proactive", _("Proactive disclosure")
    ON_APPLICATION = "on_application", _("Disclosure on application")
    WITHHELD = "withheld", _("Not to be disclosed")
    REDACTED = "redacted", _("Disclosure after redaction")


# Attributes under which a document is published of the agency's own accord.
PUBLISHABLE_ATTRIBUTES = frozenset(
    {DisclosureAttribute.PROACTIVE, DisclosureAttribute.REDACTED}
)


class DocumentType(models.TextChoices):
    REGULATION = "regulation", _("Regulation (规章)")
    NORMATIVE = "normative", _("Administrative normative document (行政规范性文件)")
    OTHER = "other", _("Other official document")


class TrialKind(models.TextChoices):
    """Whether a normative document is issued on a trial or interim basis."""

    NONE = "", _("Not trial")
    TRIAL = "trial", _("Trial (试行)")
    INTERIM = "interim", _("Interim (暂行)")


class ItemKind(models.TextChoices):
    """What a catalogue entry is; the annual report counts each kind separately."""

    DOCUMENT = "document", _("Document (文件)")
    INFORMATION = "information", _("Information (信息)")
    RECONSIDERATION_DECISION = (
        "reconsideration_decision",
        _("Administrative reconsideration decision"),
    )
    INTERPRETATION = "interpretation", _("Policy interpretation")
    CONSULTATION = "consultation", _("Public consultation")


class Validity(models.TextChoices):
    """有效性 shown on a catalogue item not tied to a normative document."""

    NOT_APPLICABLE = "", _("Not applicable")
    VALID = "valid", _("In force")
    PENDING = "pending", _("Not yet in force")
    LAPSED = "lapsed", _("Lapsed")
    REPEALED = "repealed", _("Repealed")


class InterpretationForm(models.TextChoices):
    TEXT = "text", _("Text")
    GRAPHIC = "graphic", _("Graphic")
    VIDEO = "video", _("Video")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class CommentAdoption(models.TextChoices):
    UNDECIDED = "", _("Not yet decided")
    ADOPTED = "adopted", _("Adopted")
    PARTLY = "partly", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class FigureItem(models.TextChoices):
    """Yearly figures held outside this system (table 2, Art. 20 (5), (6), (8))."""

    LICENSING = "licensing", _("Administrative licensing decisions")
    PENALTIES = "penalties", _("Administrative penalty decisions")
    ENFORCEMENT = "enforcement", _("Administrative enforcement decisions")
    FEES = "fees", _("Administrative fees (10,000 yuan)")


class Platform(models.TextChoices):
    WECHAT = "wechat", _("WeChat official account")
    WEIBO = "weibo", _("Weibo")
    DOUYIN = "douyin", _("Douyin")
    TOUTIAO = "toutiao", _("Toutiao")
    APP = "app", _("Mobile app")
    OTHER = "other", _("Other")
