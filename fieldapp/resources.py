"""Locate the bundled ``resources/`` folder (reference data seed, translations, icons).

In a source checkout the folder sits at the top of the repository, next to
``fieldapp/``; a wheel packages the same folder as ``fieldapp/resources`` (see
``force-include`` in pyproject.toml). Only pathlib is used so the lookup works
the same on Windows.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ResourcesNotFoundError", "resources_dir"]

_PACKAGE_DIR = Path(__file__).resolve().parent


class ResourcesNotFoundError(FileNotFoundError):
    """Raised when neither the installed nor the source-checkout resources folder exists."""


def _candidates() -> tuple[Path, ...]:
    return (
        # Installed from a wheel (or a frozen build that keeps the package layout).
        _PACKAGE_DIR / "resources",
        # Source checkout or editable install: <repo>/resources next to <repo>/fieldapp.
        _PACKAGE_DIR.parent / "resources",
    )


def resources_dir() -> Path:
    """Return the absolute path of the resources folder.

    The packaged location is tried first: when installed, the parent of the package is
    ``site-packages``, where an unrelated distribution could have put a ``resources``
    folder. The source-checkout location is accepted only next to a ``pyproject.toml``
    for the same reason.

    Raises:
        ResourcesNotFoundError: if neither location exists; the message lists both.
    """
    packaged, checkout = _candidates()
    if packaged.is_dir():
        return packaged
    if checkout.is_dir() and (checkout.parent / "pyproject.toml").is_file():
        return checkout
    raise ResourcesNotFoundError(
        "cannot find the fieldapp resources folder; looked for "
        f"{packaged} (installed package) and {checkout} (source checkout). "
        "Reinstall the program or run it from a complete source checkout."
    )
