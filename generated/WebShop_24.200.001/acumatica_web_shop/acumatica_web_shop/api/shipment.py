"""Shipments (SO302000): create, read, update and delete Shipment records, and run its actions."""

from __future__ import annotations

from .._runtime._async_client import AsyncEntityApi
from .._runtime._sync_client import EntityApi
from ..models.shipment import Shipment

__all__ = ["AsyncShipmentApi", "ShipmentApi"]


class ShipmentApi(EntityApi[Shipment]):
    """Shipments (SO302000). Keys: ShipmentNbr."""

    entity_name = "Shipment"
    model = Shipment
    key_fields = ("ShipmentNbr",)

    def confirm_shipment(
        self,
        entity: Shipment,
        *,
        timeout: float | None = None,
    ) -> None:
        """Run the ConfirmShipment action and wait until it finishes."""
        self._invoke_action("ConfirmShipment", entity, None, timeout=timeout)


class AsyncShipmentApi(AsyncEntityApi[Shipment]):
    """Shipments (SO302000). Keys: ShipmentNbr."""

    entity_name = "Shipment"
    model = Shipment
    key_fields = ("ShipmentNbr",)

    async def confirm_shipment(
        self,
        entity: Shipment,
        *,
        timeout: float | None = None,
    ) -> None:
        """Run the ConfirmShipment action and wait until it finishes."""
        await self._invoke_action("ConfirmShipment", entity, None, timeout=timeout)
