"""Chunking: verbatim slices that fit the model, split where a reader would split them."""

from __future__ import annotations

import itertools
import re
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from ingest.chunking import SPECIAL_TOKENS, chunk_article, chunk_header
from ingest.embedding import ModelGate, SentenceTransformerEmbedder
from ingest.errors import ParseError
from ingest.models import Article, Chunk
from ingest.parsers.base import ParseContext
from ingest.parsers.plaintext import parse_plaintext

from .conftest import REPO, shared_path
from .fakes import HashEmbedder

DEMO = REPO / "ingest" / "demo_articles"


def _demo(name: str) -> Article:
    path = DEMO / name
    return parse_plaintext(path.read_text(encoding="utf-8"), ParseContext(origin=str(path)))


def _all_demo() -> list[Article]:
    return [_demo(p.name) for p in sorted(DEMO.glob("*.txt"))]


def _check_fits(art: Article, chunks: list[Chunk], emb: HashEmbedder, max_tokens: int) -> None:
    assert chunks, "an article with text must give at least one chunk"
    for ch in chunks:
        assert art.text[ch.start : ch.end] == ch.text, "a chunk must be a verbatim slice"
        assert ch.text == ch.text.strip(), "a chunk must not start or end in whitespace"
        header, body = emb.count_tokens([ch.header, ch.text])
        assert header + body + SPECIAL_TOKENS <= max_tokens, (ch.n, header, body)
        # What is actually embedded is the header line plus the text.
        assert emb.count_tokens([ch.indexed_text])[0] + SPECIAL_TOKENS <= max_tokens
    assert [ch.n for ch in chunks] == list(range(len(chunks)))
    assert len({ch.id for ch in chunks}) == len(chunks)
    assert all(ch.article_id == art.id for ch in chunks)
    for a, b in itertools.pairwise(chunks):
        assert b.start > a.start and b.end > a.end, f"chunk {b.n} adds nothing to chunk {a.n}"


def _covered(chunks: list[Chunk], text: str) -> None:
    """Every word of the text lies inside some chunk: nothing is dropped between chunks."""
    for m in re.finditer(r"\S+", text):
        assert any(ch.start <= m.start() and m.end() <= ch.end for ch in chunks), m.group()


@pytest.mark.parametrize("max_tokens", [256, 128, 64])
def test_demo_chunks_are_verbatim_and_fit(max_tokens: int) -> None:
    emb = HashEmbedder()
    split_somewhere = False
    for art in _all_demo():
        chunks = chunk_article(art, emb.count_tokens, max_tokens=max_tokens)
        _check_fits(art, chunks, emb, max_tokens)
        _covered(chunks, art.text)
        split_somewhere |= len(chunks) > 1
    assert split_somewhere, "the demo articles are long enough to need more than one chunk"


def test_small_budget_forces_many_chunks() -> None:
    emb = HashEmbedder()
    art = _demo("01-orvel-border-clash.txt")
    big = chunk_article(art, emb.count_tokens, max_tokens=256)
    small = chunk_article(art, emb.count_tokens, max_tokens=64)
    assert len(small) >= 3 * len(big)
    _check_fits(art, small, emb, 64)


def test_header_has_headline_outlet_and_date() -> None:
    art = Article(
        headline="Dam talks resume",
        body="The two ministers met for an hour.",
        origin="x",
        outlet="Northwind Wire",
        published_at=datetime(2026, 10, 21, 9, 40, tzinfo=UTC),
    )
    assert chunk_header(art) == "Dam talks resume | Northwind Wire | 2026-10-21"
    (ch,) = chunk_article(art, HashEmbedder().count_tokens, max_tokens=256)
    assert ch.header == chunk_header(art)
    assert ch.indexed_text == f"{ch.header}\n{ch.text}"
    assert ch.start == 0 and ch.end == len(art.text)


def _sentences(topic: str, n: int) -> str:
    return " ".join(
        f"The {topic} committee reviewed item {i} of the plan and approved it." for i in range(n)
    )


