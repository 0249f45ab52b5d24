"""個人番号 (My Number) vault: encrypted at rest, readable only by 番号事務取扱担当者, every access audited.

- Encryption: :class:`cryptography.fernet.MultiFernet` over ``settings.MYNUMBER_KEYS``
  (environment ``JINJI_MYNUMBER_KEYS``, comma-separated): the first key encrypts, every key
  decrypts, so a new key is put first and ``jinji check-mynumber-keys --rotate`` re-encrypts.
- Duplicate detection without decrypting: ``fingerprint`` = HMAC-SHA256 of the number under
  a key derived from the first key; lookups try the fingerprints under every configured key,
  so detection keeps working during a rotation.
- Check digit validated on entry (番号法施行令 第8条) by :mod:`jinji.rules.mynumber`.
- The number itself never appears in the audit trail, in errors or in logs.
"""

from __future__ import annotations

import hashlib
import hmac
from base64 import urlsafe_b64decode
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.personnel.models import Dependent, Employee, MyNumberRecord
from jinji.personnel.permissions import can_view_my_number
from jinji.rules.errors import InvalidArgument
from jinji.rules.mynumber import validate

_FINGERPRINT_CONTEXT = b"jinji.personnel.mynumber.fingerprint.v1"
SETTING = "JINJI_MYNUMBER_KEYS"


class MyNumberKeyError(ImproperlyConfigured):
    """The configured keys are missing, malformed, or cannot decrypt the stored numbers."""


def key_problems(keys: list[str] | None = None) -> list[str]:
    """What is wrong with the configured keys (Japanese), empty when they are usable."""
    keys = list(settings.MYNUMBER_KEYS) if keys is None else keys
    if not keys:
        return [f"{SETTING} が設定されていません(個人番号を暗号化する鍵が必要です)"]
    problems: list[str] = []
    for index, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            problems.append(f"{SETTING} の{index}番目の鍵が Fernet 鍵(URL-safe Base64 の32バイト)ではありません")
    return problems


def _keys() -> list[str]:
    problems = key_problems()
    if problems:
        raise MyNumberKeyError(" / ".join(problems) + "。`jinji gen-keys` で生成した鍵を設定してください。")
    return list(settings.MYNUMBER_KEYS)


def _vault() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in _keys()])


def _fingerprint_with(key: str, number: str) -> str:
    derived = hmac.new(urlsafe_b64decode(key.encode()), _FINGERPRINT_CONTEXT, hashlib.sha256).digest()
    return hmac.new(derived, number.encode(), hashlib.sha256).hexdigest()


def fingerprint(number: str) -> str:
    """照合用ハッシュ of a normalised number under the current (first) key."""
    return _fingerprint_with(_keys()[0], number)


def _all_fingerprints(number: str) -> list[str]:
    return [_fingerprint_with(key, number) for key in _keys()]


def _normalised(number: str) -> str:
    try:
        return validate(number)
    except InvalidArgument as exc:
        raise DomainError([FieldProblem("my_number", str(exc))]) from exc


def _require_officer(acting_user: Any, employee: Employee) -> None:
    if not can_view_my_number(acting_user, employee):
        raise NotPermitted([FieldProblem("my_number", "個人番号は番号事務取扱担当者だけが取り扱えます")])


def _check_dependent(employee: Employee, dependent: Dependent | None) -> None:
    if dependent is not None and dependent.employee_id != employee.pk:
        raise DomainError([FieldProblem("dependent", "この職員の扶養親族ではありません")])


def _target_label(employee: Employee, dependent: Dependent | None) -> dict[str, Any]:
    return {"employee": employee.pk, "dependent": None if dependent is None else dependent.pk}


