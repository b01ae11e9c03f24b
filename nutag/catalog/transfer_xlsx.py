"""The catalogue document (transfer.py) as an XLSX workbook a designer can edit in a spreadsheet, and back.

Sheets: README (the format marker and what each column means), services (one row per version, scalar content),
documents and form_fields (one row per required document or form field of a version, in order), adoptions.
"""

import io
import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from nutag.catalog.models import CONTENT_FIELDS, ServiceVersion
from nutag.catalog.transfer import FORMAT, FORMAT_VERSION, OPTIONAL_TEXTS, check_envelope
from nutag.core.errors import ValidationFailed

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
SCALAR_FIELDS = [name for name in CONTENT_FIELDS if name not in ("documents", "form")]
SERVICE_COLUMNS = ["code", "version", "status", *SCALAR_FIELDS]
DOCUMENT_KEYS = ["code", "name_mn", "name_en", "is_mandatory", "description_mn", "description_en"]
DOCUMENT_COLUMNS = ["service", "version", *DOCUMENT_KEYS, "other"]
FIELD_KEYS = [
    "name",
    "type",
    "label_mn",
    "label_en",
    "help_mn",
    "help_en",
    "required",
    "choices",
    "min",
    "max",
    "max_length",
    "visible_if",
]
FIELD_COLUMNS = ["service", "version", *FIELD_KEYS, "other"]
ADOPTION_COLUMNS = [
    "service",
    "territory",
    "organisation",
    "version",
    "derived_from",
    "status",
    "channels",
    "fee_mnt",
    "service_norm_days",
    "extra_documents",
    "extra_form_fields",
    "note_mn",
    "note_en",
]
SHEETS = {
    "services": SERVICE_COLUMNS,
    "documents": DOCUMENT_COLUMNS,
    "form_fields": FIELD_COLUMNS,
    "adoptions": ADOPTION_COLUMNS,
}
CHOICE_SEPARATORS = re.compile(r"[=|;]")
TRUE_WORDS = {"true", "yes", "1", "тийм", "үнэн"}
FALSE_WORDS = {"false", "no", "0", "үгүй", "худал"}


def _readme_rows() -> list[tuple[str, str]]:
    return [
        ("format", FORMAT),
        ("version", str(FORMAT_VERSION)),
        ("", ""),
        (_("sheet"), _("what it holds")),
        (
            "services",
            _("One row per version of a reference service: code, version number, status and content."),
        ),
        (
            "documents",
            _("Required documents of a version, one per row, in order (service, version, code, ...)."),
        ),
        ("form_fields", _("Fields of a version's application form, one per row, in order.")),
        ("adoptions", _("One row per aimag or soum that adopted a service, with its local details.")),
        ("", ""),
        (_("column"), _("how to fill it in")),
        (
            "status",
            _("Versions: draft, published or retired. Adoptions: planned, offered, suspended or withdrawn."),
        ),
        ("channels", _("Comma-separated: online, operator, khurdan.")),
        ("fee_mnt", _("Whole tögrögs, 0 or more. In adoptions, empty means the national fee.")),
        (
            "service_norm_days",
            _(
                "Working days, no longer than the statutory deadline. In adoptions, empty means the national norm."
            ),
        ),
        ("TRUE / FALSE", _("fee_is_locally_adjustable, is_real_name, is_mandatory, required.")),
        ("choices", _("value=label in Mongolian|label in English; next value=...  (or a JSON list).")),
        ("visible_if, other, extra_*", _('JSON text, e.g. {"field": "kind", "equals": "new"}.')),
        ("", ""),
        (
            _("rules"),
            _(
                "Rows match existing records by code (service code and version number; service code and territory code). Published versions are frozen: to change one, add a row with a new version number. Nothing is deleted by an import."
            ),
        ),
    ]


# Writing ------------------------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _json_cell(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if value not in (None, [], {}) else ""


def _choices_cell(choices: Any) -> str:
    simple = isinstance(choices, list) and all(
        isinstance(c, dict)
        and set(c) == {"value", "label_mn", "label_en"}
        and all(
            isinstance(v, str) and v == v.strip() and v and not CHOICE_SEPARATORS.search(v)
            for v in c.values()
        )
        for c in choices
    )
    if simple:
        return "; ".join(f"{c['value']}={c['label_mn']}|{c['label_en']}" for c in choices)
    return _json_cell(choices)


def _append(sheet: Any, values: list[Any], *, bold: bool = False) -> None:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=_cell(value))
        if cell.data_type == "f":
            cell.data_type = "s"  # text such as "=2+2" stays text: an export never carries formulas
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def _sheet(workbook: Workbook, title: str, columns: list[str]) -> Any:
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    _append(sheet, columns, bold=True)
    return sheet