def test_splits_prefer_paragraph_boundaries() -> None:
    emb = HashEmbedder()
    # Each paragraph is about 40% of the text budget, so two fit in a chunk and a third does not:
    # a greedy sentence packer would pull the third paragraph's first sentences into the chunk.
    paras = [_sentences(t, 3) for t in ("harbour", "rail", "water", "school", "budget", "tax")]
    art = Article(headline="Council", body="\n".join(paras), origin="x")
    header_tokens = emb.count_tokens([chunk_header(art)])[0]
    para_tokens = emb.count_tokens([paras[0]])[0]
    max_tokens = int(para_tokens / 0.4) + header_tokens + SPECIAL_TOKENS
    chunks = chunk_article(art, emb.count_tokens, max_tokens=max_tokens, overlap_tokens=32)
    _check_fits(art, chunks, emb, max_tokens)
    assert len(chunks) >= 3
    text = art.text
    for ch in chunks[1:]:
        assert text[ch.start - 1] == "\n", f"chunk {ch.n} does not start a paragraph"
    for ch in chunks:
        assert ch.end == len(text) or text[ch.end] == "\n", f"chunk {ch.n} ends mid-paragraph"
    # Two whole paragraphs a chunk (the headline shares the first chunk with them).
    assert sum(ch.text.count("\n") for ch in chunks[1:]) == len(chunks[1:])


def test_consecutive_chunks_overlap_by_whole_sentences() -> None:
    emb = HashEmbedder()
    # One long paragraph of short sentences: nothing but the overlap joins the chunks.
    art = Article(headline="Port", body=_sentences("port", 40), origin="x")
    chunks = chunk_article(art, emb.count_tokens, max_tokens=128, overlap_tokens=32)
    _check_fits(art, chunks, emb, 128)
    assert len(chunks) >= 3
    for a, b in itertools.pairwise(chunks):
        assert b.start < a.end, f"chunks {a.n} and {b.n} do not overlap"
        assert b.end > a.end, f"chunk {b.n} adds nothing new"
        shared = art.text[b.start : a.end]
        assert shared.startswith("The port committee") and shared.endswith("approved it.")
        # The overlap stays within its budget.
        assert emb.count_tokens([shared])[0] <= 32


def test_zero_overlap_gives_disjoint_chunks() -> None:
    emb = HashEmbedder()
    art = Article(headline="Port", body=_sentences("port", 40), origin="x")
    chunks = chunk_article(art, emb.count_tokens, max_tokens=128, overlap_tokens=0)
    assert len(chunks) >= 3
    for a, b in itertools.pairwise(chunks):
        assert b.start > a.end
    _covered(chunks, art.text)


def test_giant_sentence_without_punctuation_is_split_at_words() -> None:
    emb = HashEmbedder()
    words = [f"word{i}" for i in range(900)]
    art = Article(headline="Run-on", body=" ".join(words), origin="x")
    chunks = chunk_article(art, emb.count_tokens, max_tokens=64)
    _check_fits(art, chunks, emb, 64)
    assert len(chunks) >= 900 // 62
    text = art.text
    for ch in chunks:
        # Cut between words, never inside one.
        assert ch.start == 0 or text[ch.start - 1].isspace()
        assert ch.end == len(text) or text[ch.end].isspace()
    _covered(chunks, text)


def test_overlap_never_makes_a_chunk_of_its_own() -> None:
    emb = HashEmbedder()
    # Short sentences, then one that nearly fills a chunk: the overlap carried from the previous
    # chunk cannot fit beside it, and must not be emitted alone (a repeat of the previous tail).
    short = "The port reopened today."
    long = " ".join(["cargo"] * 53) + "."
    art = Article(headline="H", body=" ".join([short] * 6 + [long] + [short] * 6), origin="x")
    chunks = chunk_article(art, emb.count_tokens, max_tokens=64, overlap_tokens=32)
    _check_fits(art, chunks, emb, 64)
    _covered(chunks, art.text)
    assert sum(long in ch.text for ch in chunks) == 1
    assert len(chunks) == 3


