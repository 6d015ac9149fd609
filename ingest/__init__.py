"""The write path and the index: parsing, chunking, embedding, Chroma, and the reindex."""
