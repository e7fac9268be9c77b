"""``python -m accord.lexicon.build``: rebuild the generated lexicon files."""
import sys

from .run import main

sys.exit(main())
