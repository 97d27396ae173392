"""What went wrong with the corpus, in one Chinese sentence: a damaged or read-only database, a full disk, a corpus
busy with another process, a server that cannot be reached. The drivers say it in English, in many ways."""

from __future__ import annotations

import errno

from sqlalchemy.exc import SQLAlchemyError

BUSY = "语料库正被另一个 jixiao 进程写入，等待后仍未释放；请等它结束后再试"
READ_ONLY = "语料库是只读的（数据库文件或其所在目录没有写权限），无法写入"
FULL = "磁盘已满（或超出了文件大小限制），无法写入"
IO = "磁盘读写出错（磁盘可能已满、超出了文件大小限制或已损坏），无法写入"
DAMAGED = "语料库文件已损坏，或不是 jixiao 的 SQLite 数据库；请从备份恢复，或用 --db 指定另一个语料库"
CANNOT_OPEN = ("无法打开语料库文件：所在目录不存在或没有权限，或位于只读的位置"
               "（SQLite 要在数据库文件旁建立 -wal、-shm 文件）")
UNREACHABLE = "无法连接数据库服务器（地址、端口、用户名或密码有误，或服务器未运行）"

# (words in the driver's message, lower case) → what the user reads; SQLite's messages, then PostgreSQL's
_KNOWN = (
    (("database is locked", "database is busy", "database table is locked"), BUSY),
    (("readonly database", "read-only", "read only"), READ_ONLY),
    (("disk is full", "no space left", "file too large", "could not extend file", "diskfull"), FULL),
    (("file is not a database", "malformed", "file is encrypted", "not a database"), DAMAGED),
    (("disk i/o error",), IO),
    (("unable to open database file",), CANNOT_OPEN),
    (("connection refused", "could not connect", "connection failed", "password authentication failed",
      "could not translate host name"), UNREACHABLE),
)
NO_WRITE = "没有写入权限（或文件系统是只读的）"
_OS = {errno.ENOSPC: FULL, errno.EFBIG: FULL, errno.EDQUOT: FULL, errno.EROFS: NO_WRITE, errno.EACCES: NO_WRITE,
       errno.EPERM: NO_WRITE}


def fault_message(exc: BaseException) -> str:
    """The user's sentence for a database or file-system error; the driver's own words when it is none we know."""
    if isinstance(exc, OSError) and not isinstance(exc, SQLAlchemyError):
        return _OS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    original = getattr(exc, "orig", None) if isinstance(exc, SQLAlchemyError) else None
    words = f"{type(original).__name__} {original}" if original is not None else str(exc)
    lowered = words.lower()
    for needles, message in _KNOWN:
        if any(needle in lowered for needle in needles):
            return message
    first = (str(original) if original is not None else str(exc)).strip().splitlines()
    return f"数据库出错：{first[0] if first else type(exc).__name__}"

