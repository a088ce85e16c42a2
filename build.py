"""Build policy.db from corpus/. Run `python build.py --help` for options; the work is in ingest/builder.py."""
import sys

from ingest.builder import main

if __name__ == "__main__":
    sys.exit(main())
