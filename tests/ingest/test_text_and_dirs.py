"""Plain text, directories, gzip, stdin and the bad-input matrix."""
from __future__ import annotations

import builtins
import gzip
import io
import os
import random

import pytest

from dossier.errors import BinaryInput, ConfigError, EmptyInput, InputError, TooLarge, TruncatedArchive
from dossier.ingest import count_inputs, read_paths
from tests.conftest import TEST_DATA, shared_path
from tests.ingest.helpers import read_all

DATA = TEST_DATA / "ingest"
GERMAN = "Der Gemeinderat hat den Haushalt für 2025 beschlossen.\nÜber die Details wird im Mai beraten.\n"


def test_text_is_kept_exactly_as_decoded():
    docs, errors = read_all([DATA / "artikel.txt"])
    assert errors == []
    [doc] = docs
    assert doc.raw_text == (DATA / "artikel.txt").read_bytes().decode("utf-8")
    assert doc.raw_text.startswith(" date 2024-03")  # leading space of the metadata line kept
    assert "Sitzung.  \n" in doc.raw_text  # trailing spaces kept
    assert doc.origin == str(DATA / "artikel.txt")
    assert doc.encoding == "utf-8" and doc.structured is False
    assert "encoding_note" not in doc.metadata


def test_crlf_line_endings_are_not_translated():
    docs, _ = read_all([DATA / "latin1.txt"])
    assert docs[0].raw_text.count("\r\n") == 3


def test_latin1_file_is_detected_and_noted():
    docs, errors = read_all([DATA / "latin1.txt"])
    assert errors == []
    [doc] = docs
    assert "Bäckerei Müller in Großheim" in doc.raw_text
    assert doc.encoding == "cp1252"
    assert doc.metadata["encoding_note"] == "decoded as cp1252 (detected)"


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GERMAN.encode())
    docs, _ = read_all([path])
    assert docs[0].raw_text == GERMAN and docs[0].encoding == "utf-8"


def test_utf16_with_bom_is_text_not_binary(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(GERMAN.encode("utf-16"))
    docs, errors = read_all([path])
    assert errors == [] and docs[0].raw_text == GERMAN
    assert docs[0].metadata["encoding_note"] == "decoded as utf-16 (byte order mark)"


def test_damaged_utf8_reports_offset(tmp_path):
    path = tmp_path / "kaputt.txt"
    raw = GERMAN.encode()
    broken = raw[:20] + b"\xff\xfe" + raw[20:]
    path.write_bytes(broken)
    docs, [error] = read_all([path])
    assert docs == []
    assert type(error) is InputError
    assert "invalid bytes at offset 20" in error.message
    assert error.location == str(path)


def test_random_high_bytes_are_invalid(tmp_path):
    path = tmp_path / "noise.txt"
    noise = bytes(b for b in random.Random(7).randbytes(400) if b >= 0x20)
    path.write_bytes(b"Anfang " + noise)
    _, [error] = read_all([path])
    first_bad = len(b"Anfang ") + next(i for i, b in enumerate(noise) if b >= 0x80)
    assert type(error) is InputError
    assert f"invalid bytes at offset {first_bad}" in error.message


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "leer.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    docs, errors = read_all([tmp_path / "leer.txt", tmp_path / "blank.txt"])
    assert docs == []
    assert [type(e) for e in errors] == [EmptyInput, EmptyInput]
    assert errors[0].location.endswith("leer.txt")


@pytest.mark.parametrize("payload, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"GIF89a\x01\x00\x01\x00", "GIF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"text\x00\x00\x00\x00\x00\x00\x00\x00 more", "NUL"),
])
def test_binary_inputs_name_their_kind(tmp_path, payload, kind):
    path = tmp_path / "datei.txt"
    path.write_bytes(payload)
    _, [error] = read_all([path])
    assert isinstance(error, BinaryInput)
    assert kind in error.message


def test_too_large_is_checked_from_the_size_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "gross.txt"
    path.write_bytes(GERMAN.encode() * 10)
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        assert os.fspath(file) != str(path), "a too-large file must not be opened"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    _, [error] = read_all([path], max_bytes=100)
    assert isinstance(error, TooLarge) and "over the limit of 100" in error.message


def test_directory_is_read_recursively_sorted_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "zwei.txt").write_text("Zweiter Artikel über den Haushalt.")
    (tmp_path / "a.txt").write_text("Erster Artikel über die Wahl.")
    (tmp_path / ".versteckt.txt").write_text("geheim")
    (tmp_path / ".git" / "config.txt").write_text("intern")
    docs, errors = read_all([tmp_path])
    assert errors == []
    assert [os.path.relpath(d.origin, tmp_path) for d in docs] == ["a.txt", os.path.join("b", "zwei.txt")]
    assert count_inputs([str(tmp_path)]) == 2