def my_number_store(
    *, acting_user: Any, employee: Employee, number: str, dependent: Dependent | None = None
) -> MyNumberRecord:
    """個人番号の登録・変更 for the employee (or one of their dependants).

    Refused: a user who is not 番号事務取扱担当者 (NotPermitted), a bad check digit or
    format, a number already registered for another person (DomainError). Audited as a
    change without the number.
    """
    _require_officer(acting_user, employee)
    _check_dependent(employee, dependent)
    normalised = _normalised(number)
    ciphertext = _vault().encrypt(normalised.encode())
    with transaction.atomic():
        records = MyNumberRecord.objects.for_organization(employee.organization_id).select_for_update()
        existing = records.filter(employee=employee, dependent=dependent).first()
        clash = records.filter(fingerprint__in=_all_fingerprints(normalised))
        if existing is not None:
            clash = clash.exclude(pk=existing.pk)
        if clash.exists():
            raise DomainError([FieldProblem("my_number", "この個人番号は他の職員または扶養親族に登録されています")])
        if existing is None:
            record: MyNumberRecord = MyNumberRecord.objects.create(
                organization_id=employee.organization_id,
                employee=employee,
                dependent=dependent,
                ciphertext=ciphertext,
                fingerprint=fingerprint(normalised),
            )
        else:
            record = existing
            record.ciphertext, record.fingerprint = ciphertext, fingerprint(normalised)
            record.save(update_fields=["ciphertext", "fingerprint", "updated_at"])
        audit_record(
            actor=acting_user,
            action="personnel.my_number.change" if existing else "personnel.my_number.store",
            target=employee,
            after={**_target_label(employee, dependent), "replaced": existing is not None},
        )
    return record


def decrypt(ciphertext: bytes | memoryview) -> str:
    """The number in a stored record; MyNumberKeyError when no configured key can open it."""
    try:
        return _vault().decrypt(bytes(ciphertext)).decode()
    except InvalidToken as exc:
        raise MyNumberKeyError(
            f"個人番号を復号できません: {SETTING} に登録時の鍵が含まれていません。"
            "鍵を入れ替えた場合は、古い鍵も2番目以降に残してください(jinji check-mynumber-keys で確認できます)。"
        ) from exc


def my_number_reveal(*, acting_user: Any, employee: Employee, dependent: Dependent | None = None) -> str:
    """個人番号の参照 (番号事務取扱担当者 only). Every read is audited (kind read, no number)."""
    _require_officer(acting_user, employee)
    _check_dependent(employee, dependent)
    record = (
        MyNumberRecord.objects.for_organization(employee.organization_id)
        .filter(employee=employee, dependent=dependent)
        .first()
    )
    if record is None:
        raise DomainError([FieldProblem("my_number", "個人番号が登録されていません")])
    number = decrypt(record.ciphertext)
    audit_record(
        actor=acting_user,
        action="personnel.my_number.read",
        target=employee,
        kind=AuditKind.READ,
        after=_target_label(employee, dependent),
    )
    return number


def my_number_delete(*, acting_user: Any, employee: Employee, dependent: Dependent | None = None) -> bool:
    """個人番号の廃棄 (after the retention period ends). Returns whether a record existed. Audited."""
    _require_officer(acting_user, employee)
    with transaction.atomic():
        deleted, _ = (
            MyNumberRecord.objects.for_organization(employee.organization_id)
            .filter(employee=employee, dependent=dependent)
            .delete()
        )
        audit_record(
            actor=acting_user,
            action="personnel.my_number.delete",
            target=employee,
            after={**_target_label(employee, dependent), "deleted": bool(deleted)},
        )
    return bool(deleted)


@dataclass(frozen=True, slots=True)
class KeyCheck:
    """Result of checking every stored number against the configured keys."""

    total: int
    undecryptable: int
    needing_rotation: int
    rotated: int


def stored_numbers_check(*, rotate: bool = False) -> KeyCheck:
    """Try to decrypt every stored number (all organizations); optionally re-encrypt with the first key.

    A record "needs rotation" when the first key cannot decrypt it (made with an older key).
    Rotation also refreshes the fingerprint under the first key. Never returns the numbers.
    """
    vault, primary = _vault(), Fernet(_keys()[0].encode())
    total = bad = stale = rotated = 0
    with transaction.atomic():
        qs = MyNumberRecord.unscoped.select_for_update() if rotate else MyNumberRecord.unscoped.all()
        for record in qs.iterator(chunk_size=500):
            total += 1
            token = bytes(record.ciphertext)
            try:
                number = vault.decrypt(token).decode()
            except InvalidToken:
                bad += 1
                continue
            try:
                primary.decrypt(token)
            except InvalidToken:
                stale += 1
                if rotate:
                    record.ciphertext, record.fingerprint = vault.rotate(token), fingerprint(number)
                    record.save(update_fields=["ciphertext", "fingerprint", "updated_at"])
                    rotated += 1
    return KeyCheck(total=total, undecryptable=bad, needing_rotation=stale, rotated=rotated)
