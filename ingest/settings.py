"""All configuration, read once from the environment (prefix ``NEWSBOT_``) or a ``.env`` file.

Build one :class:`Settings` at start-up and pass it down; nothing else reads ``os.environ``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEWSBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        env_ignore_empty=True,  # "NEWSBOT_DEV_GUILD_ID=" in .env means unset, not ""
    )

    # --- storage -------------------------------------------------------------------------------
    data_dir: Path = Path("./data")
    chroma_mode: Literal["embedded", "server"] = "embedded"
    chroma_host: str = "localhost"
    chroma_port: int = 8000
    chroma_ssl: bool = False
    chroma_token: SecretStr | None = None
    chroma_tenant: str = "default_tenant"
    chroma_database: str = "default_database"

    # --- embedding -----------------------------------------------------------------------------
    embedding_model: str = DEFAULT_MODEL
    embedding_device: str | None = None  # None: CUDA when available, else CPU
    embedding_batch_size: int = 64
    # torch | onnx | onnx-int8 (see ingest/embedding.py). onnx gives torch's vectors, faster;
    # a switch to or from onnx-int8 changes the vectors and needs `reindex --full`.
    embedding_backend: Literal["torch", "onnx", "onnx-int8"] = "onnx"
    embedding_onnx_dir: Path | None = None  # prebuilt ONNX exports, searched before data_dir/models

    # --- chunking ------------------------------------------------------------------------------
    chunk_max_tokens: int = 0  # 0: the model's own max sequence length
    chunk_overlap_tokens: int = 32

    # --- ingest --------------------------------------------------------------------------------
    default_ai_generated: bool = True
    max_file_bytes: int = 50_000_000  # exports of many articles are large
    fetch_timeout_s: float = 15.0
    fetch_max_bytes: int = 5_000_000
    fetch_deadline_s: float = 60.0  # the most one fetch may take in all
    feed_max_pages: int = 50  # entry pages fetched per feed per reindex
    allow_private_addresses: bool = False  # links inside feeds/pages may reach private hosts
    user_agent: str = "newsbot/0.1 (+https://github.com/newsbot)"

    # --- answering -----------------------------------------------------------------------------
    max_question_chars: int = 500
    # The running bot embeds the articles' sentences in the background after each reindex, so an
    # answer looks its shortlist up instead of embedding it (bot/qa/sentvecs.py): about half an
    # answer's time on a CPU, for about 0.8 KB of disk per sentence. off: embed at question time.
    sentence_vectors: bool = True
    # Per corpus, the newest articles whose sentences are embedded ahead (about 100 sentences,
    # 80 KB and 0.7 s of one CPU's background time an article); 0: all of them.
    sentence_vectors_max_articles: int = 10_000
    llm: str | None = None  # e.g. "ollama:llama3.1", "openai:gpt-4o-mini", "anthropic:claude-..."
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    # The model's answer is shown only if it comes within llm_deadline_s of the question (all
    # attempts together); otherwise the quoted answer stays. One request waits at most
    # llm_timeout_s on the server at a time (to connect, or for the next piece of the reply).
    llm_deadline_s: float = 45.0
    llm_timeout_s: float = 30.0
    llm_max_tokens: int = 400  # the model's reply is cut there
    # Excerpts in the model's prompt (at most 6): fewer read faster on a small CPU.
    llm_max_excerpts: int = 6
    # How the JSON reply is asked for: "auto" (the provider's JSON schema, then JSON mode, then
    # the prompt alone), or one of "json_schema", "json_mode", "prompt".
    llm_structured: Literal["auto", "json_schema", "json_mode", "prompt"] = "auto"

    # --- discord -------------------------------------------------------------------------------
    discord_token: SecretStr | None = None
    discord_api_base: str = "https://discord.com/api/v10"
    dev_guild_id: int | None = None
    message_content_intent: bool = False
    admin_role: str | None = None
    shared_corpus: str | None = None
    ask_cooldown_s: float = 10.0
    guild_max_concurrent_asks: int = 4
    max_attachment_bytes: int = 2_000_000
    feed_refresh_minutes: int = 0  # 0: never refresh feeds on a schedule
    # Articles read from a feed or page stay indexed after they leave it; older than this many
    # days (by publication, else indexing, date) they are removed. 0: keep them for good.
    retention_days: int = 0

    # --- operations ----------------------------------------------------------------------------
    health_port: int = 0  # 0: no health endpoint
    max_open_corpora: int = 64  # least recently used guild corpora beyond this are closed
    log_level: str = "INFO"

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, v: Path) -> Path:
        return v.expanduser()

    @property
    def embedding_space(self) -> str:
        """What the index's vectors are comparable with (model, and int8 when quantized)."""
        from .embedding import vector_space

        return vector_space(self.embedding_model, self.embedding_backend)

    @property
    def corpora_dir(self) -> Path:
        return self.data_dir / "corpora"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"
