"""Sales Orders (SO301000): create, read, update and delete SalesOrder records, and run its
actions.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, overload

import httpx

from .._runtime._async_client import AsyncEntityApi
from .._runtime._sync_client import EntityApi
from .._runtime._wire import FieldSpec
from .._runtime.values import UNSET, Unset, wrap_parameters
from ..models.sales_order import SalesOrder

__all__ = ["AsyncSalesOrderApi", "SalesOrderApi"]


class SalesOrderApi(EntityApi[SalesOrder]):
    """Sales Orders (SO301000). Keys: OrderType, OrderNbr."""

    entity_name = "SalesOrder"
    model = SalesOrder
    key_fields = ("OrderType", "OrderNbr")

    def get_by_keys(
        self,
        order_type: str,
        order_nbr: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> SalesOrder:
        """The SalesOrder with this OrderType and OrderNbr (``NotFound`` if none)."""
        return self._get_by_keys(
            (order_type, order_nbr), select=select, expand=expand, custom=custom, timeout=timeout
        )

    def delete_by_keys(
        self,
        order_type: str,
        order_nbr: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the SalesOrder with this OrderType and OrderNbr."""
        self._delete_by_keys((order_type, order_nbr), timeout=timeout)

    @overload
    def cancel_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def cancel_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    def cancel_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the CancelSalesOrder action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action("CancelSalesOrder", entity, None, timeout=timeout, reread=reread)

    @overload
    def prepare_sales_invoice(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def prepare_sales_invoice(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    def prepare_sales_invoice(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the PrepareSalesInvoice action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action(
            "PrepareSalesInvoice", entity, None, timeout=timeout, reread=reread
        )

    @overload
    def put_sales_order_on_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def put_sales_order_on_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    def put_sales_order_on_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the PutSalesOrderOnHold action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action(
            "PutSalesOrderOnHold", entity, None, timeout=timeout, reread=reread
        )

    @overload
    def release_sales_order_from_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def release_sales_order_from_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    def release_sales_order_from_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the ReleaseSalesOrderFromHold action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action(
            "ReleaseSalesOrderFromHold", entity, None, timeout=timeout, reread=reread
        )

    @overload
    def reopen_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def reopen_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    def reopen_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the ReopenSalesOrder action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action("ReopenSalesOrder", entity, None, timeout=timeout, reread=reread)

    @overload
    def sales_order_create_shipment(
        self,
        entity: SalesOrder,
        *,
        shipment_date: datetime | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def sales_order_create_shipment(
        self,
        entity: SalesOrder,
        *,
        shipment_date: datetime | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    def sales_order_create_shipment(
        self,
        entity: SalesOrder,
        *,
        shipment_date: datetime | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the SalesOrderCreateShipment action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        parameters = wrap_parameters(
            ("ShipmentDate", "datetime", shipment_date),
            ("WarehouseID", "string", warehouse_id),
        )
        return self._invoke_action(
            "SalesOrderCreateShipment", entity, parameters, timeout=timeout, reread=reread
        )


class AsyncSalesOrderApi(AsyncEntityApi[SalesOrder]):
    """Sales Orders (SO301000). Keys: OrderType, OrderNbr."""

    entity_name = "SalesOrder"
    model = SalesOrder
    key_fields = ("OrderType", "OrderNbr")

    async def get_by_keys(
        self,
        order_type: str,
        order_nbr: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> SalesOrder:
        """The SalesOrder with this OrderType and OrderNbr (``NotFound`` if none)."""
        return await self._get_by_keys(
            (order_type, order_nbr), select=select, expand=expand, custom=custom, timeout=timeout
        )

    async def delete_by_keys(
        self,
        order_type: str,
        order_nbr: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the SalesOrder with this OrderType and OrderNbr."""
        await self._delete_by_keys((order_type, order_nbr), timeout=timeout)

    @overload
    async def cancel_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def cancel_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    async def cancel_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the CancelSalesOrder action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "CancelSalesOrder", entity, None, timeout=timeout, reread=reread
        )

    @overload
    async def prepare_sales_invoice(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def prepare_sales_invoice(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    async def prepare_sales_invoice(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the PrepareSalesInvoice action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "PrepareSalesInvoice", entity, None, timeout=timeout, reread=reread
        )

    @overload
    async def put_sales_order_on_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def put_sales_order_on_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    async def put_sales_order_on_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the PutSalesOrderOnHold action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "PutSalesOrderOnHold", entity, None, timeout=timeout, reread=reread
        )

    @overload
    async def release_sales_order_from_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def release_sales_order_from_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    async def release_sales_order_from_hold(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the ReleaseSalesOrderFromHold action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "ReleaseSalesOrderFromHold", entity, None, timeout=timeout, reread=reread
        )

    @overload
    async def reopen_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def reopen_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    async def reopen_sales_order(
        self,
        entity: SalesOrder,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the ReopenSalesOrder action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "ReopenSalesOrder", entity, None, timeout=timeout, reread=reread
        )

    @overload
    async def sales_order_create_shipment(
        self,
        entity: SalesOrder,
        *,
        shipment_date: datetime | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def sales_order_create_shipment(
        self,
        entity: SalesOrder,
        *,
        shipment_date: datetime | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> SalesOrder: ...

    async def sales_order_create_shipment(
        self,
        entity: SalesOrder,
        *,
        shipment_date: datetime | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: bool = False,
    ) -> SalesOrder | None:
        """Run the SalesOrderCreateShipment action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        parameters = wrap_parameters(
            ("ShipmentDate", "datetime", shipment_date),
            ("WarehouseID", "string", warehouse_id),
        )
        return await self._invoke_action(
            "SalesOrderCreateShipment", entity, parameters, timeout=timeout, reread=reread
        )
