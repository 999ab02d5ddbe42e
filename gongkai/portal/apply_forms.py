"""The online application form (Art. 29): who applies, proof of identity, contact,
one or more items, and the requested form and delivery channel.

Forms only check what was typed; the rules of registration live in
``gongkai.cases.services.case_register``.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import credit_code_validator
from gongkai.cases.choices import ApplicantType, Delivery, IdType, RequestedForm
from gongkai.cases.services import ApplicantInput, ItemInput

from .uploads import ACCEPT, check_id_document

MAX_ITEMS = 10
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
RESIDENT_ID_RE = re.compile(r"^\d{17}[\dX]$")

BAD_CREDIT_CODE = _(
    "This is not a valid unified social credit code: it has 18 characters, digits and capital letters. Please check it."
)
CONTACT_MISSING = _("Give at least one way to reach you: telephone, e-mail or address.")


def resident_id_valid(number: str) -> bool:
    """An 18-character resident identity number with a correct check character
    (GB 11643-1999)."""
    if not RESIDENT_ID_RE.match(number):
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(number, ID_WEIGHTS, strict=False)
    )
    return ID_CHECK_CHARS[total % 11] == number[-1]


class ApplicantForm(forms.Form):
    """Who applies and how the answer should reach them (Art. 29(1) and (3))."""

    applicant_type = forms.ChoiceField(
        label=_("Who is applying"),
        error_messages={"required": _("Choose who is applying.")},
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        initial=ApplicantType.NATURAL_PERSON,
    )
    name = forms.CharField(
        label=_("Name of the applicant"),
        error_messages={"required": _("Enter the applicant's name.")},
        max_length=200,
        help_text=_("A person's full name, or an organisation's registered name."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=100,
        required=False,
        help_text=_("Organisations only: the person who handles the application."),
    )
    id_type = forms.ChoiceField(
        label=_("Type of identity document"),
        choices=IdType.choices,
        initial=IdType.RESIDENT_ID,
        help_text=_("Organisations give their unified social credit code."),
    )
    id_number = forms.CharField(
        label=_("Number of the identity document"),
        error_messages={"required": _("Enter the number of the identity document.")},
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    id_document = forms.FileField(
        label=_("Copy of the identity document"),
        required=False,
        help_text=_(
            "A photo or scan of the identity document or business licence: JPEG, PNG or PDF, at most 10 MB."
        ),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
        ),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Postal address"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": _("A postcode has 6 digits.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
        ),
    )
    requested_form = forms.ChoiceField(
        label=_("In what form do you want the information"),
        error_messages={"required": _("Choose the form of the information.")},
        choices=RequestedForm.choices,
        widget=forms.RadioSelect,
        initial=RequestedForm.ELECTRONIC,
    )
    delivery = forms.ChoiceField(
        label=_("How do you want to receive it"),
        error_messages={"required": _("Choose how to receive the information.")},
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        initial=Delivery.EMAIL,
    )
    submission_token = forms.CharField(widget=forms.HiddenInput)
    pending_document = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, has_pending_document: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.has_pending_document = has_pending_document
        self.id_document_extension = ""

    def clean_name(self) -> str:
        return str(self.cleaned_data["name"]).strip()

    def clean_id_number(self) -> str:
        return re.sub(r"\s+", "", str(self.cleaned_data["id_number"])).upper()

    def clean_id_document(self) -> Any:
        file = self.cleaned_data.get("id_document")
        if file:
            self.id_document_extension = check_id_document(file)
        return file

    def _check_identity(self, data: dict[str, Any]) -> None:
        number, id_type = data.get("id_number"), data.get("id_type")
        if not number:
            return
        if id_type == IdType.RESIDENT_ID and not resident_id_valid(number):
            self.add_error(
                "id_number",
                _(
                    "This is not a valid resident identity number: it has 18 characters and the last one is a check digit. Please check it."
                ),
            )
        if id_type == IdType.CREDIT_CODE:
            try:
                credit_code_validator(number)
            except ValidationError:
                self.add_error("id_number", BAD_CREDIT_CODE)
        if data.get(
            "applicant_type", ApplicantType.NATURAL_PERSON
        ) != ApplicantType.NATURAL_PERSON and not data.get("contact_person"):
            self.add_error(
                "contact_person",
                _("Organisations name the person who handles the application."),
            )

    def _check_contact(self, data: dict[str, Any]) -> None:
        if not (data.get("phone") or data.get("email") or data.get("address")):
            if "phone" not in self.errors:
                self.add_error("phone", CONTACT_MISSING)
            return
        delivery = data.get("delivery")
        if (
            delivery == Delivery.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error(
                "email",
                _("You chose to receive the answer by e-mail: give your e-mail."),
            )
        if (
            delivery == Delivery.POST
            and not data.get("address")
            and "address" not in self.errors
        ):
            self.add_error(
                "address",
                _("You chose to receive the answer by post: give your address."),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        data: dict[str, Any] = cleaned if cleaned is not None else self.cleaned_data
        self._check_identity(data)
        self._check_contact(data)
        if (
            not data.get("id_document")
            and not self.has_pending_document
            and "id_document" not in self.errors
        ):
            self.add_error(
                "id_document",
                _(
                    "Upload a photo or scan of the identity document (Art. 29: proof of identity)."
                ),
            )
        return data

    def applicant_input(self) -> ApplicantInput:
        data = self.cleaned_data
        return ApplicantInput(
            applicant_type=data["applicant_type"],
            name=data["name"],
            id_type=data["id_type"],
            id_number=data["id_number"],
            requested_form=data["requested_form"],
            delivery=data["delivery"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            postcode=data["postcode"],
            contact_person=data["contact_person"],
        )


class ItemForm(forms.Form):
    """One piece of information asked for (Art. 29(2))."""

    description = forms.CharField(
        label=_("Description of the information"),
        required=False,
        max_length=2000,
        help_text=_(
            "Its title, or what it is about, who made it and roughly when, so that it can be found."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    document_number = forms.CharField(
        label=_("Document number (if known)"),
        required=False,
        max_length=100,
    )

    def __init__(self, *args: Any, number: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.number = number  # shown as "第N项" in the error summary

    def item_input(self) -> ItemInput | None:
        data = getattr(self, "cleaned_data", {})
        description = str(data.get("description", "")).strip()
        number = str(data.get("document_number", "")).strip()
        if not (description or number):
            return None
        return ItemInput(description=description, document_number=number)


class BaseItemFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "number": (index or 0) + 1}

    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not self.item_inputs():
            self.forms[0].add_error(
                "description",
                _(
                    "Describe at least one piece of information you are asking for, or give its document number."
                ),
            )

    def item_inputs(self) -> list[ItemInput]:
        return [item for form in self.forms if (item := form.item_input()) is not None]


ItemFormSet = forms.formset_factory(
    ItemForm,
    formset=BaseItemFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_ITEMS,
    validate_max=True,
    absolute_max=MAX_ITEMS,
)
