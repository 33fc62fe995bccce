"""Access control for seminar crisis exercises: join codes, personal keys, trainer keys, the keyring.

Threat model (trainer guide, course/trainer/bewertung.md): anonymous visitors of the app and
participants must not guess an exercise, act in someone else's name or steer the exercise.
Codes carry 75 random bits, personal keys 80 and trainer keys 100 (Crockford base32, so
O/0 and I/L/1 are the same when typed). Keys are stored only as SHA-256 digests; comparisons
run in constant time. Whoever can write the database file itself bypasses all of this, so the
default store keeps one file per exercise, readable only by its owner.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import unicodedata
from pathlib import Path

# Crockford base32: no I, L, O, U, so a code read aloud or copied by hand stays unambiguous.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1"})
CODE_GROUPS = 3  # 3 × 5 characters = 75 bits
KEY_GROUPS = 4  # personal key: 4 × 4 characters = 80 bits
TRAINER_KEY_GROUPS = 5  # trainer key: 5 × 4 characters = 100 bits
CODE_RANDOM_CHARS = 5 * CODE_GROUPS

# Failed attempts (unknown code, wrong key) per minute before every further attempt is slowed down.
# Slowed, not refused: an attacker must not be able to lock a seminar out by failing on purpose.
WINDOW_SECONDS = 60.0
MAX_FAILED_CODES = 20
MAX_FAILED_KEYS = 10
THROTTLE_SECONDS = 2.0
# One app page (one visitor) may fail this often per minute before its join button waits.
APP_MAX_FAILED_JOINS = 5
TOO_MANY = ("Zu viele Fehlversuche in kurzer Zeit. Bitte warten Sie eine Minute und versuchen Sie es dann "
            "noch einmal.")


def _random_chars(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def _groups(chars: str, size: int) -> str:
    return "-".join(chars[i:i + size] for i in range(0, len(chars), size))


def new_code(prefix: str) -> str:
    """A join code such as BRAND-7KQM3-XDT9H-WRP2Z (readable prefix, 75 random bits)."""
    return f"{prefix}-{_groups(_random_chars(CODE_RANDOM_CHARS), 5)}"


def new_key(groups: int = KEY_GROUPS) -> str:
    """A key such as 7KQM-3XDT-9HWR-P2ZA (4 bits × 5 per character)."""
    return _groups(_random_chars(4 * groups), 4)


def normalize_code(code: str) -> str:
    """The code as compared: upper case, no separators, typos of the random part (O, I, L) mapped."""
    flat = re.sub(r"[^0-9A-Za-z]", "", unicodedata.normalize("NFKC", code or "")).upper()
    if len(flat) <= CODE_RANDOM_CHARS:
        return flat.translate(_TYPO)
    return flat[:-CODE_RANDOM_CHARS] + flat[-CODE_RANDOM_CHARS:].translate(_TYPO)


def normalize_key(key: str) -> str:
    """A key as compared: upper case, no separators, O/I/L mapped to 0/1/1."""
    return re.sub(r"[^0-9A-Za-z]", "", unicodedata.normalize("NFKC", key or "")).upper().translate(_TYPO)


def format_key(key: str) -> str:
    """A typed key in its display form (groups of four)."""
    return _groups(normalize_key(key), 4)


def digest(secret: str) -> str:
    """SHA-256 of a normalised key (the database never holds the key itself)."""
    return hashlib.sha256(normalize_key(secret).encode("ascii", "ignore")).hexdigest()


def matches(secret: str | None, stored_digest: str | None) -> bool:
    """Constant-time check of a key against its stored digest."""
    if not secret or not stored_digest:
        return False
    return hmac.compare_digest(digest(secret), stored_digest)


def code_file_name(code: str) -> str:
    """File name of an exercise's own database: a digest, so a directory listing reveals no code."""
    return hashlib.sha256(normalize_code(code).encode("ascii", "ignore")).hexdigest()[:32] + ".db"


_INVISIBLE = re.compile(r"[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def clean_name(name: str) -> str:
    """A display name without control or invisible characters and with single spaces."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", name or ""))
    return " ".join(text.split())


def name_key(name: str) -> str:
    """What makes two names the same person in one exercise: „Anna“, „anna“ and „ANNA “ are one name."""
    return clean_name(name).casefold()


def kommsocial_home() -> Path:
    """The user's KommSocial folder ($KOMMSOCIAL_HOME, else ~/.kommsocial)."""
    return Path(os.environ.get("KOMMSOCIAL_HOME") or Path.home() / ".kommsocial")


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable only by the owner."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


class Keyring:
    """Trainer keys of the exercises created on this computer, in a file only its owner can read.

    So that the trainer who created an exercise can steer it from the console and the CLI without
    typing the key; a co-trainer on another computer enters it once.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or kommsocial_home() / "leitung.json"

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    @staticmethod
    def _entry(store_url: str, code: str) -> str:
        return f"{store_url}#{normalize_code(code)}"

    def get(self, store_url: str, code: str) -> str | None:
        """The trainer key remembered for this exercise, if any."""
        return self._read().get(self._entry(store_url, code))

    def put(self, store_url: str, code: str, key: str) -> None:
        """Remember a trainer key (atomic write, file mode 0600)."""
        data = self._read()
        data[self._entry(store_url, code)] = key
        private_dir(self.path.parent)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".leitung-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
