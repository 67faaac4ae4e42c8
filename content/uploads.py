"""Checking and storing uploaded images and PDFs (FILE-1, FILE-2).

Files are judged by their content, never their name: images must decode as PNG,
JPEG or WebP within a pixel budget and are re-encoded, which drops EXIF (GPS!)
and anything hidden after the image data; PDFs must start like a PDF. Files are
stored outside the static folder under random names.
"""
from __future__ import annotations

import io
import secrets
import warnings
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from content.models import Upload
from directory.extensions import db

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 20_000_000
IMAGE_TYPES = {"PNG": ("image/png", ".png"), "JPEG": ("image/jpeg", ".jpg"), "WEBP": ("image/webp", ".webp")}


class UploadError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def upload_dir() -> Path:
    folder = Path(current_app.config["UPLOAD_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _reencode(data: bytes) -> tuple[bytes, str, str, int, int]:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                if kind not in IMAGE_TYPES:
                    raise UploadError(_("Upload a PNG, JPEG or WebP image, or a PDF."))
                if image.mode not in ("RGB", "RGBA", "L"):
                    image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
                if kind == "JPEG" and image.mode == "RGBA":
                    image = image.convert("RGB")
                out = io.BytesIO()
                # Saving without exif= or pnginfo drops all metadata.
                image.save(out, format=kind, **({"quality": 88} if kind in ("JPEG", "WEBP") else {}))
                content_type, extension = IMAGE_TYPES[kind]
                return out.getvalue(), content_type, extension, image.width, image.height
    except UploadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadError(_("That image is too large. Use one under 20 megapixels.")) from None
    except Exception:  # Pillow raises many kinds of error for a file that is not an image
        raise UploadError(_("Upload a PNG, JPEG or WebP image, or a PDF.")) from None


def store(actor, file: FileStorage, allow_pdf: bool = True) -> Upload:
    """Check, clean and save an uploaded file; raises UploadError with a message."""
    data = file.read(MAX_BYTES + 1)
    if not data:
        raise UploadError(_("Choose a file to upload."))
    if len(data) > MAX_BYTES:
        raise UploadError(_("The file must be smaller than 2 MB."))
    width = height = None
    if data.startswith(b"%PDF-"):
        if not allow_pdf:
            raise UploadError(_("Upload an image here: PNG, JPEG or WebP."))
        content_type, extension = "application/pdf", ".pdf"
    else:
        data, content_type, extension, width, height = _reencode(data)
    stored_name = secrets.token_hex(16) + extension
    (upload_dir() / stored_name).write_bytes(data)
    name = secure_filename(file.filename or "") or "download"
    stem = name.rsplit(".", 1)[0][:80] or "download"
    upload = Upload(stored_name=stored_name, download_name=stem + extension, content_type=content_type,
                    size=len(data), width=width, height=height, uploaded_by_id=getattr(actor, "id", None))
    db.session.add(upload)
    db.session.commit()
    return upload


def path_for(upload: Upload) -> Path:
    return upload_dir() / upload.stored_name
