"""clean_text, detect_language and parse_published, table-driven (sentences written for these tests)."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest

from kb.errors import InputError
from kb.ingest import clean_text, detect_language, normalise_language, parse_published, supported_languages

REAL = "Kedua menteri sepakat memperluas kerja sama di bidang pendidikan."


@pytest.mark.parametrize("line", [
    "loading...", "Loading", "A", "A A A", "A- A A+", "Baca juga: Harga Beras Naik Lagi di Pasar Induk",
    "Baca Juga : Hujan Deras Guyur Ibu Kota Sejak Pagi", "BACA JUGA", "Read also: Storm hits the coast",
    "Read more", "ADVERTISEMENT", "- Advertisement -", "Iklan", "Scroll to continue with content",
    "Scroll to Top", "Share", "Tweet", "Bagikan :", "Copy link", "Share | Tweet | WhatsApp",
    "We use cookies to improve your experience on our site.", "Editor: Budi Santoso", "Penulis : Siti Aminah",
    "Sumber : Kantor Berita/XY", "(Foto: Dokumentasi Kementerian)", "Foto: ANTARA/Fotografer",
    "Follow us on Instagram", "Dapatkan update berita pilihan dan breaking news setiap hari dari kami di Google News",
    "Ikuti kami di Google News", "(abc)", "(XYZ)", "[pqr]", "(ab / ab)", "***", "—",
    "© 2024 Contoh Media. All rights reserved.", "Halaman 2 dari 3", "Tags: politik, diplomasi",
    "(Reporting by Jane Roe; Editing by John Doe)", "By Jane Roe", "12 Komentar",
])
def test_boilerplate_lines_are_dropped(line):
    assert clean_text(f"{REAL}\n{line}\n") == (REAL,)


@pytest.mark.parametrize("line", [
    "Menurut penulis buku itu, pertemuan tersebut berlangsung hangat dan terbuka.",
    "Editor senior surat kabar itu mengatakan berita tersebut belum dikonfirmasi.",
    "Share prices fell sharply after the two leaders ended their meeting.",
    "Read the full statement, the ministry said on its website on Friday.",
    "Related to the talks, the minister also met business leaders.",
    "Iran",
    "Foto bersama dilakukan setelah pertemuan selesai.",
    "Sumber di kementerian mengatakan kepada wartawan bahwa kunjungan itu akan dilanjutkan pekan depan "
    "setelah kedua pihak menyepakati jadwal dan agenda pembicaraan yang lebih rinci.",
])
def test_real_text_is_kept(line):
    assert clean_text(f"{REAL}\n{line}\n") == (REAL, line)


def test_repeated_paragraph_block_kept_once():
    block = ["Paragraf pertama tentang kunjungan itu.", "Paragraf kedua tentang hasilnya."]
    raw = "\n".join(["Judul", *block, "Paragraf penutup sebelum pengulangan.", *block, " Paragraf   kedua tentang hasilnya. "])
    assert clean_text(raw) == ("Judul", *block, "Paragraf penutup sebelum pengulangan.")


def test_whitespace_and_invisible_characters():
    raw = ("\ufeffSatu\u00a0dua\u2009tiga\u200b empat\u00ad.\r\n\r\n\t Lima \u3000 enam\u2028tujuh\x0cdelapan\x07."
           "\u200e\r\n\n\n")
    assert clean_text(raw) == ("Satu dua tiga empat.", "Lima enam", "tujuh", "delapan.")


def test_nfc():
    decomposed = "Cafe\u0301 di Sa\u0303o Paulo menjadi tempat pertemuan."
    (para,) = clean_text(decomposed)
    assert para == unicodedata.normalize("NFC", decomposed)
    assert "\u0301" not in para and "é" in para


def test_empty_and_whitespace():
    assert clean_text("") == ()
    assert clean_text(" \n\t\u00a0\n\u200b") == ()


@pytest.mark.parametrize("text,lang", [
    ("Presiden menerima kunjungan duta besar itu di istana pada hari Kamis.", "id"),
    ("Mereka membahas kerja sama ekonomi dan keamanan di kawasan.", "id"),
    ("Menlu bertemu dengan mitranya untuk membicarakan rencana tersebut.", "id"),
    ("The president received the ambassador at the palace on Thursday.", "en"),
    ("They discussed economic and security cooperation in the region.", "en"),
    ("The minister met his counterpart to talk about the plan.", "en"),
    ("Die Minister trafen sich am Montag in der Hauptstadt und sprachen über den Handel.", "de"),
    ("Les ministres se sont rencontrés lundi dans la capitale pour parler du commerce.", "fr"),
    ("Министры встретились в понедельник в столице.", "und"),
    ("وزيرا الخارجية التقيا يوم الاثنين", "und"),
    ("", "und"),
    ("12345 67890", "und"),
    ("Xyzzy plugh", "und"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("code,expected", [("id", "id"), ("ID", "id"), ("ind", "id"), ("id-ID", "id"),
                                           ("en_US", "en"), ("eng", "en"), ("ger", "de"), ("ru", "ru"),
                                           ("ace", "ace")])
def test_normalise_language(code, expected):
    assert normalise_language(code) == expected


@pytest.mark.parametrize("code", ["xx", "und", "zxx", "english", "e", "", "12", "id-", "qaa"])
def test_unknown_language_codes(code):
    with pytest.raises(ValueError, match="unknown language code"):
        normalise_language(code)


def test_supported_languages_are_the_extraction_data_folders():
    assert {"id", "en"} <= supported_languages()


@pytest.mark.parametrize("value,expected", [
    ("2023-03-02", date(2023, 3, 2)),
    (" 2023-03-02 ", date(2023, 3, 2)),
    ("2023-03-02T23:30:00+07:00", date(2023, 3, 2)),
    ("2023-03-02T23:30:00.123Z", date(2023, 3, 2)),
    ("2023-03-02 08:15", date(2023, 3, 2)),
    ("1900-01-01", date(1900, 1, 1)),
    ("2024-02-29", date(2024, 2, 29)),
])
def test_parse_published(value, expected):
    assert parse_published(value, "--published") == expected


@pytest.mark.parametrize("value,problem", [
    ("2023-02-30", "impossible published date '2023-02-30' (day is out of range for month)"),
    ("2023-13-01", "impossible published date '2023-13-01' (month must be in 1..12)"),
    ("2023-03-02T25:00", "impossible published date '2023-03-02T25:00' (time out of range)"),
    ("1899-12-31", "published date '1899-12-31' is before 1900"),
    ("0000-01-01", "impossible published date '0000-01-01' (year 0 is out of range)"),
    ((date.today() + timedelta(days=400)).isoformat(), "is more than a year in the future"),
    ("2023/03/02", "invalid published date '2023/03/02': expected YYYY-MM-DD"),
    ("02-03-2023", "expected YYYY-MM-DD"),
    ("yesterday", "expected YYYY-MM-DD"),
    ("", "expected YYYY-MM-DD"),
])
def test_parse_published_refuses(value, problem):
    with pytest.raises(InputError) as info:
        parse_published(value, "--published")
    assert info.value.source == "--published"
    assert problem in str(info.value)


def test_parse_published_accepts_up_to_a_year_ahead():
    soon = date.today() + timedelta(days=300)
    assert parse_published(soon.isoformat(), "x") == soon
