"""Accounts of the web app: users with a role and units, argon2 password hashes, and the tokens that stand for a
logged-in user (API bearer tokens and page sessions). Only a token's SHA-256 is stored, so a copy of the database
gives no one a way in.

Rights by role: a filler (填报人) belongs to one unit (主管部门) and sees and submits only that unit's forms; a
reviewer (审核人) returns and approves the forms of the units listed on its account, or of every unit when none is
listed; an admin (管理员) may do everything.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from jixiao.store.tables import Token, User

users_t = User.__table__
tokens_t = Token.__table__

API_HOURS = 12  # lifetime of a bearer token
SESSION_HOURS = 8  # lifetime of a page session (a working day)
MAX_NAME = 80
MIN_PASSWORD = 8
MAX_UNIT = 200

_hasher = PasswordHasher()


class Role(StrEnum):
    filler = "filler"
    reviewer = "reviewer"
    admin = "admin"


ROLE_ZH = {Role.filler: "填报人", Role.reviewer: "审核人", Role.admin: "管理员"}


class AccountError(ValueError):
    """An account that cannot be made as asked; `message` says why in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: Role
    units: tuple[str, ...] = field(default_factory=tuple)

    def sees(self, unit: str | None) -> bool:
        """Whether this user may see a form of `unit`."""
        if self.role is Role.admin or (self.role is Role.reviewer and not self.units):
            return True
        return unit is not None and unit in self.units

    @property
    def all_units(self) -> bool:
        return self.role is Role.admin or (self.role is Role.reviewer and not self.units)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _account(row) -> Account:  # noqa: ANN001 - a result row
    return Account(row.id, row.name, Role(row.role), tuple(row.units or ()))


def add_user(conn: Connection, name: str, role: Role, password: str, units: list[str] | None = None) -> Account:
    """A new account; AccountError when the name is taken or empty, the password too short, or a filler has not
    exactly one unit."""
    name = name.strip()
    if not name or len(name) > MAX_NAME or any(ch.isspace() or ord(ch) < 32 for ch in name):
        raise AccountError(f"用户名应为 1–{MAX_NAME} 个字符，且不含空白或控制字符")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少应有 {MIN_PASSWORD} 个字符")
    units = _units(role, units)
    try:
        user_id = conn.execute(insert(users_t).returning(users_t.c.id), {
            "name": name, "role": role.value, "units": units, "password_hash": _hasher.hash(password),
            "created_at": _now()}).scalar_one()
    except IntegrityError:
        raise AccountError(f"用户 {name} 已存在") from None
    return Account(user_id, name, role, tuple(units))


def _units(role: Role, units: list[str] | None) -> list[str]:
    """The units of an account of `role`, trimmed; AccountError when a filler has not exactly one, an admin any."""
    units = [u.strip() for u in units or [] if u.strip()]
    if any(len(u) > MAX_UNIT or any(ord(ch) < 32 for ch in u) for u in units):
        raise AccountError(f"主管部门名称应不超过 {MAX_UNIT} 个字符，且不含控制字符")
    if role is Role.filler and len(units) != 1:
        raise AccountError("填报人（filler）须用 --unit 指定且只指定一个主管部门")
    if role is Role.admin and units:
        raise AccountError("管理员（admin）可见全部单位，不用指定 --unit")
    return list(dict.fromkeys(units))


def authenticate(conn: Connection, name: str, password: str) -> Account | None:
    """The account when `password` is its password and it is not disabled, else None (the same time spent either
    way: an unknown name is checked against a dummy hash)."""
    row = conn.execute(select(users_t).where(users_t.c.name == name)).first()
    stored = row.password_hash if row else _DUMMY
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return _account(row) if row and not row.disabled else None


_DUMMY = _hasher.hash(secrets.token_hex(16))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_token(conn: Connection, account: Account, kind: str = "api") -> str:
    """A new random token for `account` (`kind`: api or session); expired tokens of the account are dropped."""
    now = _now()
    conn.execute(delete(tokens_t).where(tokens_t.c.user_id == account.id, tokens_t.c.expires_at < now))
    token = secrets.token_urlsafe(32)
    hours = SESSION_HOURS if kind == "session" else API_HOURS
    conn.execute(insert(tokens_t), {"user_id": account.id, "token_hash": _digest(token), "kind": kind,
                                    "created_at": now, "expires_at": now + timedelta(hours=hours)})
    return token


def account_of_token(conn: Connection, token: str, kind: str = "api") -> Account | None:
    """The account a live token of `kind` stands for, else None."""
    row = conn.execute(select(users_t).join(tokens_t, tokens_t.c.user_id == users_t.c.id).where(
        tokens_t.c.token_hash == _digest(token), tokens_t.c.kind == kind, tokens_t.c.expires_at > _now(),
        users_t.c.disabled.is_(False))).first()
    return _account(row) if row else None


def revoke_token(conn: Connection, token: str) -> None:
    conn.execute(delete(tokens_t).where(tokens_t.c.token_hash == _digest(token)))


def csrf_token(session: str) -> str:
    """The CSRF token of a page session: derived from the session cookie, which another site cannot read."""
    return hashlib.sha256(b"jixiao-csrf:" + session.encode("utf-8", "surrogatepass")).hexdigest()


def same(a: str, b: str) -> bool:
    return secrets.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))


def user_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(users_t)).scalar_one()


def list_users(conn: Connection) -> list[dict]:
    """Every account (without its password hash), by name."""
    rows = conn.execute(select(users_t.c.id, users_t.c.name, users_t.c.role, users_t.c.units, users_t.c.disabled,
                               users_t.c.created_at).order_by(users_t.c.name)).mappings()
    return [{**r, "units": list(r["units"] or []), "created_at": r["created_at"].isoformat()} for r in rows]


def change_user(conn: Connection, user_id: int, *, units: list[str] | None = None,
                disabled: bool | None = None) -> None:
    """Set an account's units (checked against its role) and/or disable or enable it; a disabled account's
    tokens are revoked at once. AccountError when there is no such account."""
    row = conn.execute(select(users_t).where(users_t.c.id == user_id)).first()
    if row is None:
        raise AccountError(f"没有编号为 {user_id} 的用户")
    values: dict[str, object] = {}
    if units is not None:
        values["units"] = _units(Role(row.role), units)
    if disabled is not None:
        values["disabled"] = disabled
        if disabled and row.role == Role.admin.value and not conn.execute(select(users_t.c.id).where(
                users_t.c.role == Role.admin.value, users_t.c.disabled.is_(False), users_t.c.id != user_id)).first():
            raise AccountError("这是唯一可用的管理员，不能停用")
        if disabled:
            conn.execute(delete(tokens_t).where(tokens_t.c.user_id == user_id))
    if values:
        conn.execute(update(users_t).where(users_t.c.id == user_id).values(**values))
