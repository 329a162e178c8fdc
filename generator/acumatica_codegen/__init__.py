"""acumatica-codegen: typed, version-pinned Python clients for Acumatica contract-based endpoints."""

__version__ = "0.1.0"
