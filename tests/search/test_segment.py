"""Segmentation and number keys: pure functions, no database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gongkai.search import highlight
from gongkai.search.segment import (
    normalise_number,
    query_plan,
    segment,
    tokens_for_index,
)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("卫司发〔2023〕12号", "卫司发[2023]12号"),
        ("卫司发[2023]12号", "卫司发[2023]12号"),
        ("卫司发【2023】12号", "卫司发[2023]12号"),
        ("卫司发（2023）12号", "卫司发[2023]12号"),
        ("卫司发(2023)12号", "卫司发[2023]12号"),
        ("卫司发﹝2023﹞12号", "卫司发[2023]12号"),
        ("卫司发［２０２３］１２号", "卫司发[2023]12号"),
        (" 卫司发 〔2023〕 12 号 ", "卫司发[2023]12号"),
        ("000014349/2018-00222", "000014349/2018-00222"),
        ("000014349／2018—00222", "000014349/2018-00222"),
        ("ＡＢ-2023-1", "ab-2023-1"),
        ("", ""),
    ],
)
def test_number_key(typed, key):
    assert normalise_number(typed) == key


def test_index_tokens_include_short_words_inside_long_ones():
    tokens = tokens_for_index("中卫市司法局准予行政许可决定书")
    for word in ("中卫市", "司法", "司法局", "行政", "许可", "行政许可", "决定书"):
        assert word in tokens


def test_index_tokens_drop_punctuation_and_fold_width_and_case():
    tokens = tokens_for_index("卫司发〔２０２３〕12号，ＰＤＦ！")
    assert "〔" not in tokens and "，" not in tokens and "！" not in tokens
    assert "2023" in tokens
    assert "pdf" in tokens


def test_segment_is_cut_at_the_limit():
    text = segment(["行政许可事项清单"] * 100, limit=50)
    assert 0 < len(text) <= 50
    assert text == text.strip()


def test_query_plan_of_blank_input_is_empty():
    assert query_plan("  \t ").is_empty
    assert query_plan("").is_empty


def test_query_plan_drops_function_words_unless_alone():
    plan = query_plan("司法的许可")
    assert ("的",) not in [alt for clause in plan.clauses for alt in clause]
    assert query_plan("的").clauses == ((("的",),),)


def test_query_plan_lets_long_words_match_through_their_parts():
    (clause,) = query_plan("行政许可").clauses
    assert clause == (("行政许可",), ("行政", "许可"))


def test_query_plan_is_bounded():
    plan = query_plan("许可 " * 500 + "".join(chr(0x4E00 + i) + " " for i in range(60)))
    assert len(plan.clauses) <= 12


def test_query_terms_are_longest_first():
    terms = query_plan("中卫市司法局").terms
    assert terms.index("司法局") < terms.index("司法")


@pytest.mark.parametrize(
    ("text", "terms", "html"),
    [
        ("司法局", ["司法"], "<mark>司法</mark>局"),
        ("a<b>司法</b>", ["司法"], "a&lt;b&gt;<mark>司法</mark>&lt;/b&gt;"),
        ("行政许可", ["行政许可", "许可"], "<mark>行政许可</mark>"),
        ("ＰＤＦ和pdf", ["pdf"], "<mark>ＰＤＦ</mark>和<mark>pdf</mark>"),
        ("无", [], "无"),
        ("x&y", ["&"], "x<mark>&amp;</mark>y"),
    ],
)
def test_highlight(text, terms, html):
    assert highlight.highlight(text, terms) == html


def test_snippet_without_a_match_is_empty_and_excerpt_is_escaped():
    assert highlight.snippet("没有匹配", ["司法"]) == ""
    assert highlight.excerpt("<i>" + "字" * 300).startswith("&lt;i&gt;字")
    assert highlight.excerpt("<i>" + "字" * 300).endswith("…")


def test_jieba_starts_quietly_with_a_private_cache(tmp_path):
    # A fresh interpreter, warnings as errors: nothing may reach stderr.
    env = {**os.environ, "GONGKAI_JIEBA_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "from gongkai.search.segment import tokens_for_index;"
        "print(' '.join(tokens_for_index('中卫市司法局')))"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.split() == ["中卫", "中卫市", "司法", "司法局"]
    assert (tmp_path / "cache" / "jieba.cache").is_file()
