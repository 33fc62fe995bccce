"""Impressum check: from a profile's details to findings that cite knowledge cards.

Rules follow only the fact base (cards impressum-*): § 18 MStV for every
municipal profile, § 18 Abs. 2 MStV only for journalistic-editorial offers,
at most two clicks and a clear label (Medienanstalt M-V, BGH, OLG Düsseldorf,
OLG Braunschweig). Whether § 5 DDG applies stays an open question.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kommsocial._data import _PYDANTIC_DE, load_model
from kommsocial._findings import Severity
from kommsocial.errors import InputError

# Labels the Medienanstalt M-V calls clear ("eindeutig").
CLEAR_LABELS = ("impressum", "kontakt", "anbieterkennzeichnung")
# Labels courts found insufficient (OLG Düsseldorf 2013, LG Aschaffenburg 2011).
VAGUE_LABELS = ("info",)
MAX_CLICKS = 2
_POSTCODE = re.compile(r"\b\d{5}\b")


class ImpressumProfil(BaseModel):
    """Details of one social-media profile as a trainer or participant enters them."""

    model_config = ConfigDict(extra="forbid")

    plattform: str = Field(min_length=1)
    behoerde: str | None = None
    anschrift: str | None = None
    vertretungsberechtigt: str | None = None
    journalistisch_redaktionell: bool = False
    verantwortlich: str | None = None
    verantwortlich_anschrift: str | None = None
    kontakt: str | None = None
    link_text: str | None = None
    klicks: int | None = Field(default=None, ge=0)
    nach_langem_scrollen: bool = False
    plattform_erlaubt_impressum: bool = True
    datenschutzhinweise: bool | None = None


@dataclass(frozen=True)
class ImpressumBefund:
    """One finding: rule id, severity, German message and the cards that explain it."""

    regel: str
    schwere: Severity
    meldung: str
    karten: tuple[str, ...]
    feld: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        d = asdict(self)
        d["karten"] = list(self.karten)
        return d


@dataclass
class ImpressumErgebnis:
    """All findings for a profile plus the traffic light."""

    profil: ImpressumProfil
    befunde: list[ImpressumBefund] = field(default_factory=list)

    @property
    def ampel(self) -> Literal["rot", "gelb", "gruen"]:
        """rot with a fehler, gelb with a warnung, otherwise gruen."""
        kinds = {b.schwere for b in self.befunde}
        return "rot" if "fehler" in kinds else "gelb" if "warnung" in kinds else "gruen"

    def regeln(self) -> set[str]:
        """Rule ids that produced a finding."""
        return {b.regel for b in self.befunde}

    def karten(self) -> list[str]:
        """All cited card ids, without duplicates, in order."""
        out: list[str] = []
        for b in self.befunde:
            out.extend(k for k in b.karten if k not in out)
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"profil": self.profil.model_dump(), "ampel": self.ampel,
                "befunde": [b.to_dict() for b in self.befunde]}


def _empty(value: str | None) -> bool:
    return value is None or not value.strip()


def _as_profile(profil: ImpressumProfil | dict[str, Any]) -> ImpressumProfil:
    if isinstance(profil, ImpressumProfil):
        return profil
    try:
        return ImpressumProfil.model_validate(profil)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = ".".join(str(p) for p in err["loc"]) or "(Profil)"
        reason = _PYDANTIC_DE.get(err["type"], err["msg"])
        raise InputError(f"Die Profilangabe ist ungültig: {reason}.", field=name,
                         hint="Prüfen Sie die Angaben des Profils.") from None


def load_profile(path: str | Path) -> ImpressumProfil:
    """Read a profile from a YAML file (German, line-numbered errors)."""
    return load_model(ImpressumProfil, path)


def check_impressum(profil: ImpressumProfil | dict[str, Any]) -> ImpressumErgebnis:
    """Check a profile's Impressum details and return findings citing cards.

    Raises:
        InputError: if a dict does not fit `ImpressumProfil`.
    """
    p = _as_profile(profil)
    out = ImpressumErgebnis(p)
    add = out.befunde.append

    if _empty(p.behoerde):
        add(ImpressumBefund("name-fehlt", "fehler",
                            "Der Name der Behörde fehlt. § 18 Abs. 1 MStV verlangt Name und Anschrift.",
                            ("impressum-mstv-18-1",), "behoerde"))
    if _empty(p.anschrift):
        add(ImpressumBefund("anschrift-fehlt", "fehler",
                            "Die Anschrift fehlt. § 18 Abs. 1 MStV verlangt Name und Anschrift.",
                            ("impressum-mstv-18-1",), "anschrift"))
    elif not _POSTCODE.search(p.anschrift or ""):
        add(ImpressumBefund("anschrift-unvollstaendig", "warnung",
                            "Die Anschrift wirkt unvollständig: Es ist keine Postleitzahl zu erkennen. "
                            "Nennen Sie Straße, Hausnummer, Postleitzahl und Ort.",
                            ("impressum-mstv-18-1",), "anschrift"))
    if _empty(p.vertretungsberechtigt):
        add(ImpressumBefund("vertretung-fehlt", "fehler",
                            "Die vertretungsberechtigte Person fehlt (zum Beispiel die Bürgermeisterin oder der "
                            "Bürgermeister). Bei juristischen Personen verlangt § 18 Abs. 1 MStV sie mit Name "
                            "und Anschrift.",
                            ("impressum-mstv-18-1",), "vertretungsberechtigt"))

    if p.journalistisch_redaktionell:
        if _empty(p.verantwortlich):
            add(ImpressumBefund("verantwortlich-fehlt", "fehler",
                                "Das Angebot ist journalistisch-redaktionell, aber es fehlt die verantwortliche "
                                "Person nach § 18 Abs. 2 MStV (Name und Anschrift).",
                                ("impressum-mstv-18-2",), "verantwortlich"))
        elif _empty(p.verantwortlich_anschrift):
            add(ImpressumBefund("verantwortlich-anschrift-fehlt", "warnung",
                                "Für die verantwortliche Person nach § 18 Abs. 2 MStV fehlt die Anschrift.",
                                ("impressum-mstv-18-2",), "verantwortlich_anschrift"))

    _check_reachability(p, add)

    if _empty(p.kontakt):
        add(ImpressumBefund("kontakt-offen", "hinweis",
                            "Es ist keine Kontaktmöglichkeit (E-Mail, Telefon) angegeben. Ob § 5 DDG mit "
                            "weiteren Pflichtangaben für kommunale Accounts gilt, ist offen; eine "
                            "Kontaktmöglichkeit zu nennen, schadet nicht. Klären Sie das mit Ihrer "
                            "Rechtsabteilung.",
                            ("impressum-ddg-kommunal",), "kontakt"))
    if p.datenschutzhinweise is False:
        add(ImpressumBefund("datenschutz-fehlt", "hinweis",
                            "Es gibt keine eigenen Datenschutzhinweise für diesen Auftritt. Die Aufsicht "
                            "Baden-Württemberg verlangt sie für jeden behördlichen Auftritt; prüfen Sie, was "
                            "Ihre Landesaufsicht sagt.",
                            ("impressum-eigenes-je-auftritt", "datenschutz-handreichungen"),
                            "datenschutzhinweise"))
    add(ImpressumBefund("ddg-offen", "hinweis",
                        "Offene Rechtsfrage: Ob § 5 DDG für kommunale Accounts gilt („geschäftsmäßig“), ist "
                        "nicht bestätigt. Diese Prüfung stützt sich auf § 18 MStV und die Vorgaben der "
                        "Medienanstalt M-V.",
                        ("impressum-ddg-kommunal",)))
    return out


def _check_reachability(p: ImpressumProfil, add) -> None:
    """Link label, clicks and scrolling (Medienanstalt M-V and the court decisions)."""
    label = (p.link_text or "").strip()
    low = label.lower()
    if not label:
        add(ImpressumBefund("link-fehlt", "fehler",
                            "Es gibt keinen Link oder Bereich, der zum Impressum führt. Auch Social-Media-Profile "
                            "brauchen ein Impressum.",
                            ("impressum-social-media", "impressum-zwei-klicks"), "link_text"))
    elif any(word in low for word in CLEAR_LABELS):
        pass
    elif low in VAGUE_LABELS or low.startswith("info"):
        add(ImpressumBefund("link-info", "fehler",
                            f"Der Link heißt „{label}“. Ein Impressum nur hinter „Info“ reicht laut OLG Düsseldorf "
                            "und LG Aschaffenburg nicht. Nennen Sie ihn „Impressum“.",
                            ("impressum-zwei-klicks", "impressum-social-media"), "link_text"))
    else:
        add(ImpressumBefund("link-unklar", "warnung",
                            f"Der Link heißt „{label}“ und ist nicht eindeutig. Die Medienanstalt M-V nennt "
                            "„Impressum“, „Kontakt“ oder „Anbieterkennzeichnung“"
                            + ("" if p.plattform_erlaubt_impressum else
                               "; erlaubt die Plattform kein Impressum, muss der Link „sprechend“ sein")
                            + ".",
                            ("impressum-social-media",), "link_text"))
    if p.klicks is not None and p.klicks > MAX_CLICKS:
        add(ImpressumBefund("zu-viele-klicks", "fehler",
                            f"Das Impressum ist {p.klicks} Klicks entfernt. Zulässig sind höchstens zwei (BGH, "
                            "OLG Düsseldorf, Medienanstalt M-V). Ein Link auf die Startseite mit mehr als zwei "
                            "Klicks ist laut OLG Braunschweig nicht „leicht erkennbar“. Verlinken Sie direkt "
                            "auf die Impressumsseite.",
                            ("impressum-zwei-klicks", "impressum-olg-braunschweig", "impressum-social-media"),
                            "klicks"))
    elif p.klicks is None and label:
        add(ImpressumBefund("klicks-unbekannt", "hinweis",
                            "Zählen Sie die Klicks vom Profil bis zum Impressum: Höchstens zwei sind zulässig.",
                            ("impressum-zwei-klicks",), "klicks"))
    if p.nach_langem_scrollen:
        add(ImpressumBefund("scrollen", "warnung",
                            "Das Impressum ist erst nach langem Scrollen zu finden. Die Medienanstalt M-V "
                            "verlangt, dass es ohne langes Scrollen erreichbar ist.",
                            ("impressum-social-media",), "nach_langem_scrollen"))
