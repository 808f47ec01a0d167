#!/usr/bin/env python3
# Writes the seed corpora of the two binary targets: fuzz_ipp_attributes (corpus/ipp_attributes/: IPP
# answers on the wire, RFC 8010 §3, as cupsd and an IPP Everywhere printer send them, and a few broken
# ones) and fuzz_sane_frame (corpus/sane_frame/: frames as the SANE test backend sends them, in the
# input layout fuzz_sane_frame.cpp describes, and a few lying ones).
#   tests/fuzz/make-seeds.py
import os
import struct

OPERATION, JOB, PRINTER, END = 0x01, 0x02, 0x04, 0x03
INTEGER, BOOLEAN, ENUM, OCTETS = 0x21, 0x22, 0x23, 0x30
TEXT, NAME, KEYWORD, URI, CHARSET, LANGUAGE = 0x41, 0x42, 0x44, 0x45, 0x47, 0x48


def value(tag, v):
    if tag in (INTEGER, ENUM):
        return struct.pack(">i", v)
    if tag == BOOLEAN:
        return bytes([1 if v else 0])
    return v if isinstance(v, bytes) else v.encode()


def attribute(tag, name, *values):
    out = b""
    for i, v in enumerate(values):
        n = name.encode() if i == 0 else b""
        data = value(tag, v)
        out += bytes([tag]) + struct.pack(">H", len(n)) + n + struct.pack(">H", len(data)) + data
    return out


def answer(groups, status=0x0000):
    out = struct.pack(">BBHI", 2, 0, status, 1)
    out += bytes([OPERATION]) + attribute(CHARSET, "attributes-charset", "utf-8")
    out += attribute(LANGUAGE, "attributes-natural-language", "en")
    for tag, attributes in groups:
        out += bytes([tag]) + b"".join(attributes)
    return out + bytes([END])


def queue(state, reasons, levels=(80, 12), accepting=True, uri="ipp://printer.local:631/ipp/print"):
    return answer([(PRINTER, [
        attribute(ENUM, "printer-state", state),
        attribute(KEYWORD, "printer-state-reasons", *reasons),
        attribute(TEXT, "printer-state-message", "Ready to print."),
        attribute(BOOLEAN, "printer-is-accepting-jobs", accepting),
        attribute(URI, "device-uri", uri),
        attribute(NAME, "marker-names", "Black Toner", "Toner Waste Tank"),
        attribute(KEYWORD, "marker-types", "toner", "wasteToner"),
        attribute(INTEGER, "marker-levels", *levels),
        attribute(KEYWORD, "media-ready", "iso_a4_210x297mm"),
    ])])


def printer(supplies, state=3, reasons=("none",)):
    return answer([(PRINTER, [
        attribute(ENUM, "printer-state", state),
        attribute(KEYWORD, "printer-state-reasons", *reasons),
        attribute(OCTETS, "printer-supply", *supplies),
        attribute(TEXT, "printer-supply-description", "Black Toner", "Waste Toner"),
        attribute(KEYWORD, "media-ready", "iso_a4_210x297mm", "na_letter_8.5x11in"),
    ])])


def job(state, reasons, printer_reasons=("none",)):
    return answer([(JOB, [
        attribute(ENUM, "job-state", state),
        attribute(KEYWORD, "job-state-reasons", *reasons),
        attribute(TEXT, "job-state-message", "Printing page 1, 4% complete."),
        attribute(KEYWORD, "job-printer-state-reasons", *printer_reasons),
        attribute(TEXT, "job-printer-state-message", ""),
    ])])


SUPPLY = "index=1;class=supplyThatIsConsumed;type=toner;unit=percent;maxcapacity=100;level={};colorantname=black;"
seeds = {
    "queue-idle.ipp": queue(3, ["none"]),
    "queue-media-empty.ipp": queue(5, ["media-empty-error", "toner-low-report"], levels=(3, -3)),
    "queue-paused-rejecting.ipp": queue(5, ["paused"], accepting=False, uri="usb://HP/LaserJet"),
    "printer-supply.ipp": printer([SUPPLY.format(75), "index=2;class=receptacleThatIsFilled;type=wasteToner;level=20;"]),
    "printer-jam.ipp": printer([SUPPLY.format(40)], state=5, reasons=("media-jam-error", "cover-open-error")),
    "printer-supply-level-overflows.ipp": printer([SUPPLY.format(99999999999), SUPPLY.format(250)]),
    "job-processing.ipp": job(5, ["job-printing"]),
    "job-completed.ipp": job(9, ["job-completed-successfully"]),
    "job-aborted-jam.ipp": job(8, ["aborted-by-system"], ["media-jam-error"]),
    "not-found.ipp": answer([], status=0x0406),
}
seeds["truncated.ipp"] = seeds["queue-idle.ipp"][:40]
seeds["value-length-past-end.ipp"] = seeds["job-processing.ipp"][:-6] + b"\xff\xff" + seeds["job-processing.ipp"][-4:]



def write(target, corpus):
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", target)
    os.makedirs(folder, exist_ok=True)
    for name, data in corpus.items():
        with open(os.path.join(folder, name), "wb") as out:
            out.write(data)


write("ipp_attributes", seeds)


def frame(pixels, bytes_per_line, lines, chunks, depth=8, flags=0, pad=0, dpi=300, cap=1 << 20, lies=()):
    """chunks: sizes of the sane_read buffers; the frame's bytes are split over them."""
    header = struct.pack("<BBHiiHI", flags, depth, pixels, bytes_per_line if flags & 4 else pad, lines, dpi, cap)
    body = bytes((x * 7 + y * 13) & 0xFF for y in range(min(lines, 8) if lines > 0 else 4) for x in range(bytes_per_line))
    out, at = header, 0
    for i, size in enumerate(chunks):
        part = body[at:at + size]
        at += len(part)
        claimed = lies[i] if i < len(lies) else len(part)
        out += struct.pack("<Hi", size - 1, claimed) + part.ljust(size, b"\0")
    return out


frames = {
    # grey and colour frames, whole lines per read and lines split across reads
    "grey-8bit.bin": frame(64, 64, 6, [128, 128, 100, 28]),
    "grey-8bit-padded.bin": frame(60, 64, 5, [64] * 5, flags=4),
    "rgb-8bit.bin": frame(20, 60, 4, [50, 50, 50, 90], flags=1),
    "rgb-16bit.bin": frame(10, 60, 3, [180], depth=16, flags=1),
    "lineart.bin": frame(30, 4, 8, [16, 16], depth=1),
    "hand-scanner-unknown-lines.bin": frame(32, 32, -1, [32, 32, 32, 32]),
    "three-pass-red.bin": frame(16, 16, 2, [32], flags=2),
    "claims-more-than-buffer.bin": frame(16, 16, 4, [32, 32], lies=(32, 4096)),
    "claims-negative.bin": frame(16, 16, 4, [32], lies=(-1,)),
    "past-the-cap.bin": frame(16, 16, 8, [64, 64], cap=100),
    "lines-overflow.bin": frame(64, 64, 0x7FFFFFFF, [128]),
    "line-shorter-than-pixels.bin": frame(64, 10, 2, [20], flags=4),
}
write("sane_frame", frames)
