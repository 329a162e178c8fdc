"""Shipments (SO302000): create, read, update and delete Shipment records, and run its actions."""

from __future__ import annotations

from typing import Literal, overload

import httpx

from .._runtime._async_client import AsyncEntityApi
from .._runtime._sync_client import EntityApi
from .._runtime._wire import FieldSpec
from ..models.shipment import Shipment

__all__ = ["AsyncShipmentApi", "ShipmentApi"]


class ShipmentApi(EntityApi[Shipment]):
    """Shipments (SO302000). Keys: ShipmentNbr."""

    entity_name = "Shipment"
    model = Shipment
    key_fields = ("ShipmentNbr",)

    def get_by_keys(
        self,
        shipment_nbr: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> Shipment:
        """The Shipment with this ShipmentNbr (``NotFound`` if none)."""
        return self._get_by_keys(
            (shipment_nbr,), select=select, expand=expand, custom=custom, timeout=timeout
        )

    def delete_by_keys(
        self,
        shipment_nbr: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the Shipment with this ShipmentNbr."""
        self._delete_by_keys((shipment_nbr,), timeout=timeout)

    @overload
    def confirm_shipment(
        self,
        entity: Shipment,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def confirm_shipment(
        self,
        entity: Shipment,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> Shipment: ...

    def confirm_shipment(
        self,
        entity: Shipment,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> Shipment | None:
        """Run the ConfirmShipment action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action("ConfirmShipment", entity, None, timeout=timeout, reread=reread)


class AsyncShipmentApi(AsyncEntityApi[Shipment]):
    """Shipments (SO302000). Keys: ShipmentNbr."""

    entity_name = "Shipment"
    model = Shipment
    key_fields = ("ShipmentNbr",)

    async def get_by_keys(
        self,
        shipment_nbr: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> Shipment:
        """The Shipment with this ShipmentNbr (``NotFound`` if none)."""
        return await self._get_by_keys(
            (shipment_nbr,), select=select, expand=expand, custom=custom, timeout=timeout
        )

    async def delete_by_keys(
        self,
        shipment_nbr: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the Shipment with this ShipmentNbr."""
        await self._delete_by_keys((shipment_nbr,), timeout=timeout)

    @overload
    async def confirm_shipment(
        self,
        entity: Shipment,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def confirm_shipment(
        self,
        entity: Shipment,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> Shipment: ...

    async def confirm_shipment(
        self,
        entity: Shipment,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> Shipment | None:
        """Run the ConfirmShipment action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "ConfirmShipment", entity, None, timeout=timeout, reread=reread
        )
