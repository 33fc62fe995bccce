"""Seminar formats a trainer can run: load and check course/trainer/formate.yaml, render formate.md.

Engine only (no widgets). The YAML file holds four formats (1 day, 2 days, 4 × 90 minutes online,
self-learning path); each unit (day, session, stage) is a list of blocks with clock times, method,
notebooks, apps, graded tasks and a fallback for failing technology. Field names are German because
trainers edit the file; see course/trainer/formate.yaml for a commented example.

Checks beyond the schema, each a German `InputError` with file, line and field:

- blocks of a unit are contiguous and do not overlap; the unit spans `dauer_je_einheit` minutes and
  its non-break blocks add up to `lehrzeit_je_einheit`;
- every referenced notebook, app and graded task exists; a notebook part names existing headings;
- a block is at least as long as the stated durations of its notebooks and tasks. A notebook's
  duration is read from its first cells („Dauer: ca. N Minuten“), never copied into the YAML;
  a graded task's duration is read the same way, or taken from `aufgaben` in the YAML when the
  solution notebook states none.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from kommsocial._data import line_of, load_model, read_yaml
from kommsocial.errors import InputError

ARTEN = ("Input", "Übung", "Gruppenarbeit", "Planspiel", "Diskussion", "Pause", "Aufgabe")
ZIELGRUPPEN = {
    "pressestelle": "Pressestelle",
    "fachbereiche": "Fachbereiche, die posten",
    "leitung": "Leitung",
}
ZIELGRUPPEN_KURZ = {"pressestelle": "Pressestelle", "fachbereiche": "Fachbereiche", "leitung": "Leitung"}
# „Dauer: ca. 45 Minuten“ in one of the first cells of a course or solution notebook.
_DAUER_RE = re.compile(r"Dauer:\s*ca\.\s*(\d+)\s*Minuten")
_DAUER_ZELLEN = 3
_ZEIT_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[–-]\s*(\d{1,2}):(\d{2})\s*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MODULORDNER = re.compile(r"^\d\d_")
_ZEIT_BEISPIEL = "Schreiben Sie Beginn und Ende wie „09:00–09:45“."


def _uhr(stunde: int, minute: int) -> str:
    return f"{stunde:02d}:{minute:02d}"


def _check_zeit(value: Any) -> str:
    if isinstance(value, int):
        # YAML 1.1 reads 9:45 as a number of minutes (sexagesimal); only quotes keep it a time.
        raise ValueError(f"Die Zeit wurde als Zahl gelesen. Setzen Sie sie in Anführungszeichen. {_ZEIT_BEISPIEL}")
    if not isinstance(value, str):
        raise ValueError(f"erwartet eine Zeitspanne. {_ZEIT_BEISPIEL}")
    m = _ZEIT_RE.match(value)
    if not m:
        raise ValueError(f"„{value}“ ist keine Zeitspanne. {_ZEIT_BEISPIEL}")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    for h, mi, text in ((h1, m1, f"{m.group(1)}:{m.group(2)}"), (h2, m2, f"{m.group(3)}:{m.group(4)}")):
        if h > 23 or mi > 59:
            raise ValueError(
                f"„{text}“ ist keine Uhrzeit: Stunden gehen von 0 bis 23, Minuten von 0 bis 59. {_ZEIT_BEISPIEL}"
            )
    if h2 * 60 + m2 <= h1 * 60 + m1:
        raise ValueError(f"In „{value}“ liegt das Ende nicht nach dem Beginn. {_ZEIT_BEISPIEL}")
    return f"{_uhr(h1, m1)}–{_uhr(h2, m2)}"


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"„{value}“ ist keine gültige Kennung: nur Kleinbuchstaben, Ziffern und Bindestriche")
    return value


Zeitspanne = Annotated[str, BeforeValidator(_check_zeit)]
Slug = Annotated[str, BeforeValidator(_check_slug)]
Text = Annotated[str, Field(min_length=3)]


class _Strict(BaseModel):
    """Base: unknown keys are errors (catches typos in hand-edited YAML)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NotebookTeil(_Strict):
    """Only some sections of a notebook; `minuten` replaces the notebook's stated duration."""

    pfad: str
    abschnitte: list[Text] = Field(min_length=1)  # headings (## …) as they stand in the notebook
    minuten: int = Field(gt=0)


