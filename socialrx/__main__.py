"""`python -m socialrx` runs the `socialrx` command."""

from socialrx.cli import main

main()
