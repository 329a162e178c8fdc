"""Stock Items (IN202500): create, read, update and delete StockItem records, and run its
actions.
"""

from __future__ import annotations

from typing import Literal, overload

import httpx

from .._runtime._async_client import AsyncEntityApi
from .._runtime._sync_client import EntityApi
from .._runtime._wire import FieldSpec
from ..models.stock_item import StockItem

__all__ = ["AsyncStockItemApi", "StockItemApi"]


class StockItemApi(EntityApi[StockItem]):
    """Stock Items (IN202500). Keys: InventoryID."""

    entity_name = "StockItem"
    model = StockItem
    key_fields = ("InventoryID",)

    def get_by_keys(
        self,
        inventory_id: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> StockItem:
        """The StockItem with this InventoryID (``NotFound`` if none)."""
        return self._get_by_keys(
            (inventory_id,), select=select, expand=expand, custom=custom, timeout=timeout
        )

    def delete_by_keys(
        self,
        inventory_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the StockItem with this InventoryID."""
        self._delete_by_keys((inventory_id,), timeout=timeout)

    @overload
    def publish_to_web_shop(
        self,
        entity: StockItem,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def publish_to_web_shop(
        self,
        entity: StockItem,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> StockItem: ...

    def publish_to_web_shop(
        self,
        entity: StockItem,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> StockItem | None:
        """Run the PublishToWebShop action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action("PublishToWebShop", entity, None, timeout=timeout, reread=reread)


class AsyncStockItemApi(AsyncEntityApi[StockItem]):
    """Stock Items (IN202500). Keys: InventoryID."""

    entity_name = "StockItem"
    model = StockItem
    key_fields = ("InventoryID",)

    async def get_by_keys(
        self,
        inventory_id: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> StockItem:
        """The StockItem with this InventoryID (``NotFound`` if none)."""
        return await self._get_by_keys(
            (inventory_id,), select=select, expand=expand, custom=custom, timeout=timeout
        )

    async def delete_by_keys(
        self,
        inventory_id: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the StockItem with this InventoryID."""
        await self._delete_by_keys((inventory_id,), timeout=timeout)

    @overload
    async def publish_to_web_shop(
        self,
        entity: StockItem,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def publish_to_web_shop(
        self,
        entity: StockItem,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> StockItem: ...

    async def publish_to_web_shop(
        self,
        entity: StockItem,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> StockItem | None:
        """Run the PublishToWebShop action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "PublishToWebShop", entity, None, timeout=timeout, reread=reread
        )
