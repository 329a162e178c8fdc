"""Customers (AR303000): create, read, update and delete Customer records, and run its actions."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, overload

import httpx

from .._runtime._async_client import AsyncEntityApi
from .._runtime._sync_client import EntityApi
from .._runtime._wire import FieldSpec
from .._runtime.values import UNSET, Unset, wrap_parameters
from ..models.customer import Customer

__all__ = ["AsyncCustomerApi", "CustomerApi"]


class CustomerApi(EntityApi[Customer]):
    """Customers (AR303000). Keys: CustomerID."""

    entity_name = "Customer"
    model = Customer
    key_fields = ("CustomerID",)

    def get_by_keys(
        self,
        customer_id: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> Customer:
        """The Customer with this CustomerID (``NotFound`` if none)."""
        return self._get_by_keys(
            (customer_id,), select=select, expand=expand, custom=custom, timeout=timeout
        )

    def delete_by_keys(
        self,
        customer_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the Customer with this CustomerID."""
        self._delete_by_keys((customer_id,), timeout=timeout)

    @overload
    def adjust_loyalty_points(
        self,
        entity: Customer,
        *,
        expiration_date: datetime | None | Unset = UNSET,
        points: int | None | Unset = UNSET,
        reason: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def adjust_loyalty_points(
        self,
        entity: Customer,
        *,
        expiration_date: datetime | None | Unset = UNSET,
        points: int | None | Unset = UNSET,
        reason: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> Customer: ...

    def adjust_loyalty_points(
        self,
        entity: Customer,
        *,
        expiration_date: datetime | None | Unset = UNSET,
        points: int | None | Unset = UNSET,
        reason: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: bool = False,
    ) -> Customer | None:
        """Run the AdjustLoyaltyPoints action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        parameters = wrap_parameters(
            ("ExpirationDate", "datetime", expiration_date),
            ("Points", "int", points),
            ("Reason", "string", reason),
        )
        return self._invoke_action(
            "AdjustLoyaltyPoints", entity, parameters, timeout=timeout, reread=reread
        )


class AsyncCustomerApi(AsyncEntityApi[Customer]):
    """Customers (AR303000). Keys: CustomerID."""

    entity_name = "Customer"
    model = Customer
    key_fields = ("CustomerID",)

    async def get_by_keys(
        self,
        customer_id: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> Customer:
        """The Customer with this CustomerID (``NotFound`` if none)."""
        return await self._get_by_keys(
            (customer_id,), select=select, expand=expand, custom=custom, timeout=timeout
        )

    async def delete_by_keys(
        self,
        customer_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the Customer with this CustomerID."""
        await self._delete_by_keys((customer_id,), timeout=timeout)

    @overload
    async def adjust_loyalty_points(
        self,
        entity: Customer,
        *,
        expiration_date: datetime | None | Unset = UNSET,
        points: int | None | Unset = UNSET,
        reason: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def adjust_loyalty_points(
        self,
        entity: Customer,
        *,
        expiration_date: datetime | None | Unset = UNSET,
        points: int | None | Unset = UNSET,
        reason: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> Customer: ...

    async def adjust_loyalty_points(
        self,
        entity: Customer,
        *,
        expiration_date: datetime | None | Unset = UNSET,
        points: int | None | Unset = UNSET,
        reason: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: bool = False,
    ) -> Customer | None:
        """Run the AdjustLoyaltyPoints action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        parameters = wrap_parameters(
            ("ExpirationDate", "datetime", expiration_date),
            ("Points", "int", points),
            ("Reason", "string", reason),
        )
        return await self._invoke_action(
            "AdjustLoyaltyPoints", entity, parameters, timeout=timeout, reread=reread
        )
