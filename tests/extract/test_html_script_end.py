"""A script or style ended by a malformed end tag must not swallow the rest of the page.

Found by the real-world corpus bench: ``</script language>`` (attributes on an end tag are a parse
error that browsers ignore) left Python's html.parser inside the script, so every later line of
the page was dropped without a note: never detected, never reviewed, missing from the bundle.
"""

from __future__ import annotations

import pytest

from redactor.extract import html
from tests.extract.helpers import only_item, text_of

NAME, PHONE = "Sarah Jones", "07700 900123"


@pytest.mark.parametrize(
    "end",
    ["</script language>", "</script >", "</SCRIPT\n>", "</script/>", '</script type="x">'],
)
def test_text_after_a_malformed_script_end_tag_is_kept(tmp_path, end):
    page = f"<html><head><script>var a = '<p>x</p>';{end}</head><body><p>{NAME} on {PHONE}</p></body></html>"
    text = html.page_text(page, tmp_path).finish()
    assert NAME in text and PHONE in text
    assert "var a" not in text


def test_style_ended_with_attributes_keeps_the_page(tmp_path):
    page = f"<style>p {{ color: red }}</style media=x><p>{NAME}</p>"
    assert NAME in html.page_text(page, tmp_path).finish()


def test_script_text_that_only_looks_like_an_end_tag_stays_hidden(tmp_path):
    page = f"<script>document.write('</scripts>{PHONE}')</script><p>{NAME}</p>"
    text = html.page_text(page, tmp_path).finish()
    assert NAME in text and PHONE not in text


def test_page_whose_only_text_follows_a_malformed_end_tag_is_read(tmp_path):
    path = tmp_path / "bad-end.html"
    path.write_text(f'<html><head><script lang="javascript">x()</script language></head><body><p>{NAME}</p></body></html>')
    assert NAME in text_of(only_item(path, tmp_path))
