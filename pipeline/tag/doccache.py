"""Tagged spaCy docs cached on disk by content, so a re-run (say with a retrained model) skips tagging.

Tagging is most of what `classify` costs, and it depends only on the text and the
spaCy pipeline, never on the classifier. So a doc is stored under the sha256 of the
pipeline's identity (package name and version, spaCy version, the components that
ran and their config) and the text: a retrained model reuses every doc, an edited
document re-tags only its changed answers, and a changed pipeline never meets a
stale doc (its keys are different).

Storage is one SQLite file in the cache folder: each batch of newly tagged docs is
one `DocBin` blob, and an index maps each key to (blob, position). A batch is
written in one transaction, so a killed run leaves whole batches or nothing, and
two processes can share the folder (WAL journal; a writer waits for the other).
Nothing is kept in memory between calls. `ValueCache` keeps plain values (JSON, never
pickle) in tables of the same file, for classify's extract records (by document and by
the files' bytes) and token data. A cache that cannot be opened or written
(read-only disk, damaged file) is switched off with a warning: classify goes on
without it.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

CACHE_ENV = "FOI_NLP_CACHE"
DB_NAME = "docs.sqlite"
SCHEMA_VERSION = "1"
_MAX_VARS = 500  # keys per SELECT, under SQLite's bound-parameter limit
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # pipeline/, whose sources `source_hash` reads


def default_cache_dir() -> Path:
    """$FOI_NLP_CACHE, else $XDG_CACHE_HOME/foi-nlp, else ~/.cache/foi-nlp."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "foi-nlp"


def pipeline_identity(nlp: Language, pipes: Sequence[str]) -> str:
    """What a cached doc depends on: the package, spaCy's version and the given components' config."""
    config = nlp.config
    components = {name: config["components"].get(name, {}) for name in pipes}
    parts = [SCHEMA_VERSION, spacy.__version__, nlp.meta.get("lang", ""), nlp.meta.get("name", ""),
             nlp.meta.get("version", ""), ",".join(pipes), repr(sorted((k, repr(v)) for k, v in components.items()))]
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def _select_in(db: sqlite3.Connection, query: str, keys: list[str]) -> Iterator[tuple]:
    """Rows of `query` (ending in `IN ({marks})`) for `keys`, in chunks under SQLite's parameter limit."""
    for start in range(0, len(keys), _MAX_VARS):
        chunk = keys[start : start + _MAX_VARS]
        yield from db.execute(query.format(marks=",".join("?" * len(chunk))), chunk)


class _Store:
    """One process-local connection to the cache's SQLite file, keyed by sha256(salt + content).

    `salt` is everything a stored value depends on besides its content; a store that
    cannot be opened or written switches itself off with a warning.
    """

    def __init__(self, folder: str | Path, salt: str, name: str) -> None:
        self.folder = Path(folder)
        self.name = name
        self._salt = (salt + "\x00").encode()
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self.enabled = True
        self.hits = self.misses = 0

    def key(self, content: str) -> str:
        """The content address of `content` under this store's salt."""
        return hashlib.sha256(self._salt + content.encode("utf-8", "surrogatepass")).hexdigest()

    def _tables(self) -> tuple[str, ...]:
        """CREATE TABLE statements this store needs."""
        raise NotImplementedError

    def _connect(self) -> sqlite3.Connection:
        """One connection per process (a forked worker opens its own)."""
        if self._db is None or self._pid != os.getpid():
            self.folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.folder / DB_NAME, timeout=60)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            with db:
                for statement in self._tables():
                    db.execute(statement)
            self._db, self._pid = db, os.getpid()
        return self._db

    def _disable(self, exc: BaseException) -> None:
        self.enabled = False
        warnings.warn(f"{self.name} cache in {self.folder} switched off: {type(exc).__name__}: {exc}",
                      RuntimeWarning, stacklevel=3)


