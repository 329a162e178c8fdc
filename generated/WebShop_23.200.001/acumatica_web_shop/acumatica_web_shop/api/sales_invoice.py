"""Invoices (SO303000): create, read, update and delete SalesInvoice records, and run its
actions.
"""

from __future__ import annotations

from typing import Literal, overload

import httpx

from .._runtime._async_client import AsyncEntityApi
from .._runtime._sync_client import EntityApi
from .._runtime._wire import FieldSpec
from ..models.sales_invoice import SalesInvoice

__all__ = ["AsyncSalesInvoiceApi", "SalesInvoiceApi"]


class SalesInvoiceApi(EntityApi[SalesInvoice]):
    """Invoices (SO303000). Keys: Type, ReferenceNbr."""

    entity_name = "SalesInvoice"
    model = SalesInvoice
    key_fields = ("Type", "ReferenceNbr")

    def get_by_keys(
        self,
        type: str,
        reference_nbr: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> SalesInvoice:
        """The SalesInvoice with this Type and ReferenceNbr (``NotFound`` if none)."""
        return self._get_by_keys(
            (type, reference_nbr), select=select, expand=expand, custom=custom, timeout=timeout
        )

    def delete_by_keys(
        self,
        type: str,
        reference_nbr: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the SalesInvoice with this Type and ReferenceNbr."""
        self._delete_by_keys((type, reference_nbr), timeout=timeout)

    @overload
    def email_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def email_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesInvoice: ...

    def email_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesInvoice | None:
        """Run the EmailSalesInvoice action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action(
            "EmailSalesInvoice", entity, None, timeout=timeout, reread=reread
        )

    @overload
    def release_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def release_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesInvoice: ...

    def release_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesInvoice | None:
        """Run the ReleaseSalesInvoice action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action(
            "ReleaseSalesInvoice", entity, None, timeout=timeout, reread=reread
        )


class AsyncSalesInvoiceApi(AsyncEntityApi[SalesInvoice]):
    """Invoices (SO303000). Keys: Type, ReferenceNbr."""

    entity_name = "SalesInvoice"
    model = SalesInvoice
    key_fields = ("Type", "ReferenceNbr")

    async def get_by_keys(
        self,
        type: str,
        reference_nbr: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> SalesInvoice:
        """The SalesInvoice with this Type and ReferenceNbr (``NotFound`` if none)."""
        return await self._get_by_keys(
            (type, reference_nbr), select=select, expand=expand, custom=custom, timeout=timeout
        )

    async def delete_by_keys(
        self,
        type: str,
        reference_nbr: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the SalesInvoice with this Type and ReferenceNbr."""
        await self._delete_by_keys((type, reference_nbr), timeout=timeout)

    @overload
    async def email_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def email_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesInvoice: ...

    async def email_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesInvoice | None:
        """Run the EmailSalesInvoice action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "EmailSalesInvoice", entity, None, timeout=timeout, reread=reread
        )

    @overload
    async def release_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def release_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesInvoice: ...

    async def release_sales_invoice(
        self,
        entity: SalesInvoice,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesInvoice | None:
        """Run the ReleaseSalesInvoice action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "ReleaseSalesInvoice", entity, None, timeout=timeout, reread=reread
        )
