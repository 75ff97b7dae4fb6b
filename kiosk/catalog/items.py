"""Service items as the central describes them, checked before use.

The kiosk offers whatever the catalog says with no code per item, so the
catalog is untrusted input that decides what a citizen sees: it is parsed
whole into typed models, and a catalog that does not parse is refused whole.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from config import bundled


class CatalogError(Exception):
    """The catalog does not follow the contract; the old one stays in use."""


class I18nText(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    zh_CN: str
    zh_TW: str | None = None
    en: str | None = None

    def text(self, locale: str) -> str:
        """The text in `locale`, falling back to zh_CN, which the contract guarantees."""
        value = getattr(self, locale, None) or (self.model_extra or {}).get(locale)
        return value or self.zh_CN

    def all_texts(self) -> list[str]:
        extra = [v for v in (self.model_extra or {}).values() if isinstance(v, str)]
        return [t for t in (self.zh_CN, self.zh_TW, self.en, *extra) if t]


class ItemKind(StrEnum):
    QUERY_PRINT = "query_print"
    SUBMISSION = "submission"
    APPOINTMENT = "appointment"
    CASE_STATUS = "case_status"
    EVALUATION = "evaluation"


class FieldType(StrEnum):
    STRING = "string"
    TEXT = "text"
    INTEGER = "integer"
    DATE = "date"
    ENUM = "enum"
    RATING = "rating"
    CONSENT = "consent"


class FieldFormat(StrEnum):
    PHONE_CN = "phone_cn"
    ID_NUMBER = "id_number"
    USCC = "uscc"
    POSTAL_CODE = "postal_code"
    EMAIL = "email"


class Prefill(StrEnum):
    NAME = "name"
    ID_NUMBER = "id_number"
    ADDRESS = "address"
    BIRTH_DATE = "birth_date"
    SEX = "sex"


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Option(_Model):
    value: str
    label: I18nText


class FormField(_Model):
    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    type: FieldType
    format: FieldFormat | None = None
    label: I18nText
    help: I18nText | None = None
    required: bool = False
    min_length: int | None = None
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    options: tuple[Option, ...] = ()
    prefill: Prefill | None = None


class Hours(_Model):
    days: str
    from_: Annotated[str, Field(alias="from", pattern=r"^\d{2}:\d{2}$")]
    to: Annotated[str, Field(pattern=r"^\d{2}:\d{2}$")]


class Item(_Model):
    code: str
    version: int
    kind: ItemKind
    title: I18nText
    description: I18nText | None = None
    department: I18nText
    category: str
    identity: Literal["none", "id_card", "id_card_or_manual"]
    offline: Literal["spool", "unavailable"]
    hours: tuple[Hours, ...] | None = None
    promise_days: Annotated[int, Field(ge=0)] | None = None
    # where a query_print item's document prints: a4 is the signed PDF on the A4 printer
    paper: Literal["receipt", "a4"] = "receipt"
    fields: tuple[FormField, ...]


class Catalog(_Model):
    version: str
    items: tuple[Item, ...]

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def categories(self) -> list[str]:
        """Category keys in the order the catalog first uses them."""
        return list(dict.fromkeys(item.category for item in self.items))

    def find(self, text: str = "", category: str | None = None) -> list[Item]:
        """Items of `category` (all when None) whose title, in any language, contains `text`.

        A citizen may type 社保, 社會保險 or "insurance" on a zh_CN screen; each finds the
        same item, so the match ignores case and the visit's language.
        """
        needle = text.strip().casefold()
        return [item for item in self.items
                if (category is None or item.category == category)
                and (not needle or any(needle in title.casefold()
                                       for title in item.title.all_texts()))]


def parse_catalog(data: bytes | str | dict) -> Catalog:
    """A whole catalog or a CatalogError; never a partly applied one."""
    try:
        if isinstance(data, dict):
            return Catalog.model_validate(data)
        return Catalog.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CatalogError(f"catalog rejected: {where}: {first['msg']} "
                           f"({len(exc.errors())} problem(s))") from None


def load_bundled_catalog() -> Catalog:
    """The catalog shipped with the software, used until the central's has been fetched."""
    return parse_catalog(bundled("catalog.json").read_bytes())
