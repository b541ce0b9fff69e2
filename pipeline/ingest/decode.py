"""Bytes to text: UTF-8, UTF-16, legacy code pages guessed, binary formats named, control characters checked."""
from __future__ import annotations

import re

from ..errors import PipelineError

# older news sites and Windows exports still use. Anything else is decoded as latin-1 with a warning.
LEGACY_ENCODINGS = ("cp1252", "cp1251", "koi8_r", "cp1250", "cp1254", "latin_1", "iso8859_2", "iso8859_9",
                    "cp1253", "cp1256", "cp1257")

# File signatures of formats analysts sometimes drop in by mistake: named so the message can say what to do.
BINARY_SIGNATURES = (
    (b"%PDF", "a PDF (name it .pdf to have it read)"), (b"PK\x03\x04", "a ZIP archive (a Word file? name it .docx to have it read)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"), (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc)"),
)



class BadInput(PipelineError):
    """Raised by a reader for a file it cannot turn into a Document; `kind` names the problem class."""

    def __init__(self, message: str, kind: str = "unreadable"):
        super().__init__(message)
        self.kind = kind




# --- decoding ---------------------------------------------------------------------------------------

def decode(data: bytes, path: str = "", notes: list | None = None) -> str:
    """Decode article bytes to text: UTF-8 (BOM or not), UTF-16/32 with BOM, else a guessed legacy encoding.

    A guess or a repair appends a `(kind, message)` note to `notes`; bytes that are no text raise BadInput.
    """
    notes = notes if notes is not None else []
    if not data.strip():
        raise BadInput("the file is empty", "empty")
    for magic, what in BINARY_SIGNATURES:
        if data.startswith(magic):
            raise BadInput(f"the file is {what}, not text; save the article as .txt, .md or .html", "binary")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                     (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _check_text(_decode_repairing(data, enc, notes), notes)
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 100:
        # Many NULs: UTF-16 without a BOM, or not text at all. A stray few are stripped (_check_text).
        enc = _utf16_without_bom(data)
        if not enc:
            raise BadInput("the file looks binary (NUL bytes), not an article", "binary")
        notes.append(("encoding", f"no byte-order mark; decoded as {enc.upper()} (guessed from the NUL bytes)"))
        return _check_text(_decode_repairing(data, enc, notes), notes)
    try:
        return _check_text(data.decode("utf-8"), notes)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            notes.append(("truncated", "the file ends in the middle of a character (truncated?); the last bytes were dropped"))
            return _check_text(data[: exc.start].decode("utf-8"), notes)
        bad_at = exc.start
    enc, text = _guess_legacy(data)
    notes.append(("encoding", f"not valid UTF-8 (byte {bad_at}); decoded as {enc} (guessed) - "
                              "check the text and save the file as UTF-8"))
    return _check_text(text, notes)


def _decode_repairing(data: bytes, enc: str, notes: list) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        notes.append(("truncated", f"invalid {enc.upper()} at byte {exc.start} (truncated or damaged?); "
                                   "bad bytes replaced with \ufffd"))
        return data.decode(enc, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NUL in every other byte for Latin script; say which order, if so."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


ENCODING_NAMES = {"cp1252": "cp1252 (Western European, a superset of latin-1)", "cp1251": "cp1251 (Cyrillic)",
                  "koi8_r": "KOI8-R (Cyrillic)", "cp1250": "cp1250 (Central European)", "latin_1": "latin-1",
                  "cp1254": "cp1254 (Turkish)", "cp1253": "cp1253 (Greek)", "cp1256": "cp1256 (Arabic)",
                  "cp1257": "cp1257 (Baltic)", "iso8859_2": "ISO-8859-2", "iso8859_9": "ISO-8859-9"}


def _guess_legacy(data: bytes) -> tuple[str, str]:
    """Guess a single-byte encoding with charset-normalizer.

    Short texts often decode equally well in several code pages (no "chaos", same coherence); among
    those ties the earlier entry of LEGACY_ENCODINGS wins, so a French latin-1 file is not read as cp1250.
    """
    try:
        from charset_normalizer import from_bytes

        results = list(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    except Exception:  # the guesser is an aid; latin-1 below always decodes
        results = []
    if results:
        least = min(r.chaos for r in results)
        calm = [r for r in results if r.chaos <= least + 0.01]
        most = max(r.coherence for r in calm)
        tied = [r for r in calm if r.coherence >= most - 0.01]
        possible = {enc for r in tied for enc in (r.could_be_from_charset or [r.encoding])}
        for enc in LEGACY_ENCODINGS:
            if enc in possible:
                try:
                    return ENCODING_NAMES.get(enc, enc), data.decode(enc)
                except UnicodeDecodeError:
                    continue
    return "latin-1", data.decode("latin-1")


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode category Cc, less tab and line breaks


def _check_text(text: str, notes: list) -> str:
    """Reject decoded text that is mostly control characters: bytes that only decoded by accident."""
    if not text.strip():
        raise BadInput("the file is empty", "empty")
    sample = text[:20000]
    control = len(_CONTROL.findall(sample))
    if control / len(sample) > 0.02:
        raise BadInput(f"the file looks binary ({control} control characters in its first {len(sample)}), "
                       "not an article", "binary")
    if control:
        notes.append(("binary", f"{control} control characters removed"))
        text = _CONTROL.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


