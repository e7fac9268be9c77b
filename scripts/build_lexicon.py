"""Kept for the name in the generated files' headers: the build is ``python -m accord.lexicon.build``."""
from accord.lexicon.build import main

raise SystemExit(main())
