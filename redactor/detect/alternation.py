"""A list of words or phrases as one regular expression that matches exactly what their alternation matches, faster.

Python's ``re`` tries the branches of ``(?:goalkeeper|keeper|striker|...)`` one after another at every position of a
text; with a hundred or more cue words that is most of a recognizer's time on short chat messages, where almost no
position starts any of them. ``alternation`` writes the same list as a trie (``(?:goal)?keeper`` shapes: one branch
per next character), so a position that starts no word fails at its first character.

It matches what the plain alternation does, in the same order of preference, when the plain one lists longer words
first (``sorted(words, key=len, reverse=True)``, as the callers did): at one position only words that are prefixes of
one another can match, and the trie tries the longer one first (a word that ends inside a longer one is the empty
branch after it, ``(?:...)?``, greedy). Under ``(?i)`` the words are folded to lower case first, so two spellings of one
word in different case are one branch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key of a word's end in a trie node


def alternation(words: Iterable[str], ignore_case: bool = False) -> str:
    """A non-capturing group matching any of ``words`` (literal text; a space as ``[ ]``), longer words preferred."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word.lower() if ignore_case else word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return "(?:" + _node(trie) + ")" if trie else "(?!)"  # no word: a group that never matches


def _node(node: dict[str, dict]) -> str:
    branches = [("[ ]" if char == " " else re.escape(char)) + _node(child) for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    if _END not in node:
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return (branches[0] if len(branches) == 1 and _single(branches[0]) else "(?:" + "|".join(branches) + ")") + "?"


def _single(branch: str) -> bool:
    """Whether ``branch`` is one atom a ``?`` may follow without a group (one character, escaped or not)."""
    return len(branch) == 1 or (len(branch) == 2 and branch[0] == "\\") or branch == "[ ]"
