"""The newsbot application: the question-answering core, the CLI and the Discord layer."""