class DocCache(_Store):
    """Docs tagged by `pipes` of `nlp`, looked up and stored by text."""

    def __init__(self, folder: str | Path, nlp: Language, pipes: Sequence[str]) -> None:
        super().__init__(folder, pipeline_identity(nlp, pipes), "doc")
        self.vocab = nlp.vocab

    def get_many(self, texts: Iterable[str]) -> dict[str, Doc]:
        """The cached doc of each text that has one."""
        wanted = {self.key(t): t for t in texts}
        if not self.enabled or not wanted:
            return {}
        try:
            places = self._places(list(wanted))
            found: dict[str, Doc] = {}
            for blob, positions in places.items():
                found.update(self._read_blob(blob, positions, wanted))
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
            return {}
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, texts: Sequence[str], docs: Sequence[Doc]) -> None:
        """Store freshly tagged docs (one blob, one transaction)."""
        if not self.enabled or not texts:
            return
        data = DocBin(docs=docs).to_bytes()
        try:
            db = self._connect()
            with db:
                blob = db.execute("INSERT INTO blobs (data) VALUES (?)", (data,)).lastrowid
                db.executemany("INSERT OR IGNORE INTO docs (key, blob, pos) VALUES (?, ?, ?)",
                               [(self.key(t), blob, i) for i, t in enumerate(texts)])
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)

    def _places(self, keys: list[str]) -> dict[int, dict[int, str]]:
        """{blob: {position: key}} for the keys the index knows."""
        db = self._connect()
        places: dict[int, dict[int, str]] = defaultdict(dict)
        for key, blob, pos in _select_in(db, "SELECT key, blob, pos FROM docs WHERE key IN ({marks})", keys):
            places[blob][pos] = key
        return places

    def _read_blob(self, blob: int, positions: dict[int, str], wanted: dict[str, str]) -> dict[str, Doc]:
        row = self._connect().execute("SELECT data FROM blobs WHERE id = ?", (blob,)).fetchone()
        if row is None:
            return {}
        try:
            docs = DocBin().from_bytes(row[0]).get_docs(self.vocab)
            found = {}
            for pos, doc in enumerate(docs):
                key = positions.get(pos)
                if key is not None and doc.text == wanted[key]:  # a damaged or foreign blob is a miss
                    found[wanted[key]] = doc
            return found
        except (ValueError, KeyError, TypeError):  # unreadable blob: tag those texts again
            return {}

    def _tables(self) -> tuple[str, ...]:
        return ("CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)",
                "CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, blob INTEGER NOT NULL, "
                "pos INTEGER NOT NULL) WITHOUT ROWID")


def source_hash(*patterns: str) -> str:
    """sha256 of the pipeline source files matching `patterns` (globs under pipeline/, such as
    "tag/nlp.py" or "extract/*.py"), with their names: a code change is a new key."""
    digest = hashlib.sha256()
    for pattern in patterns:
        files = sorted(PACKAGE_DIR.glob(pattern))
        if not files:
            raise FileNotFoundError(f"no pipeline source file matches {pattern!r}")
        for path in files:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class ValueCache(_Store):
    """Plain values (lists, dicts, strings, numbers: JSON, never pickle) stored by content key.

    Shares the doc cache's SQLite file (a table of its own). `salt` is everything the values
    depend on besides the content (pipeline identity, code hashes): the key is
    sha256(salt + content), so a change to either never meets a stale value.
    """

    def __init__(self, folder: str | Path, table: str, salt: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        super().__init__(folder, salt, table)
        self.table = table

    def get_many(self, contents: Iterable[str]) -> dict[str, Any]:
        """{content: value} for the contents that have one."""
        wanted = {self.key(c): c for c in contents}
        return {wanted[key]: value for key, value in self.get_keys(wanted).items()}

    def get_keys(self, keys: Iterable[str]) -> dict[str, Any]:
        """{key: value} for the keys (`key` of a content) that have one: for a caller that kept
        the key instead of the content it came from."""
        wanted = list(dict.fromkeys(keys))
        if not self.enabled or not wanted:
            return {}
        found: dict[str, Any] = {}
        try:
            db = self._connect()
            query = f"SELECT key, data FROM {self.table} WHERE key IN ({{marks}})"
            for key, data in _select_in(db, query, wanted):
                try:
                    found[key] = json.loads(data)
                except (ValueError, TypeError, UnicodeDecodeError):  # damaged value: computed again
                    pass
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
            return {}
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, items: Sequence[tuple[str, Any]]) -> None:
        """Store (content, value) pairs in one transaction."""
        if not self.enabled or not items:
            return
        rows = [(self.key(c), json.dumps(v, separators=(",", ":"))) for c, v in items]
        try:
            db = self._connect()
            with db:
                db.executemany(f"INSERT OR IGNORE INTO {self.table} (key, data) VALUES (?, ?)", rows)
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)

    def _tables(self) -> tuple[str, ...]:
        return (f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID",)
