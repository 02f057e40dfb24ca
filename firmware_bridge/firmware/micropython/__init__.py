"""MicroPython firmware; ``robocore`` is also imported by the host's virtual robot and the tests.

On a board, copy the files without this ``__init__.py`` (see README.md).
"""
