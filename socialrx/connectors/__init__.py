"""Platform connectors: one module per network behind the small interface in ``base.py``.

Pure Python over httpx; never imports Django or the server. Get one with
``registry.get_connector(key, sandbox=...)``.
"""
