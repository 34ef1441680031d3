"""Lossless JSON export and import of one workshop (history included).

The file is deterministic (sorted keys, revisions in write order, no store-local sequence
numbers), so exporting an imported workshop gives back the very same bytes.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..models import Workshop
from . import current
from . import schema as t
from .errors import ImportFormatError, StoreError
from .store import Store, dump_payload

FORMAT = "cocreate-kit/workshop"
FORMAT_VERSION = 1

_WORKSHOP_FIELDS = ("id", "title", "plan", "lang", "join_code", "facilitator_key_hash", "created_at")
_PARTICIPANT_FIELDS = ("id", "display_name", "token_hash", "created_at")
_REVISION_FIELDS = ("entry_id", "revision", "participant_id", "exercise", "payload", "deleted", "created_at")


def export_workshop(store: Store, workshop_id: str) -> dict:
    """Everything about one workshop as plain data (secrets only as their hashes)."""
    store.get_workshop(workshop_id)  # clear error for an unknown id
    with store.engine.connect() as conn:
        workshop = conn.execute(select(t.workshops).where(t.workshops.c.id == workshop_id)).mappings().one()
        people = conn.execute(
            select(t.participants)
            .where(t.participants.c.workshop_id == workshop_id)
            .order_by(t.participants.c.created_at, t.participants.c.id)
        ).mappings()
        participants = [{k: row[k] for k in _PARTICIPANT_FIELDS} for row in people]
        revs = conn.execute(
            select(t.revisions).where(t.revisions.c.workshop_id == workshop_id).order_by(t.revisions.c.seq)
        ).mappings()
        revisions = [
            {
                **{k: row[k] for k in _REVISION_FIELDS},
                "payload": json.loads(row["payload"]),
                "deleted": bool(row["deleted"]),
            }
            for row in revs
        ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "workshop": {k: workshop[k] for k in _WORKSHOP_FIELDS},
        "participants": participants,
        "revisions": revisions,
    }


def dumps_export(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def import_workshop(store: Store, data: dict) -> Workshop:
    """Load an export into this store in one transaction; refuses a workshop it already has."""
    _check_format(data)
    workshop = data["workshop"]
    try:
        with store._write() as conn:
            conn.execute(t.workshops.insert().values(**{k: workshop[k] for k in _WORKSHOP_FIELDS}))
            for person in data["participants"]:
                conn.execute(
                    t.participants.insert().values(
                        workshop_id=workshop["id"], **{k: person[k] for k in _PARTICIPANT_FIELDS}
                    )
                )
            for rev in data["revisions"]:
                values = {k: rev[k] for k in _REVISION_FIELDS}
                values["payload"] = dump_payload(rev["payload"])
                values["deleted"] = bool(rev["deleted"])
                conn.execute(t.revisions.insert().values(workshop_id=workshop["id"], **values))
            current.rebuild(conn, workshop["id"])
    except IntegrityError:
        raise StoreError(
            f"Workshop {workshop['id']!r} (or its join code) is already in this store; "
            "import it into another database."
        ) from None
    except (KeyError, TypeError) as exc:
        raise ImportFormatError(f"The file is missing a field the export always has: {exc}") from None
    return store.get_workshop(workshop["id"])


def _check_format(data) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError("This is not a cocreate-kit workshop export (JSON from `cocreate export`).")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportFormatError(
            f"This export has format version {version!r}; this kit reads version {FORMAT_VERSION} at most."
        )
    for key in ("workshop", "participants", "revisions"):
        if key not in data:
            raise ImportFormatError(f"The export has no {key!r} section.")
