"""The Discord-free question-answering core: retrieve passages, compose a cited answer.

The CLI, the eval harness and the Discord layer all call :meth:`QAService.answer`.
"""