class Block(_Strict):
    """One block of a unit: a time span with one method."""

    zeit: Zeitspanne
    titel: Text
    art: Literal["Input", "Übung", "Gruppenarbeit", "Planspiel", "Diskussion", "Pause", "Aufgabe"]
    ablauf: str | None = None
    notebooks: list[str | NotebookTeil] = Field(default_factory=list)
    apps: list[str] = Field(default_factory=list)
    aufgaben: list[str] = Field(default_factory=list)
    material: list[Text] = Field(default_factory=list)
    technik_ausfall: str | None = None

    @property
    def beginn(self) -> int:
        """Start in minutes after midnight."""
        return _minuten(self.zeit.split("–")[0])

    @property
    def ende(self) -> int:
        """End in minutes after midnight."""
        return _minuten(self.zeit.split("–")[1])

    @property
    def dauer(self) -> int:
        """Length in minutes."""
        return self.ende - self.beginn


class Eigenarbeit(_Strict):
    """Work between units or after the seminar (not part of any block)."""

    text: Text
    aufgaben: list[str] = Field(default_factory=list)
    freiwillig: bool = False  # True: the tasks are an offer, not counted as required work


class Einheit(_Strict):
    """A day, an online session or a stage of the self-learning path."""

    titel: Text
    technik_ausfall: str | None = None  # fallback for the whole unit; blocks may add their own
    bloecke: list[Block] = Field(min_length=1)
    danach: Eigenarbeit | None = None


class Format(_Strict):
    """One seminar format."""

    id: Slug
    titel: Text
    kurztitel: Text  # for the module table, e.g. „2 Tage“
    zielgruppe: Text
    umfang: Text  # total length in words, e.g. „ein Tag, 09:00–16:30“
    einheit: Literal["Tag", "Termin", "Etappe"]
    anzahl_einheiten: int = Field(ge=1)
    dauer_je_einheit: int | None = Field(default=None, gt=0)  # minutes from first start to last end
    lehrzeit_je_einheit: int | None = Field(default=None, gt=0)  # minutes of all blocks except breaks
    uhrzeit: bool = True  # False: times count from the start of the unit (self-learning path)
    raum: Text
    material: list[Text] = Field(min_length=1)
    hinweise: list[Text] = Field(default_factory=list)
    einheiten: list[Einheit] = Field(min_length=1)
    nach_dem_seminar: str | None = None


class Modul(_Strict):
    """Which audience a course module suits."""

    ordner: str
    titel: Text
    zielgruppen: list[Literal["pressestelle", "fachbereiche", "leitung"]] = Field(min_length=1)
    hinweis: Text


class AufgabenDauer(_Strict):
    """Duration of a graded task whose solution notebook states none."""

    id: str
    dauer: int = Field(gt=0)


class Formatdatei(_Strict):
    """The whole course/trainer/formate.yaml."""

    titel: Text
    stand: dt.date
    einleitung: list[Text] = Field(min_length=1)
    vorbereitung: list[Text] = Field(min_length=1)
    module: list[Modul] = Field(min_length=1)
    aufgaben: list[AufgabenDauer] = Field(default_factory=list)
    formate: list[Format] = Field(min_length=1)


def _minuten(uhr: str) -> int:
    h, m = uhr.split(":")
    return int(h) * 60 + int(m)


