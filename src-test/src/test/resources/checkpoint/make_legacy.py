"""Generates the legacy torch.save fixtures for LegacyTorchReaderTest.

Run with Debian's python3-torch 1.13:  /usr/bin/python3 make_legacy.py
It writes, next to itself (seed 20260101):
  state_legacy.pth  a small state dict (OrderedDict with _metadata, as Module.state_dict() gives)
                    in the legacy (pre-1.6, non-zip) torch.save format
  state_zip.pth     the same dict in the torch.save zip format
  lpips_like.pth    a plain OrderedDict of lin{0,1}.model.1.weight [1, C, 1, 1] (no _metadata),
                    as lpips's weights/v0.1/alex.pth, legacy format
  lpips_like_zip.pth  the same in the zip format
  evil_legacy.pth   the legacy stream (magic, version, sys_info) whose object pickle is
                    os.system(COMMAND), the classic pickle exploit; COMMAND is "touch MARKER"
                    padded to 256 bytes, which the test overwrites with a marker file of its own
  storage_view.pth  a legacy stream, written with pickle and torch's own header pickles, whose
                    tensors use the persistent-id view_metadata that torch < 1.6 wrote for
                    storage views: "whole" is root storage R = arange(6) float32, "part" is
                    offset 1, shape (2,) into the view (v, offset 2, numel 3) of R: [3, 4];
                    "old" is offset 4, shape (2,) of R through torch < 0.4's
                    torch._utils._rebuild_tensor (v1): [4, 5]
  bad_count.pth     lpips_like.pth with its first storage's element count raised by one
  old_tar.pth       a tar with members sys_info, storages, tensors, pickle: the layout of
                    torch < 0.4's tar-based torch.save (contents empty: only the layout matters)
"""
import collections
import io
import os
import pickle
import pickletools
import struct
import sys
import tarfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
# The exploit's shell command, padded with spaces (the shell ignores them) so that the test can
# write its own marker path over it without changing the pickled string's length.
COMMAND = "touch MARKER".ljust(256)


def state_dict():
    g = torch.Generator().manual_seed(20260101)
    base = torch.arange(10, dtype=torch.float32) * 0.5 - 1.0
    weight = torch.randn(3, 4, generator=g)
    d = collections.OrderedDict()
    d["conv.weight"] = torch.randn(2, 3, 2, 2, generator=g)            # float32
    d["conv.bias"] = torch.randn(2, generator=g).half()                  # float16
    d["proj.weight"] = weight                                            # float32 [3, 4]
    d["proj.weight_t"] = weight.t()                                      # transposed view of it
    d["shared.a"] = base[2:5]                                            # one storage,
    d["shared.b"] = base[5:9].view(2, 2)                                 # two offsets
    d["stats.mean"] = torch.randn(4, generator=g, dtype=torch.float64)   # float64
    d["bn.num_batches_tracked"] = torch.tensor(7, dtype=torch.int64)     # 0-d int64
    d["scale"] = torch.tensor(0.25)                                      # 0-d float32
    d["emb.weight"] = torch.randn(2, 3, generator=g).bfloat16()          # bfloat16
    d._metadata = collections.OrderedDict([("", {"version": 1}), ("bn", {"version": 2})])
    return d


def lpips_like():
    g = torch.Generator().manual_seed(20260102)
    d = collections.OrderedDict()
    for i, c in enumerate([4, 6]):
        d[f"lin{i}.model.1.weight"] = torch.rand(1, c, 1, 1, generator=g)
    return d


class System:
    """Pickles as os.system(COMMAND): what a malicious checkpoint contains."""

    def __reduce__(self):
        return (os.system, (COMMAND,))


def evil_legacy():
    f = io.BytesIO()
    legacy_header(f)
    pickle.dump(System(), f, protocol=2)                # the exploit as the object pickle
    pickle.dump([], f, protocol=2)
    return f.getvalue()


def legacy_header(f):
    """The three pickles _legacy_save writes before the object."""
    pickle.dump(0x1950a86a20f9469cfc6c, f, protocol=2)
    pickle.dump(1001, f, protocol=2)
    pickle.dump(dict(protocol_version=1001, little_endian=True,
                     type_sizes=dict(short=2, int=4, long=4)), f, protocol=2)


