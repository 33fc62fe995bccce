"""Hausstil: a municipality's own thresholds, rule switches and word lists (YAML, validated).

Schema (all keys optional; see hausstil_beispiel.yaml):

    name: Musterstadt                 # appears in every finding as "(Hausstil Musterstadt)"
    satzlaenge: {warnung: 20, fehler: 26}        # words per sentence: warn above / error above
    lesbarkeit: {flesch_min: 45, wiener_max: 12} # readability bounds (rule "lesbarkeit")
    nominalstil: {max_je_satz: 3}                # nouns on -ung/-heit/-keit/-ion per sentence
    hashtags: {max: 3}                           # own hashtag limit (the platform limit still applies)
    regeln:                                      # switch rules off or change their severity
      passiv: {aktiv: false}
      abkuerzung: {schwere: hinweis}
    amtsdeutsch:
      zusaetzlich: [{wort: Bürgerservicecenter, alternative: Bürgerbüro}]
      erlaubt: [gemäß]                           # entries you do not want flagged
    abkuerzungen:
      zusaetzlich: [{kurz: "St.", lang: "Sankt"}]
      erlaubt: ["ca.", DRK]
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kommsocial._data import load_model, validation_error
from kommsocial._findings import Severity
from kommsocial.text import rule_ids
from kommsocial.text.lexicon import AbbreviationEntry, AmtsdeutschEntry

# Ids of the rules a Hausstil can switch; re-exported from their one definition.
RULE_IDS = rule_ids.RULE_IDS


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SentenceLength(_Strict):
    """Words per sentence: warning above `warnung`, error above `fehler`."""

    warnung: int = Field(default=20, ge=3)
    fehler: int = Field(default=26, ge=3)

    @model_validator(mode="after")
    def _order(self) -> SentenceLength:
        if self.fehler < self.warnung:
            raise ValueError("„fehler“ muss größer oder gleich „warnung“ sein.")
        return self


class ReadabilityBounds(_Strict):
    """Readability bounds; None switches a bound off."""

    flesch_min: float | None = Field(default=45, ge=0, le=100)
    wiener_max: float | None = Field(default=None, ge=1, le=20)


class NominalStyle(_Strict):
    """Maximum of -ung/-heit/-keit/-ion nouns in one sentence before a warning."""

    max_je_satz: int = Field(default=3, ge=1)


class HashtagLimit(_Strict):
    """House limit for hashtags per post (None: only the platform limit)."""

    max: int | None = Field(default=None, ge=0)


class RuleSetting(_Strict):
    """Switch a rule on/off or change its severity."""

    aktiv: bool = True
    schwere: Severity | None = None


class AmtsdeutschSettings(_Strict):
    """Own Amtsdeutsch entries and allowed words."""

    zusaetzlich: list[AmtsdeutschEntry] = Field(default_factory=list)
    erlaubt: list[str] = Field(default_factory=list)


class AbbreviationSettings(_Strict):
    """Own abbreviations and allowed ones."""

    zusaetzlich: list[AbbreviationEntry] = Field(default_factory=list)
    erlaubt: list[str] = Field(default_factory=list)


class Hausstil(_Strict):
    """A municipality's style settings; the defaults are the built-in standard."""

    name: str | None = None
    satzlaenge: SentenceLength = Field(default_factory=SentenceLength)
    lesbarkeit: ReadabilityBounds = Field(default_factory=ReadabilityBounds)
    nominalstil: NominalStyle = Field(default_factory=NominalStyle)
    hashtags: HashtagLimit = Field(default_factory=HashtagLimit)
    regeln: dict[str, RuleSetting] = Field(default_factory=dict)
    amtsdeutsch: AmtsdeutschSettings = Field(default_factory=AmtsdeutschSettings)
    abkuerzungen: AbbreviationSettings = Field(default_factory=AbbreviationSettings)

    @field_validator("regeln")
    @classmethod
    def _known_rules(cls, value: dict[str, RuleSetting]) -> dict[str, RuleSetting]:
        unknown = sorted(set(value) - set(RULE_IDS))
        if unknown:
            raise ValueError(
                f"Unbekannte Regel „{unknown[0]}“. Gültig sind: " + ", ".join(RULE_IDS) + "."
            )
        return value

    def enabled(self, rule: str) -> bool:
        """True unless the Hausstil switched the rule off."""
        setting = self.regeln.get(rule)
        return setting is None or setting.aktiv

    def severity(self, rule: str, default: Severity) -> Severity:
        """The Hausstil severity of a rule, or the rule's default."""
        setting = self.regeln.get(rule)
        return setting.schwere if setting and setting.schwere else default

    def source(self, *path: str) -> str:
        """Label for a threshold: "(Hausstil NAME)" if set by the file, else "(Standard)"."""
        if self.name is not None and self._set_by_file(path):
            return f"(Hausstil {self.name})"
        if self._set_by_file(path):
            return "(Hausstil)"
        return "(Standard)"

    def _set_by_file(self, path: tuple[str, ...]) -> bool:
        obj: BaseModel = self
        for key in path:
            if key not in obj.model_fields_set:
                return False
            obj = getattr(obj, key)
            if not isinstance(obj, BaseModel):
                return True
        return True


DEFAULT = Hausstil()


def load(source: str | Path | Hausstil | dict | None) -> Hausstil:
    """Hausstil from a path, a dict or an object; None gives the built-in standard.

    Raises:
        InputError: naming file, line and field when the file is broken.
    """
    if source is None:
        return DEFAULT
    if isinstance(source, Hausstil):
        return source
    if isinstance(source, dict):
        try:
            return Hausstil.model_validate(source)
        except ValidationError as exc:
            raise validation_error("(Hausstil)", None, exc) from None
    return load_model(Hausstil, Path(source))

