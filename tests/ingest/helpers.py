"""Small helpers shared by the ingest tests."""
from __future__ import annotations

from dossier.errors import InputError
from dossier.ingest import read_paths
from dossier.model import RawDocument


def read_all(paths, **kwargs):
    """(documents, errors) from :func:`read_paths`, asserting nothing else is yielded."""
    documents, errors = [], []
    for item in read_paths([str(p) for p in paths], **kwargs):
        if isinstance(item, RawDocument):
            documents.append(item)
        else:
            assert isinstance(item, InputError), item
            errors.append(item)
    return documents, errors