def write_workbook(data: dict[str, Any]) -> bytes:
    workbook = Workbook(write_only=True)
    readme = workbook.create_sheet("README")
    readme.column_dimensions["A"].width = 24
    readme.column_dimensions["B"].width = 100
    for row in _readme_rows():
        _append(readme, list(row))
    sheets = {title: _sheet(workbook, title, columns) for title, columns in SHEETS.items()}
    for service in data["services"]:
        code = service["code"]
        for version in service["versions"]:
            number = version["number"]
            scalars = [
                ", ".join(v) if name == "channels" else v
                for name, v in ((n, version[n]) for n in SCALAR_FIELDS)
            ]
            _append(sheets["services"], [code, number, version["status"], *scalars])
            for document in version["documents"]:
                other = {k: v for k, v in document.items() if k not in DOCUMENT_KEYS}
                _append(
                    sheets["documents"],
                    [code, number, *(document.get(k) for k in DOCUMENT_KEYS), _json_cell(other)],
                )
            for form_field in version["form"]:
                other = {k: v for k, v in form_field.items() if k not in FIELD_KEYS}
                values = [form_field.get(k) for k in FIELD_KEYS]
                values[FIELD_KEYS.index("choices")] = (
                    _choices_cell(form_field["choices"]) if "choices" in form_field else ""
                )
                values[FIELD_KEYS.index("visible_if")] = _json_cell(form_field.get("visible_if"))
                _append(sheets["form_fields"], [code, number, *values, _json_cell(other)])
        for adoption in service["adoptions"]:
            _append(
                sheets["adoptions"],
                [
                    code,
                    adoption["territory"],
                    adoption["organisation"],
                    adoption["version"],
                    adoption["derived_from"],
                    adoption["status"],
                    ", ".join(adoption["channels"]),
                    adoption["fee_mnt"],
                    adoption["service_norm_days"],
                    _json_cell(adoption["extra_documents"]),
                    _json_cell(adoption["extra_form_fields"]),
                    adoption["note_mn"],
                    adoption["note_en"],
                ],
            )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# Reading ------------------------------------------------------------------------------------------------------


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, sheet: str, row: int, message: str) -> None:
        self.items.append(
            _("Sheet %(sheet)s, row %(row)s: %(message)s") % {"sheet": sheet, "row": row, "message": message}
        )


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return value if isinstance(value, str) else str(value)


