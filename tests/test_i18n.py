"""The catalogue: every key in every language with the same fields, and a visitor's language chosen sensibly."""
import pytest

from core.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    MissingMessage,
    UnknownLanguage,
    bundle,
    catalogue,
    choose_language,
    fields,
    from_accept_language,
    language,
    t,
)


def test_every_message_has_every_language_and_the_same_fields():
    messages = catalogue()
    assert messages, "the catalogue is empty"
    for key, texts in messages.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key
        assert {fields(text) for text in texts.values()} == {fields(texts["en"])}, key


def test_five_languages_with_english_the_default():
    assert len(LANGUAGES) == 5 and DEFAULT_LANGUAGE == "en" and {"en", "de", "fr", "es"} <= set(LANGUAGES)


@pytest.mark.parametrize("code, lang", [("de", "de"), ("de-AT", "de"), ("FR_ch", "fr"), (" es ", "es"),
                                        ("it-IT", "it"), ("en-GB", "en")])
def test_a_language_tag_names_its_language(code, lang):
    assert language(code) == lang


@pytest.mark.parametrize("code", ["", None, "xx", "zh-CN", "de;drop table", "<script>", "d" * 500, 42])
def test_a_garbage_or_unspoken_language_is_refused(code):
    with pytest.raises(UnknownLanguage):
        language(code)


@pytest.mark.parametrize("header, lang", [
    ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr"),
    ("zh-CN, de;q=0.5, en;q=0.4", "de"),
    ("en;q=0.1, es;q=0.9", "es"),
    ("it;q=0, de;q=0.2", "de"),
    ("pt-BR, ja", None),
    ("", None),
    ("de;q=banana, fr", "fr"),
])
def test_accept_language_picks_the_best_language_spoken(header, lang):
    assert from_accept_language(header) == lang


def test_the_first_spoken_candidate_wins_and_english_is_the_fallback():
    assert choose_language(None, "xx", "es-MX", "de") == "es"
    assert choose_language("", "pt-BR, de;q=0.8, en;q=0.5") == "de"
    assert choose_language(None, "klingon") == DEFAULT_LANGUAGE


def test_a_message_is_filled_in_its_language_and_an_unknown_key_is_named():
    assert t("de", "common.language") == "Sprache"
    assert t("xx", "common.language") == "Language"
    with pytest.raises(MissingMessage):
        t("en", "common.no-such-key")


def test_a_bundle_holds_only_its_areas_in_one_language():
    strings = bundle("fr", "common")
    assert strings["common.language"] == "Langue" and all(k.startswith("common.") for k in strings)


@pytest.mark.parametrize("lang, seconds", [("en", "8.9"), ("de", "8,9"), ("es", "8,9"), ("it", "8,9"), ("fr", "8,9")])
def test_a_number_filled_in_is_written_as_the_language_writes_it(lang, seconds):
    assert f"{seconds} s" in t(lang, "play.won", winner="Fake Vision", seconds=8.94)


def test_thousands_are_grouped_as_each_language_groups_them_and_text_is_left_alone():
    from core.i18n import _Numbers
    assert _Numbers("de").format("{n:,} {w}", n=12345, w="a.b,c") == "12.345 a.b,c"
    assert _Numbers("fr").format("{x:,.1f}", x=1234.5) == "1\u202f234,5"
