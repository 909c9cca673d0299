"""SQLAlchemy tables: the term base, documents with segments and revisions, the TM, QA marks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from workbench.domain.model import new_stable_id
from workbench.storage.times import utc_now

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

STATUSES = ("preferred", "admitted", "deprecated")


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints alike."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ConceptRow(Base):
    """A concept: the meaning that terms in several languages designate."""

    __tablename__ = "concept"
    __table_args__ = (
        Index("ix_concept_origin_uid", "origin", "uid"),
        Index("ix_concept_stable_id", "stable_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str | None] = mapped_column(String(255), index=True)
    origin: Mapped[str | None] = mapped_column(String(255))
    stable_id: Mapped[str | None] = mapped_column(String(64), default=new_stable_id)
    subject_field: Mapped[str | None] = mapped_column(String(255))
    definitions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    categories: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    """Data categories of the file that no column holds (domain.model.DataCategory as dicts)."""
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )
    created_by: Mapped[str | None] = mapped_column(String(255))
    updated_by: Mapped[str | None] = mapped_column(String(255))
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Raised by every change of the concept or its terms: an edit of an older one is refused."""

    terms: Mapped[list[TermRow]] = relationship(
        back_populates="concept", cascade="all, delete-orphan", passive_deletes=True
    )


class TermRow(Base):
    """A term: one designation of a concept in one language, with its status."""

    __tablename__ = "term"
    __table_args__ = (
        UniqueConstraint("concept_id", "lang", "text", name="uq_term_concept_lang_text"),
        CheckConstraint("status IN ('preferred', 'admitted', 'deprecated')", name="status_known"),
        Index("ix_term_lookup_lang", "lookup", "lang"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concept_id: Mapped[int] = mapped_column(
        ForeignKey("concept.id", ondelete="CASCADE"), index=True
    )
    lang: Mapped[str] = mapped_column(String(35))
    text: Mapped[str] = mapped_column(String(1000))
    lookup: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(16), default="preferred")
    part_of_speech: Mapped[str | None] = mapped_column(String(64))
    term_type: Mapped[str | None] = mapped_column(String(32))
    case_sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )

    concept: Mapped[ConceptRow] = relationship(back_populates="terms")


SEGMENT_STATUSES = ("new", "draft", "translated", "reviewed", "approved", "rejected")


class DocumentRow(Base):
    """An imported document: its header and the original file for export."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    format: Mapped[str] = mapped_column(String(32))
    source_lang: Mapped[str] = mapped_column(String(35))
    target_lang: Mapped[str | None] = mapped_column(String(35))
    original: Mapped[bytes] = mapped_column(LargeBinary)
    """The file as imported, zlib-compressed."""
    properties: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    last_position: Mapped[int] = mapped_column(Integer, default=1)
    """Where the translator was, so that reopening returns there."""
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )
    created_by: Mapped[str | None] = mapped_column(String(255))


class SegmentRow(Base):
    """A segment of a document; `version` is bumped by every save (optimistic locking)."""

    __tablename__ = "segment"
    __table_args__ = (
        UniqueConstraint("document_id", "position", name="uq_segment_document_position"),
        CheckConstraint(
            "status IN ('new', 'draft', 'translated', 'reviewed', 'approved', 'rejected')",
            name="status_known",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text, default="")
    codes: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="new")
    note: Mapped[str | None] = mapped_column(Text)
    context: Mapped[str | None] = mapped_column(Text)
    structure: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    author: Mapped[str | None] = mapped_column(String(255))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )
    version: Mapped[int] = mapped_column(Integer, default=0)


class RevisionRow(Base):
    """Every confirmed or refused change of a segment's target, kept for undo and audit."""

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segment.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    target: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    author: Mapped[str | None] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16), default="saved")
    """imported, saved, undo, redo, join, split, or conflict: a refused save (text kept)."""
    operation_id: Mapped[int | None] = mapped_column(Integer)
    """The segment_operation (join or split) that made this state, for undo to take back."""
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )


class SegmentOperationRow(Base):
    """A join or split, with the segments it replaced (and their history), for undo."""

    __tablename__ = "segment_operation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)
    replaced: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    """The segments as they were before, each with every column and its revisions."""
    produced: Mapped[list[int]] = mapped_column(JSON, default=list)
    """The ids of the segments the operation left, in order (the first is the kept row)."""
    author: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class TmUnitRow(Base):
    """A translation-memory unit: a source and its translation in a language pair.

    One row per unit_key (languages, source, target, context): confirming or importing the
    same unit again updates it.
    """

    __tablename__ = "tm_unit"
    __table_args__ = (
        Index("ix_tm_unit_pair", "source_lang", "target_lang"),
        UniqueConstraint("unit_key", name="uq_tm_unit_unit_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(35))
    target_lang: Mapped[str] = mapped_column(String(35))
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    codes: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    origin: Mapped[str | None] = mapped_column(String(255))
    context: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(Text)
    properties: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )
    changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    unit_key: Mapped[str] = mapped_column(String(32))
    """domain.memory.unit_key: a hash, as sources and targets are too long for an index."""
    use_count: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    segment_id: Mapped[int | None] = mapped_column(Integer)
    """The segment it was last confirmed from (no foreign key: the unit outlives it)."""


class QaIgnoreRow(Base):
    """A QA issue marked as a false alarm on one segment, keyed to the segment's content.

    Keyed to the segment's row, not its position: joins and splits move positions, while the
    row (and its history) stays with its text. The key hashes the check, source and target, so
    a mark stops matching once either text changes, and matches again if an undo restores it.
    """

    __tablename__ = "qa_ignore"
    __table_args__ = (
        UniqueConstraint(
            "document_id", "segment_id", "check_id", "content_key", name="uq_qa_ignore_mark"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segment.id", ondelete="CASCADE"), index=True
    )
    check_id: Mapped[str] = mapped_column(String(64))
    content_key: Mapped[str] = mapped_column(String(64))
    """issue_hash(check, source, target), as a QA profile's [ignore] hashes have it."""
    author: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )


class PostEditRow(Base):
    """How much of an inserted suggestion the translator edited: TER to the confirmed target."""

    __tablename__ = "post_edit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segment.id", ondelete="CASCADE"), index=True
    )
    suggestion: Mapped[str] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(String(255))
    """Where the suggestion came from, e.g. "tm:92 news.txt"."""
    target: Mapped[str] = mapped_column(Text)
    """The target as confirmed."""
    score: Mapped[float] = mapped_column(Float)
    """TER, 0 for a suggestion kept as it was; can exceed 100."""
    signature: Mapped[str] = mapped_column(String(255))
    """sacrebleu's signature of the TER settings, stored with the number."""
    author: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )


class TermIndexStateRow(Base):
    """The term base's identity and how often its terms changed: what a kept term index is
    checked against. One row (id 1); storage raises the revision once per transaction that
    changes terms (index_revision.record_changes)."""

    __tablename__ = "term_index_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity: Mapped[str] = mapped_column(String(32))
    """Made once per database: a copy of the index kept for one database is not another's."""
    revision: Mapped[int] = mapped_column(Integer, default=0)


class TermIndexChangeRow(Base):
    """The revision at which each concept's terms last changed (index_revision.record_changes)."""

    __tablename__ = "term_index_change"

    concept_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, index=True)


class TermIndexTokenRow(Base):
    """A random token for each revision of the term base (index_revision.record_changes): a
    kept index of another history (a backup put back) has the revision but not its token."""

    __tablename__ = "term_index_token"

    revision: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    token: Mapped[str] = mapped_column(String(32))


class SpellingWordRow(Base):
    """A word added to the spelling dictionary of a language (shared by everyone on the base)."""

    __tablename__ = "spelling_word"
    __table_args__ = (UniqueConstraint("lang", "word", name="uq_spelling_word_lang_word"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lang: Mapped[str] = mapped_column(String(35))
    """The primary language subtag, lower case (en, ko): a word added for en-GB serves en-US."""
    word: Mapped[str] = mapped_column(String(255))
    author: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )


class CommentRow(Base):
    """A comment on a segment, or a reply to one (a thread is a comment and its replies)."""

    __tablename__ = "segment_comment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segment.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("segment_comment.id", ondelete="CASCADE")
    )
    """The comment this replies to (always a thread's first), None for a thread's first."""
    author: Mapped[str | None] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    """Set on a thread's first comment: the whole thread is resolved."""
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    """Read from the file the document came from: export does not write it again."""
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )


class LqaAnnotationRow(Base):
    """An error a reviewer annotated on a segment: an MQM category and severity."""

    __tablename__ = "lqa_annotation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segment.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[str] = mapped_column(String(80))
    """MQM Core `dimension` or `dimension/type`."""
    severity: Mapped[str] = mapped_column(String(16))
    excerpt: Mapped[str | None] = mapped_column(Text)
    """The part of the target the error is in, when the reviewer marked one."""
    note: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, server_default=func.now()
    )
