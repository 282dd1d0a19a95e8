"""``python -m reuse``: the same as the ``reuse`` command."""

from .cli import main

if __name__ == "__main__":
    main()
