"""`python -m progman`: the `progman` command."""

from .cli import run

if __name__ == "__main__":
    run()
