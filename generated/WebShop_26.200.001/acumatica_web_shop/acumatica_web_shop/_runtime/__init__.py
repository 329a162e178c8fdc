"""The runtime shared by every part of acumatica_web_shop: codecs, errors, auth and transport.

Rendered from templates/package/_runtime/ by acumatica-codegen; edit the templates, not these files.
"""