def test_single_absurd_word_does_not_loop() -> None:
    emb = HashEmbedder()
    # A token-dense blob (an URL-encoded string, say) longer than any budget.
    blob = "-".join(["x"] * 400)
    art = Article(headline="Blob", body=f"Before. {blob} After.", origin="x")
    chunks = chunk_article(art, emb.count_tokens, max_tokens=64)
    assert chunks and all(art.text[c.start : c.end] == c.text for c in chunks)
    assert any(blob in c.text for c in chunks)


def test_related_teasers_never_in_any_chunk() -> None:
    emb = HashEmbedder()
    for art in _all_demo():
        assert art.related, f"{art.headline}: the demo articles carry related teasers"
        chunks = chunk_article(art, emb.count_tokens, max_tokens=64)
        for teaser in art.related:
            assert teaser not in art.text
            for ch in chunks:
                assert teaser not in ch.text and teaser not in ch.indexed_text
        for ch in chunks:
            assert "AI-generated" not in ch.text
            assert "Related Articles" not in ch.text


def test_empty_body_guard() -> None:
    emb = HashEmbedder()
    blank = Article(headline="  ", body=" \n\n  \n", origin="x")
    assert chunk_article(blank, emb.count_tokens, max_tokens=64) == []
    # The parser refuses an article that has a headline but no body, so nothing empty is indexed.
    with pytest.raises(ParseError, match="no body"):
        parse_plaintext("Just a headline\n\n", ParseContext(origin="x"))
    with pytest.raises(ParseError):
        parse_plaintext(
            "This content is AI-generated based on source articles.\nRelated Articles\nOther.\n",
            ParseContext(origin="x"),
        )


def test_blank_lines_and_indentation_keep_offsets_exact() -> None:
    emb = HashEmbedder()
    body = "  First para, indented. It has two sentences!\n\n\n\tSecond para?  Yes.\n   \nThird."
    art = Article(headline="Offsets", body=body, origin="x")
    chunks = chunk_article(art, emb.count_tokens, max_tokens=24, overlap_tokens=0)
    _check_fits(art, chunks, emb, 24)
    _covered(chunks, art.text)


def test_chunk_ids_depend_on_content() -> None:
    emb = HashEmbedder()
    a = Article(headline="H", body=_sentences("port", 30), origin="x", url="https://e.example/a")
    b = Article(headline="H", body=_sentences("rail", 30), origin="x", url="https://e.example/a")
    ca = chunk_article(a, emb.count_tokens, max_tokens=64)
    cb = chunk_article(b, emb.count_tokens, max_tokens=64)
    assert a.id == b.id, "same URL, same article"
    assert not {c.id for c in ca} & {c.id for c in cb}, "new text must get new chunk ids"
    assert [c.id for c in ca] == [c.id for c in chunk_article(a, emb.count_tokens, max_tokens=64)]


# --- the embedder's batching (a stub model: no weights needed) ---------------------------------


class _StubTokenizer:
    """Stands in for the fast tokenizer, which fails when two threads use it at once."""

    def __init__(self) -> None:
        self.busy = threading.Lock()

    def __call__(self, texts: list[str], **_kw: object) -> dict[str, list[int]]:
        if not self.busy.acquire(blocking=False):
            raise RuntimeError("Already borrowed")
        try:
            time.sleep(0.0005)
            return {"length": [len(t.split()) for t in texts]}
        finally:
            self.busy.release()


class _StubModel:
    def __init__(self, tokenizer: _StubTokenizer) -> None:
        self.tokenizer = tokenizer
        self.batches: list[list[str]] = []

    def encode(self, texts: list[str], **_kw: object) -> np.ndarray:
        self.tokenizer(texts)  # encode() tokenizes with the same shared tokenizer
        self.batches.append(list(texts))
        vecs = np.array([[len(t.split()), sum(map(ord, t)) % 97 + 1, 1.0] for t in texts])
        return (vecs / np.linalg.norm(vecs, axis=1, keepdims=True)).astype(np.float32)


