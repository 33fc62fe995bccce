"""A participant in its own process: join, read state, act (used by tests/test_crisis_store.py)."""

import json
import sys

from kommsocial.crisis.store import Store
from kommsocial.errors import InputError


def main(db: str, code: str, name: str, command: str, payload: str = "{}", key: str = "") -> int:
    store = Store(db)
    try:
        if command == "join":
            member = store.join(code, name)
            result = {"name": member.name, "schluessel": member.schluessel}
        elif command == "state":
            result = store.state(code, name, schluessel=key)
        elif command == "act":
            result = store.record_action(code, name, json.loads(payload), schluessel=key)
        else:
            raise SystemExit(f"unknown command {command}")
    except InputError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
