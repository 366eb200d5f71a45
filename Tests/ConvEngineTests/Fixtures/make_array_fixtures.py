"""Regenerates the .npy/.npz fixtures that NpyTests and NpzTests read.

Run with any Python 3 that has numpy: `python3 make_array_fixtures.py` (from any folder; files
are written next to this script, under npy/ and npz/). The tests never run Python: the files
are committed, and this script only documents and reproduces how they were made.
"""
import io
import pathlib
import warnings
import zipfile

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
NPY = HERE / "npy"
NPZ = HERE / "npz"


def save(name, array, **keywords):
    np.save(NPY / name, array, **keywords)


def write_with_version(name, array, version):
    with open(NPY / name, "wb") as handle:
        np.lib.format.write_array(handle, array, version=version)


def main():
    NPY.mkdir(exist_ok=True)
    NPZ.mkdir(exist_ok=True)
    matrix = np.arange(6, dtype=np.float32).reshape(2, 3) / 4 - 0.5  # [[-0.5, -0.25, 0], [0.25, 0.5, 0.75]]

    # Readable arrays, each converted to float32 on read.
    save("float32_2x3.npy", matrix)
    save("float32_scalar.npy", np.array(2.5, dtype=np.float32))
    save("float32_empty_0x3.npy", np.zeros((0, 3), dtype=np.float32))
    save("float64_2x2.npy", np.array([[1.5, -2.0], [1e-3, 3.25]], dtype=np.float64))
    save("float16_3.npy", np.array([0.5, -1.5, 65504.0], dtype=np.float16))
    save("int8_4.npy", np.array([-128, -1, 0, 127], dtype=np.int8))
    save("int16_3.npy", np.array([-32768, 7, 32767], dtype=np.int16))
    save("int32_2x3.npy", np.array([[-3, -2, -1], [0, 1, 2]], dtype=np.int32))
    save("int64_3.npy", np.array([-(2**40), 0, 2**40], dtype=np.int64))
    save("uint8_4.npy", np.array([0, 1, 128, 255], dtype=np.uint8))
    save("uint16_2.npy", np.array([0, 65535], dtype=np.uint16))
    save("uint32_2.npy", np.array([7, 4_000_000_000], dtype=np.uint32))
    save("uint64_2.npy", np.array([9, 2**40], dtype=np.uint64))
    save("bool_4.npy", np.array([True, False, False, True]))
    write_with_version("version2_2x3.npy", matrix, (2, 0))
    write_with_version("version3_2x3.npy", matrix, (3, 0))

    # Arrays the reader must refuse, each with its own one-line reason.
    save("fortran_2x3.npy", np.asfortranarray(matrix))
    save("bigendian_2x3.npy", matrix.astype(">f4"))
    save("object_2.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
    save("structured_2.npy", np.zeros(2, dtype=[("x", "<f4"), ("y", "<i4")]))
    save("complex64_2.npy", np.array([1 + 2j, 3 - 4j], dtype=np.complex64))
    save("string_2.npy", np.array(["ab", "cde"]))
    whole = (NPY / "float32_2x3.npy").read_bytes()
    (NPY / "truncated_data.npy").write_bytes(whole[:-5])  # the last float is cut short
    (NPY / "truncated_header.npy").write_bytes(whole[:40])  # ends inside the header dict
    (NPY / "trailing_bytes.npy").write_bytes(whole + b"\x00\x00\x00\x00")
    (NPY / "not_numpy.npy").write_bytes(b"weight,bias\n1.0,2.0\n")

    # Archives: numpy.savez stores members, numpy.savez_compressed deflates them.
    weight = (np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2) - 12) / 8
    bias = np.array([0.5, -0.5], dtype=np.float32)
    np.savez(NPZ / "stored.npz", weight=weight, bias=bias, steps=np.array(3, dtype=np.int64))
    np.savez_compressed(NPZ / "deflated.npz", weight=weight, bias=bias, steps=np.array(3, dtype=np.int64))
    np.savez(NPZ / "positional.npz", matrix, bias)  # members arr_0.npy and arr_1.npy
    np.savez(NPZ / "bigendian_member.npz", weight=weight.astype(">f4"))
    with zipfile.ZipFile(NPZ / "foreign_member.npz", "w") as archive:
        archive.writestr("weight.npy", (NPY / "float32_2x3.npy").read_bytes())
        archive.writestr("README.txt", "not an array\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate, which is the point
        with zipfile.ZipFile(NPZ / "duplicate_member.npz", "w") as archive:
            archive.writestr("bias.npy", (NPY / "float32_2x3.npy").read_bytes())
            archive.writestr("bias.npy", (NPY / "float32_scalar.npy").read_bytes())
    whole = (NPZ / "stored.npz").read_bytes()
    (NPZ / "truncated.npz").write_bytes(whole[: len(whole) // 2])
    (NPZ / "not_zip.npz").write_bytes(b"weight,bias\n1.0,2.0\n")


if __name__ == "__main__":
    main()
