"""Entity APIs of the WebShop 24.200.001 endpoint, one module per top-level entity.

Reach them through Client attributes; each module loads on first use.
"""
