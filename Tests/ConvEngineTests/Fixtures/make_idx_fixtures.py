"""Regenerates Fixtures/idx/: a tiny IDX image file (3 images of 2×4 bytes) and the same file
gzip-compressed by Python's gzip module, an independent compressor for IDXFileTests.
Needs only the Python standard library.
"""
import gzip
import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent / "idx"
IMAGES = bytes([0, 255, 51, 102, 1, 2, 3, 4,
                10, 20, 30, 40, 50, 60, 70, 80,
                255, 254, 253, 252, 0, 0, 0, 0])

if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    data = bytes([0, 0, 8, 3]) + struct.pack(">III", 3, 2, 4) + IMAGES
    (HERE / "three-images-idx3-ubyte").write_bytes(data)
    with gzip.open(HERE / "three-images-idx3-ubyte.gz", "wb") as f:
        f.write(data)
