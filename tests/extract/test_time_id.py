"""Indonesian time expressions: recognition span, TIMEX3 type/value, granularity and interval.

Every sentence here is written for this test. `P` is the publication date (document creation time).
"""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract.time import TimeExpr, find_times, resolve_future, supported_languages

P = date(2023, 3, 2)  # a Thursday
D = date

# (sentence, published, span, type, value, granularity, date_start, date_end)
CASES = [
    # full dates
    ("Kedua menteri bertemu pada 2 Maret 2023 di Jakarta.", P, "2 Maret 2023", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("Rapat kabinet digelar tanggal 15 Agustus 2022 di Bogor.", P, "tanggal 15 Agustus 2022", "DATE", "2022-08-15", "day", D(2022, 8, 15), D(2022, 8, 15)),
    ("Nota kesepahaman diteken pada 2/3/2023 oleh kedua pihak.", P, "2/3/2023", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("Surat bertanggal 2023-03-02 itu beredar luas.", P, "2023-03-02", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("Pesawat kepresidenan mendarat 7 Okt. 2022 di Halim.", P, "7 Okt. 2022", "DATE", "2022-10-07", "day", D(2022, 10, 7), D(2022, 10, 7)),
    ("Gencatan senjata berlaku sejak 31 Desember 2022.", P, "31 Desember 2022", "DATE", "2022-12-31", "day", D(2022, 12, 31), D(2022, 12, 31)),
    # day and month without year: the nearest year
    ("Delegasi itu tiba di Denpasar 20 Mei dengan pesawat sewaan.", D(2021, 5, 22), "20 Mei", "DATE", "2021-05-20", "day", D(2021, 5, 20), D(2021, 5, 20)),
    ("Konferensi pers digelar 28 Desember di kantor kementerian.", D(2023, 1, 4), "28 Desember", "DATE", "2022-12-28", "day", D(2022, 12, 28), D(2022, 12, 28)),
    # weekday with a bracketed date
    ("Kedua juru runding bertemu Jumat (3/3) di Singapura.", D(2023, 3, 4), "Jumat (3/3)", "DATE", "2023-03-03", "day", D(2023, 3, 3), D(2023, 3, 3)),
    ("Presiden membuka sidang Kamis (2/3/2023) pagi.", P, "Kamis (2/3/2023) pagi", "TIME", "2023-03-02TMO", "time", D(2023, 3, 2), D(2023, 3, 2)),
    ("Tim SAR menemukan bangkai kapal Senin (29/12).", D(2014, 12, 30), "Senin (29/12)", "DATE", "2014-12-29", "day", D(2014, 12, 29), D(2014, 12, 29)),
    ("Utusan khusus itu berbicara Rabu (19 Mei) di hadapan wartawan.", D(2021, 5, 20), "Rabu (19 Mei)", "DATE", "2021-05-19", "day", D(2021, 5, 19), D(2021, 5, 19)),
    ("Pertemuan berlangsung Selasa, 14 Februari 2023, di Tokyo.", P, "Selasa, 14 Februari 2023", "DATE", "2023-02-14", "day", D(2023, 2, 14), D(2023, 2, 14)),
    # weekday alone: the nearest such day on or before the publication date
    ("Menteri itu menyampaikan pernyataannya Kamis.", D(2023, 3, 4), "Kamis", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("Mereka berbincang pada hari Senin di sela sidang.", P, "hari Senin", "DATE", "2023-02-27", "day", D(2023, 2, 27), D(2023, 2, 27)),
    ("Kesepakatan itu dicapai Kamis lalu.", P, "Kamis lalu", "DATE", "2023-02-23", "day", D(2023, 2, 23), D(2023, 2, 23)),
    ("Parlemen akan memutuskan Jumat depan.", P, "Jumat depan", "DATE", "2023-03-03", "day", D(2023, 3, 3), D(2023, 3, 3)),
    # months
    ("Harga beras naik sejak Januari 2022.", P, "Januari 2022", "DATE", "2022-01", "month", D(2022, 1, 1), D(2022, 1, 31)),
    ("Hal itu sudah dibahas pada Januari di Brussel.", P, "Januari", "DATE", "2023-01", "month", D(2023, 1, 1), D(2023, 1, 31)),
    ("Kedua pihak sudah bertemu Januari lalu.", P, "Januari lalu", "DATE", "2023-01", "month", D(2023, 1, 1), D(2023, 1, 31)),
    ("Kedua pihak sudah bertemu Januari lalu.", D(2023, 1, 20), "Januari lalu", "DATE", "2022-01", "month", D(2022, 1, 1), D(2022, 1, 31)),
    ("Kontrak itu diperpanjang pada bulan Desember 2022.", P, "bulan Desember 2022", "DATE", "2022-12", "month", D(2022, 12, 1), D(2022, 12, 31)),
    ("Pabrik itu mulai beroperasi awal Maret.", D(2023, 3, 20), "awal Maret", "DATE", "2023-03", "month", D(2023, 3, 1), D(2023, 3, 31)),
    ("Festival berlangsung Maret-April 2023 di tiga kota.", P, "Maret-April 2023", "DATE", "2023-03", "range", D(2023, 3, 1), D(2023, 4, 30)),
    # relative to the publication date
    ("Angka inflasi bulan lalu lebih rendah.", P, "bulan lalu", "DATE", "2023-02", "month", D(2023, 2, 1), D(2023, 2, 28)),
    ("Kapal itu berlabuh minggu lalu.", P, "minggu lalu", "DATE", "2023-W08", "week", D(2023, 2, 20), D(2023, 2, 26)),
    ("Ia dilantik pekan lalu.", P, "pekan lalu", "DATE", "2023-W08", "week", D(2023, 2, 20), D(2023, 2, 26)),
    ("Ekspor naik tahun lalu.", P, "tahun lalu", "DATE", "2022", "year", D(2022, 1, 1), D(2022, 12, 31)),
    ("Ia sudah mendarat kemarin.", P, "kemarin", "DATE", "2023-03-01", "day", D(2023, 3, 1), D(2023, 3, 1)),
    ("Pasar saham dibuka menguat hari ini.", P, "hari ini", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("Rombongan bertolak besok.", P, "besok", "DATE", "2023-03-03", "day", D(2023, 3, 3), D(2023, 3, 3)),
    ("Hasilnya diumumkan lusa.", P, "lusa", "DATE", "2023-03-04", "day", D(2023, 3, 4), D(2023, 3, 4)),
    ("Pembicaraan dilanjutkan pekan depan.", P, "pekan depan", "DATE", "2023-W10", "week", D(2023, 3, 6), D(2023, 3, 12)),
    ("Tarif baru berlaku bulan depan.", P, "bulan depan", "DATE", "2023-04", "month", D(2023, 4, 1), D(2023, 4, 30)),
    ("Pemilu digelar tahun depan.", P, "tahun depan", "DATE", "2024", "year", D(2024, 1, 1), D(2024, 12, 31)),
    ("Jembatan itu runtuh tiga hari lalu.", P, "tiga hari lalu", "DATE", "2023-02-27", "day", D(2023, 2, 27), D(2023, 2, 27)),
    ("Kapal itu hilang dua pekan lalu.", P, "dua pekan lalu", "DATE", "2023-W07", "week", D(2023, 2, 13), D(2023, 2, 19)),
    ("Pabrik itu ditutup dua tahun lalu.", P, "dua tahun lalu", "DATE", "2021", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("Rapat serupa digelar pekan ini.", P, "pekan ini", "DATE", "2023-W09", "week", D(2023, 2, 27), D(2023, 3, 5)),
    ("Target itu harus dicapai tahun ini.", P, "tahun ini", "DATE", "2023", "year", D(2023, 1, 1), D(2023, 12, 31)),
    ("Utang itu jatuh tempo akhir tahun lalu.", P, "akhir tahun lalu", "DATE", "2022", "year", D(2022, 1, 1), D(2022, 12, 31)),
    ("Banjir melanda kota itu akhir pekan lalu.", P, "akhir pekan lalu", "DATE", "2023-W08-WE", "range", D(2023, 2, 25), D(2023, 2, 26)),
    # seasons
    ("Kedua menlu bertelepon musim panas lalu.", P, "musim panas lalu", "DATE", "2022-SU", "season", D(2022, 6, 1), D(2022, 8, 31)),
    ("Jalur itu ditutup selama musim dingin 2021.", P, "musim dingin 2021", "DATE", "2021-WI", "season", D(2021, 12, 1), D(2022, 2, 28)),
    # parts of day and clock times
    ("Kapal itu tenggelam Senin pagi.", D(2014, 12, 30), "Senin pagi", "TIME", "2014-12-29TMO", "time", D(2014, 12, 29), D(2014, 12, 29)),
    ("Pesawat hilang kontak Minggu malam.", D(2014, 12, 30), "Minggu malam", "TIME", "2014-12-28TNI", "time", D(2014, 12, 28), D(2014, 12, 28)),
    ("Kontak terakhir terjadi pukul 06.12 WIB.", D(2014, 12, 28), "pukul 06.12 WIB", "TIME", "2014-12-28T06:12", "time", D(2014, 12, 28), D(2014, 12, 28)),
    ("Sidang dimulai pukul 14.00 di gedung parlemen.", P, "pukul 14.00", "TIME", "2023-03-02T14:00", "time", D(2023, 3, 2), D(2023, 3, 2)),
    ("Jamuan makan digelar pukul 7 malam.", P, "pukul 7 malam", "TIME", "2023-03-02T19:00", "time", D(2023, 3, 2), D(2023, 3, 2)),
    ("Gempa terasa kemarin pagi.", P, "kemarin pagi", "TIME", "2023-03-01TMO", "time", D(2023, 3, 1), D(2023, 3, 1)),
    # ranges
    ("Pameran berlangsung 1-3 Maret 2023 di Surabaya.", P, "1-3 Maret 2023", "DATE", "2023-03-01", "range", D(2023, 3, 1), D(2023, 3, 3)),
    ("Latihan gabungan digelar 1 hingga 3 Maret di Natuna.", D(2023, 3, 10), "1 hingga 3 Maret", "DATE", "2023-03-01", "range", D(2023, 3, 1), D(2023, 3, 3)),
    ("Kunjungan berlangsung 28 Februari - 2 Maret 2023.", P, "28 Februari - 2 Maret 2023", "DATE", "2023-02-28", "range", D(2023, 2, 28), D(2023, 3, 2)),
    # years, decades, centuries, quarters
    ("Pabrik itu dibangun pada tahun 2022.", P, "tahun 2022", "DATE", "2022", "year", D(2022, 1, 1), D(2022, 12, 31)),
    ("Ia menjabat sejak 2010 tanpa jeda.", P, "2010", "DATE", "2010", "year", D(2010, 1, 1), D(2010, 12, 31)),
    ("Penjualan turun pada pertengahan 2022.", P, "pertengahan 2022", "DATE", "2022", "year", D(2022, 1, 1), D(2022, 12, 31)),
    ("Lagu itu populer pada tahun 1990-an.", P, "tahun 1990-an", "DATE", "199", "decade", D(1990, 1, 1), D(1999, 12, 31)),
    ("Tantangan terbesar abad ke-21 adalah iklim.", P, "abad ke-21", "DATE", "20", "century", D(2000, 1, 1), D(2099, 12, 31)),
    ("Laba bersih naik pada kuartal pertama 2023.", P, "kuartal pertama 2023", "DATE", "2023-Q1", "quarter", D(2023, 1, 1), D(2023, 3, 31)),
    ("Ekspor melonjak pada kuartal III/2022.", P, "kuartal III/2022", "DATE", "2022-Q3", "quarter", D(2022, 7, 1), D(2022, 9, 30)),
    ("Perayaan Natal 2022 berlangsung meriah.", P, "Natal 2022", "DATE", "2022-12-25", "day", D(2022, 12, 25), D(2022, 12, 25)),
    # durations (never dates)
    ("Rapat itu hanya berlangsung 10 menit.", P, "10 menit", "DURATION", "PT10M", None, None, None),
    ("Keduanya berbicara selama 1 jam 45 menit.", P, "1 jam 45 menit", "DURATION", "PT1H45M", None, None, None),
    ("Pertemuan itu berlangsung kurang dari 10 menit.", P, "kurang dari 10 menit", "DURATION", "PT10M", None, None, None),
    ("Mereka berunding sekitar dua jam.", P, "sekitar dua jam", "DURATION", "PT2H", None, None, None),
    ("Proyek itu tertunda enam bulan.", P, "enam bulan", "DURATION", "P6M", None, None, None),
    ("Kunjungan itu berlangsung tiga hari.", P, "tiga hari", "DURATION", "P3D", None, None, None),
    ("Antrean mengular setengah jam.", P, "setengah jam", "DURATION", "PT30M", None, None, None),
    ("Wawancara itu berlangsung dua puluh lima menit.", P, "dua puluh lima menit", "DURATION", "PT25M", None, None, None),
    ("Harga minyak naik dalam beberapa bulan terakhir.", P, "beberapa bulan terakhir", "DURATION", "PXM", None, None, None),
    ("Inflasi stabil tiga tahun terakhir.", P, "tiga tahun terakhir", "DURATION", "P3Y", None, None, None),
    ("Kapal itu singgah sehari di Makassar.", P, "sehari", "DURATION", "P1D", None, None, None),
    ("Gencatan senjata diperpanjang dua pekan ke depan.", P, "dua pekan ke depan", "DURATION", "P2W", None, None, None),
    # sets
    ("Forum itu digelar setiap tahun.", P, "setiap tahun", "SET", "P1Y", None, None, None),
    ("Para menteri rapat setiap Senin.", P, "setiap Senin", "SET", "XXXX-WXX-1", None, None, None),
    ("Data itu diperbarui tiap bulan.", P, "tiap bulan", "SET", "P1M", None, None, None),
    # references
    ("Situasinya saat ini masih tegang.", P, "saat ini", "DATE", "PRESENT_REF", None, None, None),
    ("Sekarang harga cabai turun.", P, "Sekarang", "DATE", "PRESENT_REF", None, None, None),
    ("Kasus serupa baru-baru ini terjadi di Medan.", P, "baru-baru ini", "DATE", "PAST_REF", None, None, None),
    ("Kerja sama itu penting bagi masa depan kawasan.", P, "masa depan", "DATE", "FUTURE_REF", None, None, None),
    # a bracketed date with its part of day is one TIME; day words with a part of day are TIMEs
    ("Tim SAR kembali menyisir perairan itu Rabu (31/12) pagi.", D(2015, 1, 2), "Rabu (31/12) pagi", "TIME", "2014-12-31TMO", "time", D(2014, 12, 31), D(2014, 12, 31)),
    ("Air mulai surut pagi ini.", P, "pagi ini", "TIME", "2023-03-02TMO", "time", D(2023, 3, 2), D(2023, 3, 2)),
    ("Hujan deras mengguyur kota tadi malam.", P, "tadi malam", "TIME", "2023-03-01TNI", "time", D(2023, 3, 1), D(2023, 3, 1)),
    ("Penerbangan ditutup sejak Rabu (1/3) pukul 00.00 WIB.", P, "Rabu (1/3) pukul 00.00 WIB", "TIME", "2023-03-01T00:00", "time", D(2023, 3, 1), D(2023, 3, 1)),
    # quarters with a hyphenated year
    ("Basis kuartal II-2020 sangat rendah.", D(2021, 5, 6), "kuartal II-2020", "DATE", "2020-Q2", "quarter", D(2020, 4, 1), D(2020, 6, 30)),
    # frequencies: "dua kali sehari" is every day (twice), "dua pekan sekali" every two weeks
    ("Tim medis memeriksa pasien dua kali sehari.", P, "dua kali sehari", "SET", "P1D", None, None, None),
    ("Kebijakan itu dievaluasi dua pekan sekali.", P, "dua pekan sekali", "SET", "P2W", None, None, None),
]


def _find(sentence: str, published: date, span: str) -> TimeExpr:
    found = find_times(sentence, "id", published)
    for t in found:
        if t.text == span:
            return t
    raise AssertionError(f"{span!r} not found in {sentence!r}; found {[(t.text, t.value) for t in found]}")


@pytest.mark.parametrize("sentence,published,span,typ,value,gran,start,end", CASES,
                         ids=[f"{i:02d}-{c[2]}" for i, c in enumerate(CASES)])
def test_expression(sentence, published, span, typ, value, gran, start, end):
    t = _find(sentence, published, span)
    assert sentence[t.start:t.end] == span
    assert (t.type, t.value, t.granularity, t.date_start, t.date_end) == (typ, value, gran, start, end)


def test_at_least_sixty_cases():
    assert len(CASES) >= 60


def test_supported_languages():
    assert {"id", "en"} <= set(supported_languages())


def test_weekday_date_conflict_keeps_both_readings():
    text = "Kedua diplomat bertemu Rabu (20 Mei) di ibu kota."
    t = _find(text, D(2021, 5, 20), "Rabu (20 Mei)")
    assert t.value == "2021-05-20" and t.weekday == 2
    assert t.conflicts == ("'Rabu (20 Mei)': 20 May 2021 is a Thursday, not a Wednesday",)
    assert t.alt_value == "2021-05-19"
    assert t.basis == "relative"


def test_weekday_date_without_conflict():
    t = _find("Sidang berlanjut Jumat (3/3).", D(2023, 3, 4), "Jumat (3/3)")
    assert t.conflicts == () and t.alt_value is None and t.weekday == 4


def test_duration_details():
    t = _find("Keduanya berbicara selama 1 jam 45 menit.", P, "1 jam 45 menit")
    assert t.duration_minutes == 105
    t = _find("Pertemuan itu berlangsung kurang dari 10 menit.", P, "kurang dari 10 menit")
    assert (t.mod, t.duration_minutes) == ("LESS_THAN", 10)
    t = _find("Mereka berunding sekitar dua jam.", P, "sekitar dua jam")
    assert t.mod == "APPROX"


def test_mods_and_basis():
    assert _find("Utang itu jatuh tempo akhir tahun lalu.", P, "akhir tahun lalu").mod == "END"
    assert _find("Pabrik itu mulai beroperasi awal Maret.", P, "awal Maret").mod == "START"
    assert _find("Harga beras naik sejak Januari 2022.", P, "Januari 2022").basis == "explicit"
    assert _find("Kedua pihak sudah bertemu Januari lalu.", P, "Januari lalu").basis == "relative"


def test_clock_time_takes_the_day_of_its_sentence():
    text = "Kedua presiden bertemu Selasa (16/5/2023) di istana, mulai pukul 10.00 WIB."
    found = find_times(text, "id", D(2023, 5, 17))
    assert [(t.text, t.value) for t in found] == [
        ("Selasa (16/5/2023)", "2023-05-16"), ("pukul 10.00 WIB", "2023-05-16T10:00")]
    # a weekday with its bracketed date and the clock time right after it are one TIME
    text = "Kedua presiden bertemu Selasa (16/5/2023) pukul 10.00 WIB di istana."
    found = find_times(text, "id", D(2023, 5, 17))
    assert [(t.text, t.type, t.value) for t in found] == [
        ("Selasa (16/5/2023) pukul 10.00 WIB", "TIME", "2023-05-16T10:00")]


def test_clock_time_takes_the_day_of_the_story():
    text = "Persebaya menang atas Persija, Minggu (11/2) malam. Laga dimulai pukul 19.00 WIB."
    t = _find(text, D(2024, 2, 12), "pukul 19.00 WIB")
    assert t.value == "2024-02-11T19:00"


def test_previous_quarter_counts_from_the_quarter_just_named():
    text = "Ekonomi terkontraksi pada kuartal I-2021, lebih dangkal dibandingkan kuartal sebelumnya."
    t = _find(text, D(2021, 5, 6), "kuartal sebelumnya")
    assert (t.value, t.granularity) == ("2020-Q4", "quarter")


def test_year_on_year_is_not_a_set():
    found = find_times("Ekonomi tumbuh 5 persen secara tahunan.", "id", P)
    assert [t for t in found if t.type == "SET"] == []


def test_next_day_is_anchored_to_the_previous_date():
    text = "Mereka tiba 2 Maret 2023. Keesokan harinya kedua menteri bertemu."
    t = _find(text, D(2023, 3, 10), "Keesokan harinya")
    assert t.value == "2023-03-03"


def test_future_cue_reads_weekday_forwards():
    t = _find("Kedua menteri akan bertemu Jumat di Jenewa.", P, "Jumat")
    assert (t.value, t.anchor_future) == ("2023-03-03", True)
    t = _find("Kedua menteri bertemu Jumat di Jenewa.", P, "Jumat")
    assert (t.value, t.anchor_future) == ("2023-02-24", False)


def test_resolve_future():
    t = _find("Kedua menteri bertemu Jumat di Jenewa.", P, "Jumat")
    f = resolve_future(t, P)
    assert (f.value, f.date_start, f.anchor_future) == ("2023-03-03", D(2023, 3, 3), True)
    t = _find("Delegasi tiba 20 Februari di Bali.", P, "20 Februari")
    assert t.value == "2023-02-20"
    assert resolve_future(t, P).value == "2024-02-20"
    explicit = _find("Rapat digelar 2 Maret 2023.", P, "2 Maret 2023")
    assert resolve_future(explicit, P) is explicit


def test_minggu_is_a_week_or_a_sunday():
    assert _find("Kapal itu berlabuh minggu lalu.", P, "minggu lalu").granularity == "week"
    t = _find("Ia berpidato Minggu (26/2) di Medan.", P, "Minggu (26/2)")
    assert (t.value, t.conflicts) == ("2023-02-26", ())


@pytest.mark.parametrize("text", [
    "KTT G20 di Bali dihadiri 2.000 delegasi.",
    "Anggaran itu mencapai Rp 2023 miliar.",
    "Sebanyak 2022 orang mengungsi ke gedung sekolah.",
    "Makan malam bersama digelar di hotel.",
    "Ia menjadi juara pertama lomba itu.",
])
def test_no_false_dates(text):
    assert [t for t in find_times(text, "id", P) if t.type in ("DATE", "TIME")] == []


def test_unanchored_without_publication_date():
    t = _find("Kedua pihak bertemu kemarin.", None, "kemarin")
    assert (t.value, t.basis, t.date_start) == ("XXXX-XX-XX", "none", None)
    t = _find("Mereka bertemu 20 Mei.", None, "20 Mei")
    assert (t.value, t.basis) == ("XXXX-05-20", "none")
    t = _find("Mereka bertemu 20 Mei 2021.", None, "20 Mei 2021")
    assert (t.value, t.basis) == ("2021-05-20", "explicit")


def test_results_are_sorted_and_disjoint():
    text = ("Senin (6/3) pukul 09.00 WIB, menteri bertemu mitranya selama 1 jam 45 menit; "
            "pekan lalu mereka bertelepon, dan Januari lalu bertemu di Jenewa.")
    found = find_times(text, "id", D(2023, 3, 7))
    assert [t.start for t in found] == sorted(t.start for t in found)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    assert [t.text for t in found] == ["Senin (6/3) pukul 09.00 WIB", "1 jam 45 menit", "pekan lalu", "Januari lalu"]


def test_the_following_day_counts_from_a_span_mentioned_before():
    from datetime import date

    from kb.extract.time import find_times

    text = "Delegasi berada di Hanoi pada 3-4 Mei 2022. Pertemuan dengan menteri digelar pada hari berikutnya."
    values = {e.text: e.value for e in find_times(text, "id", date(2022, 5, 10))}
    assert values["pada hari berikutnya"] == "2022-05-04"
