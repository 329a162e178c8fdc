"""Invoices (SO303000): create, read, update and delete SalesInvoice records, and run its
actions.
"""

from __future__ import annotations

from .._runtime._async_client import AsyncEntityApi
from .._runtime._sync_client import EntityApi
from ..models.sales_invoice import SalesInvoice

__all__ = ["AsyncSalesInvoiceApi", "SalesInvoiceApi"]


class SalesInvoiceApi(EntityApi[SalesInvoice]):
    """Invoices (SO303000). Keys: Type, ReferenceNbr."""

    entity_name = "SalesInvoice"
    model = SalesInvoice
    key_fields = ("Type", "ReferenceNbr")

    def release_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
    ) -> None:
        """Run the ReleaseSalesInvoice action and wait until it finishes."""
        self._invoke_action("ReleaseSalesInvoice", entity, None, timeout=timeout)


class AsyncSalesInvoiceApi(AsyncEntityApi[SalesInvoice]):
    """Invoices (SO303000). Keys: Type, ReferenceNbr."""

    entity_name = "SalesInvoice"
    model = SalesInvoice
    key_fields = ("Type", "ReferenceNbr")

    async def release_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
    ) -> None:
        """Run the ReleaseSalesInvoice action and wait until it finishes."""
        await self._invoke_action("ReleaseSalesInvoice", entity, None, timeout=timeout)
