"""A catalogue's review status comes from its header comment."""
from __future__ import annotations

import os
import shutil

from directory.i18n.catalogues import SOURCES, is_reviewed, po_path


def test_the_header_comment_says_whether_a_native_speaker_reviewed_it(tmp_path):
    shutil.copytree(SOURCES / "pl", tmp_path / "pl")
    assert not is_reviewed("pl", tmp_path)
    path = po_path("pl", tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("# Native speaker review: no (written by the project; see the README for how "
                                 "to mark a review)", "# Native speaker review: yes, A. Nowak, 2026-12-01"),
                    encoding="utf-8")
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    assert is_reviewed("pl", tmp_path)
    assert not is_reviewed("xx", tmp_path)