def test_broken_symlink_costs_only_itself(tmp_path):
    (tmp_path / "gut.txt").write_text("Ein gültiger Artikel über die Landtagswahl.")
    os.symlink(tmp_path / "fehlt.txt", tmp_path / "kaputt.txt")
    docs, [error] = read_all([tmp_path])
    assert len(docs) == 1
    assert error.location == str(tmp_path / "kaputt.txt")
    assert "broken symbolic link" in error.message


def test_unreadable_file_in_directory(tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Artikel {name} über den Stadtrat.")
    real_open = builtins.open

    def deny_b(file, *args, **kwargs):
        if os.fspath(file).endswith("b.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny_b)
    docs, [error] = read_all([tmp_path])
    assert [os.path.basename(d.origin) for d in docs] == ["a.txt", "c.txt"]
    assert error.location.endswith("b.txt") and "permission denied" in error.message


def test_missing_path_is_an_error_not_an_exception(tmp_path):
    docs, [error] = read_all([tmp_path / "gibtsnicht.txt", DATA / "artikel.txt"])
    assert len(docs) == 1 and "no such file" in error.message


def test_gz_is_decompressed_and_dispatched_on_inner_name(tmp_path):
    path = tmp_path / "artikel.txt.gz"
    path.write_bytes(gzip.compress(GERMAN.encode()))
    docs, errors = read_all([path])
    assert errors == [] and docs[0].raw_text == GERMAN
    assert docs[0].origin == str(path)


def test_truncated_gz(tmp_path):
    path = tmp_path / "artikel.txt.gz"
    path.write_bytes(gzip.compress(GERMAN.encode() * 50)[:-30])
    _, [error] = read_all([path])
    assert isinstance(error, TruncatedArchive) and error.location == str(path)


def test_gz_bomb_is_stopped_by_max_bytes(tmp_path):
    path = tmp_path / "bombe.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 200_000))
    _, [error] = read_all([path], max_bytes=10_000)
    assert isinstance(error, TooLarge)


def test_stdin_is_sniffed():
    stdin = io.BytesIO(GERMAN.encode())
    docs, _ = read_all(["-"], stdin=stdin)
    assert docs[0].raw_text == GERMAN and docs[0].origin == "-"


def test_stdin_jsonl_is_sniffed():
    stdin = io.BytesIO(b'{"text": "Die Stadt baut eine neue Schule."}\n{"text": "Der Zoo bekommt Elefanten."}\n')
    docs, _ = read_all(["-"], stdin=stdin)
    assert [d.origin for d in docs] == ["-:line 1", "-:line 2"]


def test_bad_options_raise_config_error():
    with pytest.raises(ConfigError):
        read_paths(["x"], fmt="pdf")
    with pytest.raises(ConfigError):
        read_paths(["x"], field_map={"body": "text"})


def test_seed_articles_read_exactly(seeds_dir):
    docs, errors = read_all([seeds_dir])
    assert errors == [] and len(docs) >= 2
    for doc in docs:
        with open(doc.origin, encoding="utf-8", newline="") as handle:
            assert doc.raw_text == handle.read()


def test_unknown_extensions_are_sniffed(tmp_path):
    (tmp_path / "seite").write_text("<!DOCTYPE html><html><body><article><p>" + "Der Kreistag hat getagt. " * 6
                                    + "</p></article></body></html>", encoding="utf-8")
    (tmp_path / "notiz.dat").write_text("Eine kurze Notiz über die Feuerwehr.", encoding="utf-8")
    docs, errors = read_all([tmp_path])
    assert errors == []
    assert [d.structured for d in docs] == [False, True]  # notiz.dat as text, seite as HTML


def test_forced_format_overrides_the_extension(tmp_path):
    path = tmp_path / "daten.txt"
    path.write_text('{"text": "Der Hafen wächst."}\n', encoding="utf-8")
    [doc], _ = read_all([path], fmt="jsonl")
    assert doc.raw_text == "Der Hafen wächst." and doc.origin.endswith(":line 1")


def test_tar_archive_is_named(tmp_path):
    import tarfile

    inner = tmp_path / "a.txt"
    inner.write_text("Ein Artikel im Archiv.")
    archive = tmp_path / "paket.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(inner, arcname="a.txt")
    _, [error] = read_all([archive])
    assert isinstance(error, BinaryInput) and "tar archive" in error.message


def test_stdin_over_max_bytes():
    _, [error] = read_all(["-"], stdin=io.BytesIO(b"x" * 500), max_bytes=100)
    assert isinstance(error, TooLarge) and error.location == "-"


def test_file_that_vanishes_during_the_walk(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Artikel {name} über die Kreisumlage.")
    items = read_paths([str(tmp_path)])
    first = next(items)
    (tmp_path / "b.txt").unlink()
    rest = list(items)
    assert first.origin.endswith("a.txt")
    assert isinstance(rest[0], InputError) and "vanished" in rest[0].message
    assert rest[1].origin.endswith("c.txt")
