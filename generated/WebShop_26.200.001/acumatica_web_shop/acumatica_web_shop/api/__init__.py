"""Entity APIs of the WebShop 26.200.001 endpoint, one module per top-level entity.

Reach them through Client attributes; each module loads on first use.
"""