def _whole(value: Any) -> Any:
    """Whole numbers as int; anything else is passed on as it is, for the validation to name."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    return value


def _boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return value


def _names(value: Any) -> list[str]:
    return [part.strip() for part in _text(value).split(",") if part.strip()]


def _json(value: Any, where: tuple[str, int], problems: _Problems, column: str) -> Any:
    try:
        return json.loads(_text(value))
    except json.JSONDecodeError:
        problems.add(*where, _("%(column)s is not valid JSON.") % {"column": column})
        return None


def _choices(value: Any, where: tuple[str, int], problems: _Problems) -> Any:
    text = _text(value).strip()
    if text.startswith("["):
        return _json(text, where, problems, "choices")
    choices = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        choice_value, equals, labels = part.partition("=")
        label_mn, bar, label_en = labels.partition("|")
        if not equals or not bar:
            problems.add(*where, _("choices: write each choice as value=label_mn|label_en, separated by ;."))
            return None
        choices.append(
            {"value": choice_value.strip(), "label_mn": label_mn.strip(), "label_en": label_en.strip()}
        )
    return choices


def _scalar(name: str, value: Any) -> Any:
    if name == "channels":
        return _names(value)
    model_field = ServiceVersion._meta.get_field(name)
    if isinstance(model_field, models.BooleanField):
        return False if _blank(value) else _boolean(value)
    if isinstance(model_field, models.IntegerField):
        return None if _blank(value) else _whole(value)
    return _text(value)


def _check_zip(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ValidationFailed(_("The file looks like a ZIP archive but is damaged.")) from error
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ValidationFailed(_("The file is a ZIP archive but not an Excel workbook."))
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationFailed(_("The workbook is too large once unpacked."))


def _rows(workbook: Any, title: str, columns: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    rows = workbook[title].iter_rows(values_only=True)
    header = [_text(v).strip() for v in next(rows, ())]
    while header and not header[-1]:
        header.pop()
    unknown = [name for name in header if name not in columns]
    missing = [name for name in columns if name not in header]
    if unknown or missing:
        raise ValidationFailed(
            _("Sheet %(sheet)s: the first row must name the columns %(columns)s.")
            % {"sheet": title, "columns": ", ".join(columns)},
            details={"unknown": unknown, "missing": missing},
        )
    for number, row in enumerate(rows, start=2):
        if all(_blank(v) for v in row):
            continue
        yield number, {name: (row[i] if i < len(row) else None) for i, name in enumerate(header)}


def read_workbook(content: bytes) -> dict[str, Any]:
    """The catalogue document in an XLSX workbook written by write_workbook (and perhaps edited since)."""
    _check_zip(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ValidationFailed(_("The workbook cannot be read: %(error)s") % {"error": error}) from error
    try:
        return _read(workbook)
    finally:
        workbook.close()


def _read(workbook: Any) -> dict[str, Any]:
    missing = [title for title in ["README", *SHEETS] if title not in workbook.sheetnames]
    if missing:
        raise ValidationFailed(
            _("This workbook is not a Nutag catalogue export: it has no sheet %(sheets)s.")
            % {"sheets": ", ".join(missing)}
        )
    marker = {
        _text(row[0]): row[1] for row in workbook["README"].iter_rows(max_row=2, max_col=2, values_only=True)
    }
    data: dict[str, Any] = {
        "format": marker.get("format"),
        "version": _whole(marker.get("version")),
        "services": [],
    }
    check_envelope(data)
    problems = _Problems()
    services: dict[str, dict[str, Any]] = {}
    versions: dict[tuple[str, Any], dict[str, Any]] = {}

    def service(code: str) -> dict[str, Any]:
        return services.setdefault(code, {"code": code, "versions": [], "adoptions": []})

    for row_number, row in _rows(workbook, "services", SERVICE_COLUMNS):
        code, number = _text(row["code"]).strip(), _whole(row["version"])
        version = {"number": number, "status": _text(row["status"]).strip()}
        version |= {name: _scalar(name, row[name]) for name in SCALAR_FIELDS}
        version |= {"documents": [], "form": []}
        if (code, number) in versions:
            problems.add(
                "services",
                row_number,
                _("%(code)s version %(number)s appears twice.") % {"code": code, "number": number},
            )
            continue
        versions[(code, number)] = version
        service(code)["versions"].append(version)

    def version_of(sheet: str, row_number: int, row: dict[str, Any]) -> dict[str, Any] | None:
        key = (_text(row["service"]).strip(), _whole(row["version"]))
        if key not in versions:
            problems.add(
                sheet,
                row_number,
                _("there is no row for %(code)s version %(number)s in the services sheet.")
                % {"code": key[0], "number": key[1]},
            )
        return versions.get(key)

    for row_number, row in _rows(workbook, "documents", DOCUMENT_COLUMNS):
        where = ("documents", row_number)
        document: dict[str, Any] = {}
        for key in DOCUMENT_KEYS:
            if key in OPTIONAL_TEXTS:
                document[key] = _text(row[key]).strip()
            elif not _blank(row[key]):
                document[key] = _boolean(row[key]) if key == "is_mandatory" else _text(row[key]).strip()
        if not _blank(row["other"]):
            other = _json(row["other"], where, problems, "other")
            if isinstance(other, dict):
                document |= other
        target = version_of("documents", row_number, row)
        if target is not None:
            target["documents"].append(document)

    for row_number, row in _rows(workbook, "form_fields", FIELD_COLUMNS):
        where = ("form_fields", row_number)
        form_field: dict[str, Any] = {}
        for key in FIELD_KEYS:
            value = row[key]
            if key in OPTIONAL_TEXTS:
                form_field[key] = _text(value).strip()
            elif _blank(value):
                continue
            elif key == "required":
                form_field[key] = _boolean(value)
            elif key in ("min", "max", "max_length"):
                form_field[key] = _whole(value)
            elif key == "choices":
                form_field[key] = _choices(value, where, problems)
            elif key == "visible_if":
                form_field[key] = _json(value, where, problems, key)
            else:
                form_field[key] = _text(value).strip()
        if not _blank(row["other"]):
            other = _json(row["other"], where, problems, "other")
            if isinstance(other, dict):
                form_field |= other
        target = version_of("form_fields", row_number, row)
        if target is not None:
            target["form"].append(form_field)

    for row_number, row in _rows(workbook, "adoptions", ADOPTION_COLUMNS):
        where = ("adoptions", row_number)
        adoption: dict[str, Any] = {
            "territory": _text(row["territory"]).strip(),
            "organisation": _text(row["organisation"]).strip(),
            "version": _whole(row["version"]),
        }
        if not _blank(row["derived_from"]):
            adoption["derived_from"] = _whole(row["derived_from"])
        if not _blank(row["status"]):
            adoption["status"] = _text(row["status"]).strip()
        if not _blank(row["channels"]):
            adoption["channels"] = _names(row["channels"])
        for key in ("fee_mnt", "service_norm_days"):
            adoption[key] = None if _blank(row[key]) else _whole(row[key])
        for key in ("extra_documents", "extra_form_fields"):
            adoption[key] = [] if _blank(row[key]) else _json(row[key], where, problems, key)
        for key in ("note_mn", "note_en"):
            adoption[key] = _text(row[key])
        service(_text(row["service"]).strip())["adoptions"].append(adoption)

    if problems.items:
        raise ValidationFailed(problems.items[0], details={"problems": problems.items})
    data["services"] = list(services.values())
    return data
