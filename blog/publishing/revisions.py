"""Comparing two saved versions of a post, word by word, for the admin's history."""

import difflib
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

COMPARED_FIELDS = [("title", _("Title")), ("excerpt", _("Excerpt")), ("body", _("Text")),
                   ("status", _("Status")), ("published_at", _("Publish time"))]  # fmt: skip


def readable(field: str, value) -> str:
    if value is None:
        return ""
    text = str(value)
    if field == "body":
        # One paragraph a line, so the comparison follows the text's structure.
        text = re.sub(r"</(p|h[2-4]|li|blockquote|figcaption)>", "\n", text)
        text = strip_tags(text)
    return text


def highlight(old: str, new: str) -> str:
    """`new` with removed words in <del> and added words in <ins>, all text escaped."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(new_words[b1:b2])))
            continue
        if op in {"replace", "delete"}:
            parts.append(f"<del>{escape(''.join(old_words[a1:a2]))}</del>")
        if op in {"replace", "insert"}:
            parts.append(f"<ins>{escape(''.join(new_words[b1:b2]))}</ins>")
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 - escaped above


def compare(old: dict, new: dict) -> list[dict]:
    """One row per field: its label, whether it changed and the highlighted text."""
    rows = []
    for field, label in COMPARED_FIELDS:
        before, after = readable(field, old.get(field)), readable(field, new.get(field))
        rows.append({"label": label, "changed": before != after, "diff": highlight(before, after)})
    return rows
