"""Run the socialrx command: python -m socialrx …"""

from socialrx.cli import main

main()
