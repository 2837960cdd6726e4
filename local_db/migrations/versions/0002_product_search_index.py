"""product search index (FTS5)

Revision ID: 0002_product_search
Revises: 0001_initial
Create Date: 2026-11-25 09:00:00

A landed revision is never edited: add a new one.

The counter's search box finds products by a Chinese substring ("可乐" finds 可口可乐 330ml),
by pinyin initials as you type ("kkkl") and by full pinyin ("kekou"). One FTS5 table,
`product_fts`, rowid = product.id, unicode61 tokenizer, prefix indexes for 1-3 characters:

  name_chars  the name with a space after every character, so each character is a token and a
              substring of any length is a phrase query ("可 乐"). Not the trigram tokenizer:
              it cannot match a query shorter than three characters, and most Chinese
              product words are two ("可乐", "牛奶").
  initials    pinyin_initials without spaces: one token, found by prefix ("kkkl"*)
  pinyin      pinyin_full without spaces (plus its syllables if it had spaces): by prefix

Barcodes and short codes are not in it: the unique index on product_barcode.barcode answers
an exact code and a prefix (a range scan) faster, and needs no trigger.

Triggers keep the index in step with `product`: insert, delete, and updates of the name or
the pinyin only (a sale's stock update does not re-index). The spacing is a plain SQL
expression in the view `product_fts_source` (a trigger cannot use a recursive CTE), over the
first 120 characters of a name (the column holds 100), in chunks of ten so a short name stops
early.

A later migration that rebuilds `product` in batch mode (copy, drop, rename) drops these
triggers with the old table: it must create them again (`TRIGGERS` below).
"""
from __future__ import annotations

from alembic import op

revision = '0002_product_search'
down_revision = '0001_initial'
branch_labels = None
depends_on = None

NAME_CHARS = 120
CHUNK = 10


def _spaced_name() -> str:
    def chunk(first: int) -> str:
        return " || ".join(f"substr(p.name, {i}, 1) || ' '" for i in range(first, first + CHUNK))

    parts = [chunk(1)]
    for first in range(1 + CHUNK, NAME_CHARS + 1, CHUNK):
        parts.append(f"CASE WHEN length(p.name) >= {first} THEN {chunk(first)} ELSE '' END")
    return "\n    || ".join(parts)


SOURCE_VIEW = f"""
CREATE VIEW product_fts_source AS
SELECT
    p.id AS id,
    {_spaced_name()} AS name_chars,
    lower(replace(coalesce(p.pinyin_initials, ''), ' ', '')) AS initials,
    lower(replace(coalesce(p.pinyin_full, ''), ' ', '')
          || CASE WHEN instr(coalesce(p.pinyin_full, ''), ' ') > 0
                  THEN ' ' || p.pinyin_full ELSE '' END) AS pinyin
FROM product p
"""

_INSERT_ROW = (
    "INSERT INTO product_fts(rowid, name_chars, initials, pinyin) "
    "SELECT id, name_chars, initials, pinyin FROM product_fts_source WHERE id = {ref};"
)

TRIGGERS = {
    "product_fts_ai": f"""
CREATE TRIGGER product_fts_ai AFTER INSERT ON product BEGIN
    {_INSERT_ROW.format(ref="NEW.id")}
END""",
    "product_fts_ad": """
CREATE TRIGGER product_fts_ad AFTER DELETE ON product BEGIN
    DELETE FROM product_fts WHERE rowid = OLD.id;
END""",
    "product_fts_au": f"""
CREATE TRIGGER product_fts_au AFTER UPDATE OF id, name, pinyin_initials, pinyin_full ON product
BEGIN
    DELETE FROM product_fts WHERE rowid = OLD.id;
    {_INSERT_ROW.format(ref="NEW.id")}
END""",
}


def create_triggers() -> None:
    for name, sql in TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(sql)


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE product_fts USING fts5("
        "name_chars, initials, pinyin, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
    )
    op.execute(SOURCE_VIEW)
    create_triggers()
    # Products already in the file (an upgraded shop) are indexed once here.
    op.execute(
        "INSERT INTO product_fts(rowid, name_chars, initials, pinyin) "
        "SELECT id, name_chars, initials, pinyin FROM product_fts_source"
    )


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP VIEW IF EXISTS product_fts_source")
    op.execute("DROP TABLE IF EXISTS product_fts")