def _stub_embedder(batch_size: int) -> SentenceTransformerEmbedder:
    emb = SentenceTransformerEmbedder.__new__(SentenceTransformerEmbedder)
    tok = _StubTokenizer()
    emb._model = _StubModel(tok)  # type: ignore[assignment]
    emb._tokenizer = tok
    emb._gate = ModelGate(bulk_max_wait_s=0.001)  # fairness is not under test here
    emb.name, emb.dim, emb.max_tokens, emb.batch_size, emb.device = (
        "stub",
        3,
        256,
        batch_size,
        "cpu",
    )
    return emb


def test_embed_batches_by_length_and_keeps_input_order() -> None:
    emb = _stub_embedder(batch_size=4)
    texts = [
        " ".join(["w"] * n) + f" t{i}" for i, n in enumerate([5, 40, 1, 33, 7, 2, 25, 18, 9, 30])
    ]
    done: list[int] = []
    vecs = emb.embed(texts, progress=done.append)
    model: _StubModel = emb._model  # type: ignore[assignment]
    # Row i is text i's vector, whatever order the batches ran in.
    assert np.allclose(vecs, model.encode(texts))
    assert sum(done) == len(texts)
    batches = model.batches[:-1]  # the last entry is the check above
    assert [len(b) for b in batches] == [4, 4, 2]
    sizes = [len(t.split()) for b in batches for t in b]
    assert sizes == sorted(sizes, reverse=True), "batches hold texts of similar length"
    assert emb.embed([]).shape == (0, 3)


def test_count_tokens_and_embed_share_the_tokenizer_safely() -> None:
    emb = _stub_embedder(batch_size=2)
    texts = [f"text number {i} " * (i % 5 + 1) for i in range(200)]
    errors: list[BaseException] = []

    def embedding() -> None:
        try:
            emb.embed(texts)
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=embedding)
    t.start()
    counted = 0
    while t.is_alive():
        counted += len(emb.count_tokens(["a question from the channel"]))
    t.join()
    assert errors == [] and counted > 0


# --- the real model ---------------------------------------------------------------------------


@pytest.mark.slow
def test_real_model_on_the_sample_article() -> None:
    from ingest.embedding import load_embedder

    sample: Path = shared_path("samples", "thailand-cambodia-talks.txt")
    emb = load_embedder("all-MiniLM-L6-v2")
    assert emb.max_tokens == 256 and emb.dim == 384
    art = parse_plaintext(sample.read_text(encoding="utf-8"), ParseContext(origin=str(sample)))
    chunks = chunk_article(art, emb.count_tokens, max_tokens=emb.max_tokens)
    assert chunks
    tok = emb._model.tokenizer  # type: ignore[attr-defined]
    for ch in chunks:
        assert art.text[ch.start : ch.end] == ch.text
        # Real word-pieces of what is embedded, [CLS] and [SEP] included: nothing is cut.
        n = len(tok(ch.indexed_text, add_special_tokens=True, truncation=False)["input_ids"])
        assert n <= 256, (ch.n, n)
    # The small-budget path holds with real word-pieces too.
    small = chunk_article(art, emb.count_tokens, max_tokens=64)
    assert len(small) > len(chunks)
    for ch in small:
        assert len(tok(ch.indexed_text, truncation=False)["input_ids"]) <= 64

    vecs = emb.embed([ch.indexed_text for ch in chunks])
    assert vecs.shape == (len(chunks), 384) and vecs.dtype == np.float32
    # Batching by length changes nothing but speed: the same vectors as a plain encode().
    bare = emb._model.encode(  # type: ignore[attr-defined]
        [ch.indexed_text for ch in chunks], normalize_embeddings=True, convert_to_numpy=True
    )
    assert np.allclose(vecs, bare, atol=1e-5)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)

    q = emb.embed(
        [
            "When will Thai and Cambodian defence officials meet for talks on the border fighting?",
            "Is China introducing export licences for steel products?",
        ]
    )
    sims = vecs @ q.T
    border, steel = float(sims[:, 0].max()), float(sims[:, 1].max())
    assert border > steel + 0.1, (border, steel)