def _uhrzeit(minuten: int) -> str:
    return _uhr(minuten // 60, minuten % 60)


# -- computed plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Posten:
    """A notebook (or part of one) or a graded task inside a block, with its stated duration."""

    art: Literal["notebook", "aufgabe"]
    pfad: str  # course/… notebook or the task id
    minuten: int
    abschnitte: tuple[str, ...] = ()
    quelle: str = "Notebook"  # where the duration comes from: "Notebook", "Teil" or "formate.yaml"

    @property
    def name(self) -> str:
        """Short name for tables and messages."""
        return self.pfad.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class BlockPlan:
    """A block with the durations of what it uses."""

    block: Block
    posten: tuple[Posten, ...]

    @property
    def belegt(self) -> int:
        """Minutes the notebooks and tasks of the block need."""
        return sum(p.minuten for p in self.posten)


@dataclass(frozen=True)
class EinheitPlan:
    """A unit with its blocks and sums."""

    einheit: Einheit
    bloecke: tuple[BlockPlan, ...]

    @property
    def dauer(self) -> int:
        """Minutes from the first start to the last end."""
        return self.bloecke[-1].block.ende - self.bloecke[0].block.beginn

    @property
    def pausen(self) -> int:
        """Minutes of breaks."""
        return sum(b.block.dauer for b in self.bloecke if b.block.art == "Pause")

    @property
    def lehrzeit(self) -> int:
        """Minutes of all blocks except breaks."""
        return self.dauer - self.pausen

    @property
    def belegt(self) -> int:
        """Minutes the notebooks and tasks of all blocks need."""
        return sum(b.belegt for b in self.bloecke)


@dataclass(frozen=True)
class FormatPlan:
    """A format with its units and sums."""

    format: Format
    einheiten: tuple[EinheitPlan, ...]
    eigenarbeit: int  # minutes of required graded tasks outside the blocks (homework)
    freiwillig: int  # minutes of optional graded tasks offered after a unit

    @property
    def dauer(self) -> int:
        """Minutes of all units, breaks included."""
        return sum(e.dauer for e in self.einheiten)

    @property
    def lehrzeit(self) -> int:
        """Minutes of all blocks except breaks."""
        return sum(e.lehrzeit for e in self.einheiten)

    @property
    def pausen(self) -> int:
        """Minutes of breaks."""
        return sum(e.pausen for e in self.einheiten)

    @property
    def belegt(self) -> int:
        """Minutes the notebooks and tasks of all blocks need."""
        return sum(e.belegt for e in self.einheiten)

    def notebooks(self) -> set[str]:
        """Paths of all notebooks the format uses (whole or in part)."""
        return {p.pfad for e in self.einheiten for b in e.bloecke for p in b.posten if p.art == "notebook"}


@dataclass(frozen=True)
class Seminarplan:
    """The checked file with computed durations."""

    datei: Formatdatei
    formate: tuple[FormatPlan, ...]
    root: Path
    pfad: Path

    def format(self, format_id: str) -> FormatPlan:
        """The format with this id (KeyError if unknown)."""
        for f in self.formate:
            if f.format.id == format_id:
                return f
        raise KeyError(format_id)

    def kursnotebooks(self) -> list[str]:
        """All course notebooks of the modules (course/NN_*/…ipynb), relative to the root."""
        return sorted(
            p.relative_to(self.root).as_posix()
            for d in (self.root / "course").iterdir() if d.is_dir() and _MODULORDNER.match(d.name)
            for p in d.glob("*.ipynb")
        )

    def fehlende_notebooks(self) -> list[str]:
        """Course notebooks that no format uses."""
        used = set().union(*(f.notebooks() for f in self.formate))
        return [p for p in self.kursnotebooks() if p not in used]

    def fehlende_module(self) -> list[str]:
        """Module folders (course/NN_…) that no format uses."""
        used = {p.split("/")[1] for f in self.formate for p in f.notebooks()}
        return [m.ordner for m in self.datei.module if m.ordner.split("/")[-1] not in used]


# -- notebook durations ----------------------------------------------------------------------


@cache
def _notebook(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _cell_text(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


def stated_duration(path: Path) -> int | None:
    """Minutes the notebook states in its first cells („Dauer: ca. N Minuten“), None if it states none."""
    for cell in _notebook(path).get("cells", [])[:_DAUER_ZELLEN]:
        if cell.get("cell_type") == "markdown":
            m = _DAUER_RE.search(_cell_text(cell))
            if m:
                return int(m.group(1))
    return None


def headings(path: Path) -> list[str]:
    """Section headings (## …) of a notebook's markdown cells."""
    result = []
    for cell in _notebook(path).get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in _cell_text(cell).splitlines():
                if line.startswith("## "):
                    result.append(line[3:].strip())
    return result


# -- loading and checking --------------------------------------------------------------------


def default_path() -> Path:
    """The shipped file course/trainer/formate.yaml."""
    from kommsocial import paths

    return paths.course_dir() / "trainer" / "formate.yaml"


class _Pruefer:
    """Cross checks of a schema-valid file; every error names file, line and field."""

    def __init__(self, datei: Formatdatei, path: Path, root: Path, node: yaml.Node | None) -> None:
        self.datei = datei
        self.path = path
        self.root = root
        self.node = node
        self.yaml_dauer = {a.id: a.dauer for a in datei.aufgaben}

    def fehler(self, loc: tuple[Any, ...], message: str, hint: str) -> InputError:
        field = "".join(f"[{k + 1}]" if isinstance(k, int) else ("." if i else "") + str(k)
                        for i, k in enumerate(loc))
        return InputError(message, file=str(self.path), line=line_of(self.node, loc), field=field, hint=hint)

    # references

    def notebook(self, ref: str | NotebookTeil, loc: tuple[Any, ...]) -> Posten:
        pfad = ref if isinstance(ref, str) else ref.pfad
        ploc = loc if isinstance(ref, str) else (*loc, "pfad")
        target = self.root / pfad
        if not (pfad.startswith("course/") and pfad.endswith(".ipynb")) or pfad.startswith("course/apps/"):
            raise self.fehler(ploc, f"„{pfad}“ ist kein Kurs-Notebook.",
                              "Nennen Sie den Pfad ab dem KommSocial-Ordner, z. B. "
                              "course/02_presse_zu_social/02_werkstatt.ipynb. Apps stehen unter „apps“.")
        if not target.is_file():
            raise self.fehler(ploc, f"Das Notebook „{pfad}“ gibt es nicht.",
                              "Prüfen Sie Ordner und Dateinamen (ls course/*/) und korrigieren Sie den Pfad.")
        ganz = stated_duration(target)
        if ganz is None:
            raise self.fehler(ploc, f"Das Notebook „{pfad}“ nennt keine Dauer.",
                              "Schreiben Sie „Dauer: ca. N Minuten“ in eine der ersten Zellen des Notebooks.")
        if isinstance(ref, str):
            return Posten("notebook", pfad, ganz)
        vorhanden = headings(target)
        for i, abschnitt in enumerate(ref.abschnitte):
            if abschnitt not in vorhanden:
                raise self.fehler((*loc, "abschnitte", i), f"„{abschnitt}“ ist keine Überschrift in „{pfad}“.",
                                  "Übernehmen Sie die Überschrift genau, ohne „## “. Vorhanden: "
                                  + "; ".join(vorhanden))
        if ref.minuten >= ganz:
            raise self.fehler((*loc, "minuten"),
                              f"Der Teil von „{pfad}“ dauert {ref.minuten} Minuten, das ganze Notebook "
                              f"nur {ganz} Minuten.",
                              "Nennen Sie das Notebook ohne „abschnitte“, wenn Sie es ganz nutzen.")
        return Posten("notebook", pfad, ref.minuten, tuple(ref.abschnitte), "Teil")

    def aufgabe(self, task: str, loc: tuple[Any, ...]) -> Posten:
        nb = self.root / "solutions" / task / f"{task}.ipynb"
        if not nb.is_file():
            vorhanden = sorted(p.name for p in (self.root / "solutions").iterdir() if p.is_dir())
            raise self.fehler(loc, f"Die bewertete Aufgabe „{task}“ gibt es nicht.",
                              "Vorhanden: " + ", ".join(vorhanden) + ".")
        stated = stated_duration(nb)
        eigene = self.yaml_dauer.get(task)
        if stated is not None and eigene is not None and stated != eigene:
            idx = [a.id for a in self.datei.aufgaben].index(task)
            raise self.fehler(("aufgaben", idx, "dauer"),
                              f"Die Aufgabe „{task}“ nennt selbst {stated} Minuten, hier stehen {eigene}.",
                              "Löschen Sie den Eintrag hier; es gilt die Angabe im Notebook.")
        if stated is not None:
            return Posten("aufgabe", task, stated)
        if eigene is None:
            raise self.fehler(loc, f"Für die Aufgabe „{task}“ ist keine Dauer bekannt.",
                              "Tragen Sie sie unter „aufgaben“ ein (id und dauer in Minuten) oder schreiben "
                              "Sie „Dauer: ca. N Minuten“ in die erste Zelle der Aufgabe.")
        return Posten("aufgabe", task, eigene, quelle="formate.yaml")

    def app(self, name: str, loc: tuple[Any, ...]) -> None:
        if not (self.root / "course" / "apps" / f"{name}.ipynb").is_file():
            vorhanden = sorted(p.stem for p in (self.root / "course" / "apps").glob("*.ipynb"))
            raise self.fehler(loc, f"Die App „{name}“ gibt es nicht.",
                              "Nennen Sie den Namen ohne „.ipynb“. Vorhanden: " + ", ".join(vorhanden) + ".")

    # structure

    def module(self) -> None:
        seen: set[str] = set()
        for i, m in enumerate(self.datei.module):
            if m.ordner in seen:
                raise self.fehler(("module", i, "ordner"), f"Das Modul „{m.ordner}“ steht doppelt in der Liste.",
                                  "Löschen Sie einen der beiden Einträge.")
            seen.add(m.ordner)
            if not (self.root / m.ordner).is_dir() or not _MODULORDNER.match(m.ordner.removeprefix("course/")):
                raise self.fehler(("module", i, "ordner"), f"Den Modulordner „{m.ordner}“ gibt es nicht.",
                                  "Nennen Sie ihn wie course/05_recht.")
        ordner = sorted(f"course/{d.name}" for d in (self.root / "course").iterdir()
                        if d.is_dir() and _MODULORDNER.match(d.name))
        fehlt = [o for o in ordner if o not in seen]
        if fehlt:
            raise self.fehler(("module",), f"Für „{fehlt[0]}“ fehlt der Eintrag unter „module“.",
                              "Ergänzen Sie ordner, titel, zielgruppen und hinweis.")
        for i, a in enumerate(self.datei.aufgaben):
            if not (self.root / "solutions" / a.id).is_dir():
                raise self.fehler(("aufgaben", i, "id"), f"Die bewertete Aufgabe „{a.id}“ gibt es nicht.",
                                  "Nennen Sie den Ordnernamen aus solutions/, z. B. a05_recht.")

    def block(self, b: Block, loc: tuple[Any, ...], unit_fallback: bool) -> BlockPlan:
        posten: list[Posten] = []
        if b.art == "Pause" and (b.notebooks or b.aufgaben):
            raise self.fehler((*loc, "art"), f"Die Pause „{b.titel}“ enthält Notebooks oder Aufgaben.",
                              "Wählen Sie eine andere Art oder streichen Sie die Inhalte.")
        for i, ref in enumerate(b.notebooks):
            posten.append(self.notebook(ref, (*loc, "notebooks", i)))
        for i, task in enumerate(b.aufgaben):
            posten.append(self.aufgabe(task, (*loc, "aufgaben", i)))
        for i, name in enumerate(b.apps):
            self.app(name, (*loc, "apps", i))
        plan = BlockPlan(b, tuple(posten))
        if plan.belegt > b.dauer:
            teile = ", ".join(f"{p.name} {p.minuten}" for p in posten)
            raise self.fehler((*loc, "zeit"),
                              f"Der Block „{b.titel}“ ({b.zeit}) dauert {b.dauer} Minuten. Seine Notebooks und "
                              f"Aufgaben brauchen {plan.belegt} Minuten ({teile}).",
                              f"Verlängern Sie den Block um {plan.belegt - b.dauer} Minuten oder nehmen Sie "
                              "weniger Inhalte. Von einem Notebook können Sie auch nur Abschnitte nutzen "
                              "(pfad, abschnitte, minuten).")
        if b.art != "Pause" and not b.technik_ausfall and not unit_fallback:
            raise self.fehler((*loc, "titel"), f"Für den Block „{b.titel}“ fehlt „technik_ausfall“.",
                              "Schreiben Sie, was Sie tun, wenn die Technik ausfällt, beim Block oder einmal "
                              "für die ganze Einheit.")
        return plan

    def einheit(self, f: Format, e: Einheit, loc: tuple[Any, ...]) -> EinheitPlan:
        plans: list[BlockPlan] = []
        for i, b in enumerate(e.bloecke):
            bloc = (*loc, "bloecke", i)
            if plans:
                prev = plans[-1].block
                if b.beginn < prev.ende:
                    raise self.fehler((*bloc, "zeit"),
                                      f"Der Block „{b.titel}“ ({b.zeit}) beginnt, bevor „{prev.titel}“ "
                                      f"({prev.zeit}) endet. Beide überschneiden sich um "
                                      f"{min(prev.ende, b.ende) - b.beginn} Minuten.",
                                      f"Lassen Sie „{b.titel}“ um {_uhrzeit(prev.ende)} beginnen oder kürzen Sie "
                                      f"„{prev.titel}“.")
                if b.beginn > prev.ende:
                    raise self.fehler((*bloc, "zeit"),
                                      f"Zwischen „{prev.titel}“ (bis {_uhrzeit(prev.ende)}) und „{b.titel}“ "
                                      f"(ab {_uhrzeit(b.beginn)}) fehlen {b.beginn - prev.ende} Minuten.",
                                      f"Lassen Sie „{b.titel}“ um {_uhrzeit(prev.ende)} beginnen oder planen "
                                      "Sie dazwischen einen Block, z. B. eine Pause.")
            plans.append(self.block(b, bloc, bool(e.technik_ausfall)))
        plan = EinheitPlan(e, tuple(plans))
        if f.dauer_je_einheit is not None and plan.dauer != f.dauer_je_einheit:
            raise self.fehler((*loc, "titel"),
                              f"„{e.titel}“ dauert {plan.dauer} Minuten ({e.bloecke[0].zeit[:5]} bis "
                              f"{e.bloecke[-1].zeit[-5:]}), das Format sieht {f.dauer_je_einheit} Minuten vor.",
                              "Passen Sie die Zeiten der Blöcke oder „dauer_je_einheit“ an.")
        if f.lehrzeit_je_einheit is not None and plan.lehrzeit != f.lehrzeit_je_einheit:
            raise self.fehler((*loc, "titel"),
                              f"„{e.titel}“ hat {plan.lehrzeit} Minuten Lehrzeit ohne Pausen, das Format "
                              f"sieht {f.lehrzeit_je_einheit} Minuten vor.",
                              "Passen Sie Blöcke und Pausen oder „lehrzeit_je_einheit“ an.")
        for i, task in enumerate(e.danach.aufgaben if e.danach else []):
            self.aufgabe(task, (*loc, "danach", "aufgaben", i))
        return plan

    def format(self, f: Format, loc: tuple[Any, ...]) -> FormatPlan:
        if len(f.einheiten) != f.anzahl_einheiten:
            raise self.fehler((*loc, "anzahl_einheiten"),
                              f"„{f.titel}“ nennt {f.anzahl_einheiten} Einheiten, beschreibt aber "
                              f"{len(f.einheiten)}.",
                              "Passen Sie „anzahl_einheiten“ oder die Liste „einheiten“ an.")
        einheiten = tuple(self.einheit(f, e, (*loc, "einheiten", i)) for i, e in enumerate(f.einheiten))
        def summe(freiwillig: bool) -> int:
            return sum(self.aufgabe(t, loc).minuten for e in f.einheiten
                       if e.danach and e.danach.freiwillig == freiwillig for t in e.danach.aufgaben)

        return FormatPlan(f, einheiten, summe(False), summe(True))

    def run(self) -> tuple[FormatPlan, ...]:
        self.module()
        ids = [f.id for f in self.datei.formate]
        for i, fid in enumerate(ids):
            if fid in ids[:i]:
                raise self.fehler(("formate", i, "id"), f"Die Kennung „{fid}“ ist doppelt.",
                                  "Geben Sie jedem Format eine eigene Kennung.")
        return tuple(self.format(f, ("formate", i)) for i, f in enumerate(self.datei.formate))


def load_formate(path: str | Path | None = None, *, root: str | Path | None = None,
                 text: str | None = None) -> Seminarplan:
    """Load, validate and compute the seminar formats.

    Args:
        path: the YAML file (default: course/trainer/formate.yaml of the checkout).
        root: folder with course/ and solutions/ that paths in the file refer to (default: the checkout).
        text: the file's content, if already read.

    Raises:
        InputError: naming file, line and field of the first problem, and the fix.
    """
    from kommsocial import paths

    path = Path(path) if path is not None else default_path()
    root = Path(root) if root is not None else paths.project_root()
    datei = load_model(Formatdatei, path, text=text)
    _, node = read_yaml(path, text=text)
    formate = _Pruefer(datei, path, root, node).run()
    return Seminarplan(datei, formate, root, path)


# -- rendering -------------------------------------------------------------------------------


def _stunden(minuten: int) -> str:
    """„4 Stunden 55 Minuten“."""
    h, m = divmod(minuten, 60)
    teile = []
    if h:
        teile.append(f"{h} Stunde" if h == 1 else f"{h} Stunden")
    if m or not h:
        teile.append(f"{m} Minute" if m == 1 else f"{m} Minuten")
    return " ".join(teile)


def _zeit(block: Block, uhrzeit: bool) -> str:
    if uhrzeit:
        return block.zeit
    return f"{block.beginn}–{block.ende}"


def _satz(text: str) -> str:
    """One line, ending with a full stop (the language check splits sentences there, also in tables)."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


_GANZ = {"Tag": "den ganzen Tag", "Termin": "den ganzen Termin", "Etappe": "die ganze Etappe"}


def _block_details(bp: BlockPlan, uhrzeit: bool) -> list[str]:
    """Nested list: what the block uses and what to do without technology."""
    b = bp.block
    wann = _zeit(b, uhrzeit) if uhrzeit else f"Minute {_zeit(b, uhrzeit)}"
    out = [f"- **{wann}** {_satz(b.titel)}"]
    if b.ablauf:
        out.append(f"  - Ablauf: {_satz(b.ablauf)}")
    for p in bp.posten:
        if p.art == "notebook":
            out.append(f"  - Notebook `{p.pfad}`: {p.minuten} Minuten.")
            out += [f"    - nur Abschnitt „{a}“." for a in p.abschnitte]
        else:
            out.append(f"  - Bewertete Aufgabe `{p.pfad}`: {p.minuten} Minuten.")
    out += [f"  - App `{a}`." for a in b.apps]
    out += [f"  - Material: {_satz(m)}" for m in b.material]
    if b.technik_ausfall:
        out.append(f"  - Wenn die Technik ausfällt: {_satz(b.technik_ausfall)}")
    return out


def _format_markdown(fp: FormatPlan, dauer: dict[str, str]) -> list[str]:
    f = fp.format
    out = [f"## {f.titel}", ""]
    out += [f"- **Zielgruppe:** {_satz(f.zielgruppe)}", f"- **Umfang:** {_satz(f.umfang)}"]
    summe = f"{_stunden(fp.lehrzeit)} Lehrzeit"
    if fp.pausen:
        summe += f" und {_stunden(fp.pausen)} Pausen"
    out.append(f"- **Nachgerechnet:** {summe}.")
    out.append(f"- **Davon Notebooks und Aufgaben:** {_stunden(fp.belegt)}.")
    if fp.eigenarbeit:
        out.append(f"- **Aufgaben zwischen den Terminen:** {_stunden(fp.eigenarbeit)}.")
    if fp.freiwillig:
        out.append(f"- **Freiwillige Aufgaben danach:** zusammen {_stunden(fp.freiwillig)}.")
    out.append(f"- **Raum und Technik:** {_satz(f.raum)}")
    out.append("- **Material:**")
    out += [f"  - {_satz(m)}" for m in f.material]
    out.append("")
    for h in f.hinweise:
        out += [" ".join(h.split()), ""]
    for ep in fp.einheiten:
        e = ep.einheit
        out += [f"### {e.titel}", ""]
        if e.technik_ausfall:
            out += [f"**Wenn die Technik ausfällt,** gilt für {_GANZ[f.einheit]}:", "",
                    f"- {_satz(e.technik_ausfall)}", ""]
        bez = "Zeit" if f.uhrzeit else "Minute"
        out += [f"| {bez} | Minuten | Art | Block |", "|---|---|---|---|"]
        for bp in ep.bloecke:
            b = bp.block
            out.append(f"| {_zeit(b, f.uhrzeit)} | {b.dauer} | {b.art} | {_satz(b.titel)} |")
        out.append("")
        summe = f"Summe: {_stunden(ep.lehrzeit)} Lehrzeit"
        summe += f" und {_stunden(ep.pausen)} Pausen." if ep.pausen else "."
        out += [summe, f"Notebooks und Aufgaben füllen davon {_stunden(ep.belegt)}.", ""]
        for bp in ep.bloecke:
            if bp.block.art != "Pause":
                out += _block_details(bp, f.uhrzeit)
        out.append("")
        if e.danach:
            out.append(f"**Danach:** {_satz(e.danach.text)}")
            if e.danach.aufgaben:
                out.append("")
                out += [f"- Aufgabe `{t}`: {dauer[t]}." for t in e.danach.aufgaben]
            out.append("")
    if f.nach_dem_seminar:
        out += [f"**Nach dem Seminar:** {_satz(f.nach_dem_seminar)}", ""]
    return out


def _aufgaben_dauer(plan: Seminarplan) -> dict[str, str]:
    """Duration text of every graded task in solutions/ („45 Minuten, laut Aufgabe“)."""
    checker = _Pruefer(plan.datei, plan.pfad, plan.root, None)
    dauer: dict[str, str] = {}
    for sol in sorted((plan.root / "solutions").iterdir()):
        if (sol / f"{sol.name}.ipynb").is_file():
            try:
                p = checker.aufgabe(sol.name, ())
            except InputError:
                dauer[sol.name] = "Dauer unbekannt"
                continue
            herkunft = "laut Aufgabe" if p.quelle == "Notebook" else "geschätzt"
            dauer[sol.name] = f"{p.minuten} Minuten, {herkunft}"
    return dauer


def render_markdown(plan: Seminarplan) -> str:
    """course/trainer/formate.md, rendered from the checked file."""
    d = plan.datei
    dauer = _aufgaben_dauer(plan)
    out = [f"# {d.titel}", "",
           "<!-- Erzeugt aus formate.yaml mit: kommsocial seminar formate --schreiben. "
           "Bitte dort ändern, nicht hier. -->", ""]
    for absatz in d.einleitung:
        out += [" ".join(absatz.split()), ""]
    out += ["## Überblick", ""]
    for fp in plan.formate:
        f = fp.format
        text = f"- **[{f.titel}](#{_anker(f.titel)}):** {_stunden(fp.lehrzeit)} Lehrzeit"
        text += f", {_stunden(fp.pausen)} Pausen." if fp.pausen else "."
        out.append(text)
        out.append(f"  Notebooks und Aufgaben füllen davon {_stunden(fp.belegt)}.")
        if fp.eigenarbeit:
            out.append(f"  Dazu kommen Aufgaben zwischen den Terminen: {_stunden(fp.eigenarbeit)}.")
    out += ["", "Die Dauer eines Notebooks steht im Notebook selbst. "
            "Ein Test prüft, dass jeder Block lang genug ist.", ""]
    out += ["## Welches Modul für wen?", "",
            "Fachbereiche meint Beschäftigte, die für ihr Amt posten.", "",
            "| Modul | " + " | ".join(ZIELGRUPPEN_KURZ.values()) + " | Formate | Warum |",
            "|---|" + "---|" * len(ZIELGRUPPEN) + "---|---|"]
    for m in d.module:
        name = m.ordner.split("/")[-1]
        formate = [fp.format.kurztitel for fp in plan.formate
                   if any(p.split("/")[1] == name for p in fp.notebooks())]
        marks = " | ".join("✓" if z in m.zielgruppen else "" for z in ZIELGRUPPEN)
        out.append(f"| {name[:2]} {m.titel} | {marks} | {', '.join(formate) or '–'} | {_satz(m.hinweis)} |")
    out += ["", "## Bewertete Aufgaben", "", "| Aufgabe | Dauer |", "|---|---|"]
    out += [f"| `{k}` | {v}. |" for k, v in dauer.items()]
    out += ["", "Geschätzte Dauern stehen mit ihrer Begründung in formate.yaml.", ""]
    out += ["## Vorbereitung (für alle Formate mit Aufgaben)", ""]
    out += [f"{i}. {' '.join(v.split())}" for i, v in enumerate(d.vorbereitung, start=1)]
    out.append("")
    for fp in plan.formate:
        out += _format_markdown(fp, dauer)
    return "\n".join(line.rstrip() for line in out).rstrip() + "\n"


def _anker(titel: str) -> str:
    """GitHub-style anchor of a heading."""
    return re.sub(r"[^\w\- ]", "", titel.lower()).replace(" ", "-")


def render_text(plan: Seminarplan, format_id: str | None = None) -> str:
    """Short plain-text plan for the terminal (all formats or one)."""
    lines: list[str] = []
    for fp in plan.formate:
        f = fp.format
        if format_id is not None and f.id != format_id:
            continue
        lines.append(f"{f.titel} [{f.id}]: {_stunden(fp.lehrzeit)} Lehrzeit, "
                     f"{_stunden(fp.pausen)} Pausen, Notebooks und Aufgaben {_stunden(fp.belegt)}")
        for ep in fp.einheiten:
            lines.append(f"  {ep.einheit.titel} ({_stunden(ep.lehrzeit)} Lehrzeit)")
            for bp in ep.bloecke:
                b = bp.block
                inhalt = ", ".join([p.name for p in bp.posten] + [f"App {a}" for a in b.apps])
                lines.append(f"    {_zeit(b, f.uhrzeit):<18} {b.art:<13} {b.titel}"
                             + (f" – {inhalt}" if inhalt else ""))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
