"""Course content cites only sourced case numbers and norms (the legal knowledge cards).

Every Aktenzeichen-like pattern and every „§ N … GESETZ“ / „Art. N … GESETZ“ reference in the
notebooks of course/ and solutions/ (and the trainer Markdown) must appear in the legal knowledge
cards (`kommsocial.legal.data.load_cards`), which carry source and Stand for each statement. A date
written right before a case number must be the date the cards give for it. Every notebook that cites
a §, an article of a law or an Aktenzeichen says „Stand“ and „keine Rechtsberatung“. The cards are
the in-repo source: CI users may not have the research fact files, so the test never reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from kommsocial.legal.data import load_cards

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------------------------------------
# Case numbers (Aktenzeichen) and official reports
# ---------------------------------------------------------------------------------------------
AKTENZEICHEN = re.compile(
    r"\bC-\d+/\d{2}\b"                                    # EuGH: C-210/16
    r"|\bBVerfGE\s+\d+,\s*\d+\b"                          # official report: BVerfGE 44, 125
    r"|\b[IVX]+(?:-\d+)?\s+[A-Z][A-Za-z]{0,3}\s+\d+/\d{2}\b"  # BGH/OLG: I ZR 228/03, I-20 U 75/13
    r"|\b\d+(?:-\d+)?\s+[A-Z][A-Za-z]{0,3}\s+\d+/\d{2}(?:\.[A-Z]{2,3})?(?:,\s*\d+/\d{2}\b)*\b"
    #   2 U 16/25, 13 K 1419/23, 8 AZR 1010/13, 2 BvE 4/20, 5/20, 2-06 O 136/20, 4 K 762/17.MZ
    r"|\b(?:[A-Z]\s+)?\d+\s+[A-Z]\s+\d+\.\d+\b"           # BVerwG 10 C 6.16, VG München M 7 K 20.3380
)
DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")


def _normalize_az(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _az_variants(az: str) -> set[str]:
    """„2 BvE 4/20, 5/20“ also stands for „2 BvE 4/20“ and „2 BvE 5/20“."""
    az = _normalize_az(az)
    out = {az}
    m = re.match(r"^(.*?\s)(\d+/\d{2})((?:,\s*\d+/\d{2})+)$", az)
    if m:
        prefix = m.group(1)
        out |= {prefix + num for num in re.findall(r"\d+/\d{2}", m.group(2) + m.group(3))}
    return out


# ---------------------------------------------------------------------------------------------
# Norm references: „§ 18 Abs. 2 MStV“, „Art. 6 Abs. 1 lit. e, Abs. 3 DSGVO“, „KUG §§ 22, 23“
# ---------------------------------------------------------------------------------------------
_QUAL = r"(?:Abs\.|S\.|Satz|Nr\.|UAbs\.|lit\.)"
CITATION = re.compile(
    r"(?:(?P<multi>§§)\s*(?P<nums>\d+[a-z]?(?:(?:\s*,\s*|\s+und\s+)\d+[a-z]?)*)"  # §§ 22, 23
    r"|(?P<kind>§|Art\.)\s*(?P<num>\d+[a-z]?))"
    r"(?P<quals>(?:,?\s*" + _QUAL + r"\s*[0-9]+[a-z]?|,?\s*lit\.\s*[a-z])*)"
    r"(?:\s+ff\.)?"
)
# Long law names first; abbreviations like „UrhG“, „GemO BW“, „BITV 2.0“ are matched generically.
_LAW_NAMES = {
    "Verordnung (EU) 2024/1689": "Verordnung (EU) 2024/1689",
    "KI-Verordnung": "Verordnung (EU) 2024/1689",
    "Digital Services Act": "DSA",
}
_LAW = (
    r"(?P<law>" + "|".join(re.escape(n) for n in _LAW_NAMES)
    + r"|(?:L-)?[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:\s(?:BW|NRW|2\.0))?)"
)
LAW_AFTER = re.compile(r"^\s+(?:der\s+|des\s+)?" + _LAW + r"(?![\w-])")
LAW_BEFORE = re.compile(_LAW + r"(?:\s*\(KI-Verordnung\))?,?\s*$")
# Words that look like abbreviations but are not laws (they follow a § in running text).
NOT_A_LAW = {"DGS", "ZMI", "BKA", "URL", "KI"}

# Legitimate references that the cards do not spell out in this exact form. Each entry names the
# section of the research fact file (recht.md) it comes from; keep this list short.
ALLOWED_NORMS: dict[str, str] = {
    # recht.md, Abschnitt 3 (Bildrechte): „Art. 6 Abs. 1 UAbs. 2 DSGVO schließt lit. f für Behörden
    # bei der Aufgabenerfüllung aus“ – the courses name the excluded basis itself.
    "Art. 6 Abs. 1 lit. f DSGVO": "recht.md, Abschnitt 3",
    # recht.md, Abschnitt 8 (KI): „Art. 50 Abs. 4 UAbs. 1 … UAbs. 2: KI-Text zur Information der
    # Öffentlichkeit …“ – the card ki.yaml writes the second one as a bare „UAbs. 2“.
    "Art. 50 Abs. 4 UAbs. 2 der KI-Verordnung": "recht.md, Abschnitt 8",
}


@dataclass(frozen=True)
class Norm:
    """One cited norm: kind (§ or Art.), law (None if the text names none), number, qualifiers."""

    kind: str
    law: str | None
    num: str
    quals: tuple[str, ...]

    def __str__(self) -> str:
        parts = [self.kind, self.num, *self.quals]
        return " ".join(parts + ([self.law] if self.law else []))


def _quals(text: str) -> tuple[str, ...]:
    text = text.replace("Satz", "S.")
    pairs = re.findall(r"(Abs\.|S\.|Nr\.|UAbs\.|lit\.)\s*([0-9]+[a-z]?|[a-z])", text)
    return tuple(f"{k} {v}" for k, v in pairs)


def _law_name(raw: str | None) -> str | None:
    if raw is None or raw in NOT_A_LAW:
        return None
    return _LAW_NAMES.get(raw, raw)


def extract_norms(text: str) -> list[Norm]:
    """All norm references; the law comes after („§ 5 DDG“) or before („UrhG §§ 51, 59“)."""
    out: list[Norm] = []
    prev_end, prev_law = -1, None
    for m in CITATION.finditer(text):
        after = LAW_AFTER.match(text[m.end():])
        law = _law_name(after.group("law")) if after else None
        if law is None:
            before = LAW_BEFORE.search(text[max(0, m.start() - 40):m.start()])
            law = _law_name(before.group("law")) if before else None
        if law is None and prev_law and re.fullmatch(r"\s*(?:,|und|;)?\s*", text[prev_end:m.start()]):
            law = prev_law  # „DSGVO Art. 6 und Art. 85“
        kind = "Art." if m.group("kind") == "Art." else "§"
        for num in re.findall(r"\d+[a-z]?", m.group("nums") or m.group("num")):
            out.append(Norm(kind, law, num, _quals(m.group("quals"))))
        prev_end, prev_law = m.end(), law
    return out


# ---------------------------------------------------------------------------------------------
# What the cards hold
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Known:
    """Sourced references: case numbers with their dates, and norms."""

    az_dates: dict[str, set[str]]
    norms: frozenset[Norm]


def _card_texts(karte) -> list[str]:
    texts = [karte.titel, karte.kernaussage, karte.details, *karte.quellen, *karte.offene_fragen]
    if karte.hinweis_landesrecht:
        texts.append(karte.hinweis_landesrecht)
    for e in karte.entscheidungen:
        texts += [e.aktenzeichen or "", e.fundstelle or "", e.aussage or ""]
    return texts


@lru_cache(maxsize=1)
def known() -> Known:
    """Case numbers and norms from the legal knowledge cards (plus the commented allow-list)."""
    az_dates: dict[str, set[str]] = {}
    norms: set[Norm] = set()
    for karte in load_cards().values():
        for e in karte.entscheidungen:
            for ref in (e.aktenzeichen, e.fundstelle):
                if ref:
                    for variant in _az_variants(ref):
                        az_dates.setdefault(variant, set()).add(e.datum)
        for n in karte.normen:
            norms.update(extract_norms(n.norm))
        for text in _card_texts(karte):
            for m in AKTENZEICHEN.finditer(text):
                for variant in _az_variants(m.group(0)):
                    az_dates.setdefault(variant, set())
            norms.update(extract_norms(text))
    for ref in ALLOWED_NORMS:
        norms.update(extract_norms(ref))
    return Known(az_dates, frozenset(norms))


def norm_is_sourced(norm: Norm, sourced: frozenset[Norm]) -> bool:
    """A citation is sourced if a card cites the same norm at least as precisely.

    „§ 26 BDSG“ is covered by „§ 26 Abs. 2 S. 3 BDSG“; „§ 18 Abs. 3 MStV“ is not covered by
    „§ 18 Abs. 1 MStV“. Without a law name („§ 62“, „Art. 4 (KI-Kompetenz)“) any law may match.
    """
    for k in sourced:
        if k.kind != norm.kind or k.num != norm.num:
            continue
        if norm.law is not None and k.law != norm.law:
            continue
        if k.quals[: len(norm.quals)] == norm.quals:
            return True
    return False


def _segments(text: str) -> list[str]:
    """Paragraphs, list items and table rows, each as one line (citations often wrap)."""
    parts = re.split(r"\n(?=\s*\n|\s*\||\s*[-*] |\s*\d+\. |#|>)", text)
    return [" ".join(part.split()) for part in parts]


def find_problems(text: str, where: str, ref: Known | None = None) -> list[str]:
    """German messages for every unsourced case number, wrong date or unsourced norm in a text."""
    ref = ref or known()
    problems: list[str] = []
    for line in _segments(text):
        last_end = 0
        for m in AKTENZEICHEN.finditer(line):
            az = _normalize_az(m.group(0))
            if az not in ref.az_dates:
                problems.append(f"{where}: Aktenzeichen „{az}“ steht in keiner Wissenskarte.")
            else:
                # The date right before the case number (same line, no other case number between).
                dates = DATE.findall(line[last_end:m.start()])
                if dates and ref.az_dates[az] and dates[-1] not in ref.az_dates[az]:
                    problems.append(
                        f"{where}: „{az}“ steht mit dem Datum {dates[-1]}, die Wissenskarten nennen "
                        f"{', '.join(sorted(ref.az_dates[az]))}."
                    )
            last_end = m.end()
    for norm in extract_norms(text):
        if not norm_is_sourced(norm, ref.norms):
            problems.append(f"{where}: Norm „{norm}“ steht in keiner Wissenskarte.")
    return problems


# ---------------------------------------------------------------------------------------------
# The course files
# ---------------------------------------------------------------------------------------------
def _notebooks() -> list[Path]:
    paths = [*ROOT.glob("course/**/*.ipynb"), *ROOT.glob("solutions/**/*.ipynb")]
    return sorted(p for p in paths if ".ipynb_checkpoints" not in p.parts)


NOTEBOOKS = _notebooks()
TRAINER_MD = sorted((ROOT / "course" / "trainer").rglob("*.md"))


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


def _cells(path: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(path, as_version=4).cells]


def test_course_files_found() -> None:
    assert len(NOTEBOOKS) >= 40, "Die Kurs-Notebooks wurden nicht gefunden."
    assert any(p.name == "01_impressum.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_cites_only_sourced_references(path: Path) -> None:
    problems = [
        p for i, source in enumerate(_cells(path))
        for p in find_problems(source, f"{path.relative_to(ROOT)}, Zelle {i + 1}")
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", TRAINER_MD, ids=_ids(TRAINER_MD))
def test_trainer_guide_cites_only_sourced_references(path: Path) -> None:
    problems = find_problems(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not problems, "\n".join(problems)


def missing_disclaimer(text: str) -> list[str]:
    """What a text that explains law lacks of „Stand“ and „keine Rechtsberatung“ (empty if fine)."""
    if "§" not in text and not AKTENZEICHEN.search(text) and not extract_norms(text):
        return []  # explains no law (an „Art. 50“ of the KI-Verordnung counts as law, too)
    return [w for w in ("Stand", "keine Rechtsberatung") if w not in text]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_citing_law_has_stand_and_disclaimer(path: Path) -> None:
    missing = missing_disclaimer("\n".join(_cells(path)))
    assert not missing, (
        f"{path.relative_to(ROOT)} nennt Paragraphen, Artikel oder Aktenzeichen, aber es fehlt: "
        + ", ".join(f"„{w}“" for w in missing)
    )


# ---------------------------------------------------------------------------------------------
# The checker itself: it finds invented or altered references (so the tests above can fail)
# ---------------------------------------------------------------------------------------------
def test_cards_provide_the_references() -> None:
    ref = known()
    for az in ("I ZR 228/03", "C-210/16", "2 BvE 1/16", "13 K 1419/23", "BVerfGE 44, 125",
               "2 BvE 5/20", "10 C 6.16", "M 7 K 20.3380", "4 K 762/17.MZ", "2-06 O 136/20"):
        assert az in ref.az_dates, az
    assert ref.az_dates["I ZR 228/03"] == {"20.07.2006"}
    for cit in ("§ 5 DDG", "§ 18 Abs. 2 MStV", "Art. 50 Abs. 4 der KI-Verordnung",
                "§ 23 Abs. 1 Nr. 3 KUG", "Art. 6 Abs. 1 lit. e, Abs. 3 DSGVO", "§ 26 BDSG"):
        assert not find_problems(cit, "Probe", ref), cit


@pytest.mark.parametrize("text, expected", [
    ("BGH, 20.07.2006, I ZR 228/04", "I ZR 228/04"),
    ("EuGH, 05.06.2018, C-210/17", "C-210/17"),
    ("VG Köln, 13 K 1491/23", "13 K 1491/23"),
    ("BVerfGE 44, 126", "BVerfGE 44, 126"),
    ("| BGH | 21.07.2006 | I ZR 228/03 |", "21.07.2006"),
    ("- Verlauf: BAG, 19.02.2016,\n  8 AZR 1011/13", "19.02.2016"),
    ("nach § 18 Abs. 3 MStV", "§ 18 Abs. 3 MStV"),
    ("§ 6 DDG verlangt", "§ 6 DDG"),
    ("Art. 51 Abs. 4 der KI-Verordnung", "Art. 51 Abs. 4 Verordnung (EU) 2024/1689"),
    ("UrhG §§ 51, 60", "§ 60 UrhG"),
    ("DSGVO Art. 6 und Art. 9", "Art. 9 DSGVO"),
    ("§ 12 NDSG (Landesnorm)", "§ 12 NDSG"),
])
def test_checker_reports_invented_references(text: str, expected: str) -> None:
    problems = find_problems(text, "Probe")
    assert any(expected in p for p in problems), problems


def test_checker_accepts_sourced_citation_lines() -> None:
    lines = [
        "OVG Münster, 24.09.2024, 13 A 1535/21; VG Hamburg, 28.04.2021, 3 K 5339/19; VG Mainz, 13.04.2018,",
        "- BVerfGE 44, 125; BVerfG 2 BvE 1/16, 2 BvE 1/19, 2 BvE 4/20, 5/20",
        "- KUG §§ 22, 23; DSGVO Art. 6 und Art. 85 (Gesetzestexte)",
        "- L-BGG BW § 10, BayBGG Art. 14, BGG NRW §§ 10 ff., BITV NRW",
        "Art. 6 Abs. 1 lit. f DSGVO",
    ]
    assert find_problems("\n".join(lines), "Probe") == []


def test_disclaimer_rule() -> None:
    assert missing_disclaimer("Nach § 5 DDG braucht ein Profil ein Impressum.") == [
        "Stand", "keine Rechtsberatung"]
    assert missing_disclaimer("BGH, I ZR 228/03. Stand: 21.11.2026") == ["keine Rechtsberatung"]
    assert missing_disclaimer("Art. 50 Abs. 4 der KI-Verordnung. Stand 2026 – keine Rechtsberatung.") == []
    assert missing_disclaimer("Posten Sie höchstens fünf Hashtags.") == []


# ---------------------------------------------------------------------------------------------
# Sources a user can check: nothing shipped points to the internal fact files
# ---------------------------------------------------------------------------------------------
INTERNAL_SOURCE = re.compile(r"Faktenbasis|Faktensammlung|/work/shared|\.\./shared|shared/fakten", re.IGNORECASE)
SHIPPED = ("widgets/kommsocial", "course", "solutions", "exercises", "deploy", "docs")
SHIPPED_SUFFIXES = {".yaml", ".yml", ".ipynb", ".md", ".py", ".json", ".csv", ".txt", ".html", ".toml"}


def _shipped_files() -> list[Path]:
    files = [ROOT / "README.md"]
    for top in SHIPPED:
        files += [p for p in (ROOT / top).rglob("*") if p.suffix in SHIPPED_SUFFIXES and p.is_file()
                  and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts]
    return [p for p in files if p.exists()]


def test_no_shipped_file_cites_the_internal_fact_file_or_a_path_outside_the_repository():
    hits = []
    for path in _shipped_files():
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if INTERNAL_SOURCE.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert len(_shipped_files()) > 200  # the scan really covers the package, the course and the tasks
    assert not hits, "\n".join(hits)


def test_the_scan_catches_an_internal_source():
    assert INTERNAL_SOURCE.search("quelle: Faktenbasis Recht, Abschnitt 6")
    assert INTERNAL_SOURCE.search("siehe ../shared/fakten/recht.md")
    assert not INTERNAL_SOURCE.search("quelle: BGH, 23.10.2024, I ZR 67/23")


# ---------------------------------------------------------------------------------------------
# The facts corrected on 06.12.2026 are corrected everywhere a user reads them
# ---------------------------------------------------------------------------------------------
def _readable_texts() -> list[tuple[str, str]]:
    """(place, text) of every notebook cell of course, solutions and exercises and every trainer page."""
    texts = []
    for top in ("course", "solutions", "exercises"):
        for path in sorted((ROOT / top).rglob("*.ipynb")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            nb = nbformat.read(path, as_version=4)
            texts += [(f"{path.relative_to(ROOT)} Zelle {i}", cell.source) for i, cell in enumerate(nb.cells)]
    texts += [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in TRAINER_MD]
    return texts


def test_corrected_facts_hold_in_every_notebook_and_trainer_page() -> None:
    problems = []
    for where, text in _readable_texts():
        flat = re.sub(r"\s+", " ", text)
        sentences = re.split(r"(?<=[.!?])\s", flat)
        for n, sentence in enumerate(sentences):
            # the sentence and the next one: „§ 188 … Das Datum … ist unbestätigt.“
            pair = " ".join(sentences[n:n + 2])
            if "§ 188" in sentence and re.search(r"unbestätigt|01\.07\.2021", pair) \
                    and "vorgezogen" not in pair:
                problems.append(f"{where}: § 188 StGB gilt seit dem 03.04.2021 – „{sentence[:90]}“")
            if re.search(r"Drohne", sentence) and re.search(r"Panoramafreiheit|§ 59", sentence) \
                    and not re.search(r"nicht|kein", sentence):
                problems.append(f"{where}: Drohnenfotos sind nicht erfasst – „{sentence[:90]}“")
        if re.search(r"plausibl", flat) and not re.search(r"vor der DSGVO|älter als die DSGVO|kein Maßstab", flat):
            problems.append(f"{where}: „plausibler Grund“ ohne Hinweis, dass das BAG-Urteil älter als die DSGVO ist")
    assert not problems, "\n".join(problems)
