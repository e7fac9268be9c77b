"""``python -m lexicon_build``: rebuild the generated lexicon files."""
import sys

from .run import main

sys.exit(main())
