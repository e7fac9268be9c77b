"""accord's tests, a package so that tests/PACKAGE/test_NAME.py may share a file name across folders.

pytest imports them as ``tests.PACKAGE.test_NAME`` (the default ``prepend`` mode puts the repository
root on ``sys.path``); shared helpers are imported the same way: ``from tests._browser import ROOT``.
"""