class Storage:
    """Stands for a storage; persistent_id below turns it into torch's legacy id tuple."""

    def __init__(self, view):
        self.view = view


class Tensor:
    """Pickles as torch._utils._rebuild_tensor_v2, as torch.Tensor does (torch < 0.4: v1)."""

    def __init__(self, storage, offset, size, stride, v1=False):
        self.v1 = v1
        self.args = (storage, offset, size, stride)
        if not v1:
            self.args += (False, collections.OrderedDict())

    def __reduce__(self):
        rebuild = torch._utils._rebuild_tensor if self.v1 else torch._utils._rebuild_tensor_v2
        return (rebuild, self.args)


def storage_view():
    f = io.BytesIO()
    legacy_header(f)
    pickler = pickle.Pickler(f, protocol=2)
    pickler.persistent_id = lambda obj: (
        ("storage", torch.FloatStorage, "R", "cpu", 6, obj.view)
        if isinstance(obj, Storage) else None)
    pickler.dump(collections.OrderedDict([
        ("whole", Tensor(Storage(None), 0, (6,), (1,))),
        ("part", Tensor(Storage(("v", 2, 3)), 1, (2,), (1,))),
        ("old", Tensor(Storage(None), 4, (2,), (1,), v1=True))]))
    pickle.dump(["R"], f, protocol=2)
    f.write(struct.pack("<q", 6))
    f.write(torch.arange(6, dtype=torch.float32).numpy().tobytes())
    return f.getvalue()


def bad_count(legacy):
    """legacy with its first storage's int64 element count raised by one."""
    f = io.BytesIO(legacy)
    for _ in range(5):                                  # header, object and key-list pickles
        pickletools.dis(f, out=io.StringIO())           # walks a pickle without running it
    at = f.tell()
    count, = struct.unpack_from("<q", legacy, at)
    return legacy[:at] + struct.pack("<q", count + 1) + legacy[at + 8:]


def old_tar(path):
    with tarfile.open(path, "w:", format=tarfile.PAX_FORMAT) as tar:
        for name in ["sys_info", "storages", "tensors", "pickle"]:
            info = tarfile.TarInfo(name)
            info.size = 0
            info.mtime = 0
            tar.addfile(info, io.BytesIO(b""))


def main():
    d = state_dict()
    torch.save(d, os.path.join(HERE, "state_legacy.pth"), _use_new_zipfile_serialization=False)
    torch.save(d, os.path.join(HERE, "state_zip.pth"))
    heads = lpips_like()
    torch.save(heads, os.path.join(HERE, "lpips_like.pth"), _use_new_zipfile_serialization=False)
    torch.save(heads, os.path.join(HERE, "lpips_like_zip.pth"))
    with open(os.path.join(HERE, "storage_view.pth"), "wb") as f:
        f.write(storage_view())
    with open(os.path.join(HERE, "lpips_like.pth"), "rb") as f:
        bad = bad_count(f.read())
    with open(os.path.join(HERE, "bad_count.pth"), "wb") as f:
        f.write(bad)
    with open(os.path.join(HERE, "evil_legacy.pth"), "wb") as f:
        f.write(evil_legacy())
    old_tar(os.path.join(HERE, "old_tar.pth"))
    # Sanity: torch reads back what it wrote, equal to the source, in both formats.
    for name, saved in [("state_legacy.pth", d), ("state_zip.pth", d),
                        ("lpips_like.pth", heads), ("lpips_like_zip.pth", heads)]:
        back = torch.load(os.path.join(HERE, name))
        assert list(back) == list(saved), name
        for k in saved:
            assert back[k].dtype == saved[k].dtype and torch.equal(back[k], saved[k]), (name, k)
    views = torch.load(os.path.join(HERE, "storage_view.pth"))
    assert views["whole"].tolist() == [0, 1, 2, 3, 4, 5] and views["part"].tolist() == [3, 4]
    assert views["old"].tolist() == [4, 5]
    try:
        torch.load(os.path.join(HERE, "bad_count.pth"))
        raise AssertionError("torch read bad_count.pth")
    except RuntimeError as e:
        print("torch refuses bad_count.pth:", e)
    print("torch", torch.__version__, "python", sys.version.split()[0])


if __name__ == "__main__":
    main()
