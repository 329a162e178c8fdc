"""The runtime every generated client carries: codecs, errors, auth and transport.

This is ordinary Python source in acumatica-codegen (``acumatica_codegen.runtime``), copied unchanged
into each generated package as ``<package>._runtime``; nothing in it depends on an endpoint. Edit the
source in acumatica-codegen, never a copy. ``_sync_client.py`` is derived from ``_async_client.py`` by
``scripts/unasync.py``.
"""
