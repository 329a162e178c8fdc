"""Stock Items (IN202500): create, read, update and delete StockItem records, and run its
actions.
"""

from __future__ import annotations

from .._runtime._async_client import AsyncEntityApi
from .._runtime._sync_client import EntityApi
from ..models.stock_item import StockItem

__all__ = ["AsyncStockItemApi", "StockItemApi"]


class StockItemApi(EntityApi[StockItem]):
    """Stock Items (IN202500). Keys: InventoryID."""

    entity_name = "StockItem"
    model = StockItem
    key_fields = ("InventoryID",)

    def publish_to_web_shop(
        self,
        entity: StockItem,
        *,
        timeout: float | None = None,
    ) -> None:
        """Run the PublishToWebShop action and wait until it finishes."""
        self._invoke_action("PublishToWebShop", entity, None, timeout=timeout)


class AsyncStockItemApi(AsyncEntityApi[StockItem]):
    """Stock Items (IN202500). Keys: InventoryID."""

    entity_name = "StockItem"
    model = StockItem
    key_fields = ("InventoryID",)

    async def publish_to_web_shop(
        self,
        entity: StockItem,
        *,
        timeout: float | None = None,
    ) -> None:
        """Run the PublishToWebShop action and wait until it finishes."""
        await self._invoke_action("PublishToWebShop", entity, None, timeout=timeout)
