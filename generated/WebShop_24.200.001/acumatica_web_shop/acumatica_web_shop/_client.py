"""Clients for the WebShop 24.200.001 endpoint: one attribute per top-level entity.

``Client`` and ``AsyncClient`` share one template: each entity API module is imported the first
time its attribute is used.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from . import ENDPOINT, VERSION
from ._runtime._async_client import AsyncBaseClient
from ._runtime._sync_client import SyncBaseClient

if TYPE_CHECKING:
    from .api.customer import AsyncCustomerApi, CustomerApi
    from .api.payment import AsyncPaymentApi, PaymentApi
    from .api.sales_invoice import AsyncSalesInvoiceApi, SalesInvoiceApi
    from .api.sales_order import AsyncSalesOrderApi, SalesOrderApi
    from .api.shipment import AsyncShipmentApi, ShipmentApi
    from .api.stock_item import AsyncStockItemApi, StockItemApi


class Client(SyncBaseClient):
    """Client for the Acumatica WebShop endpoint, version 24.200.001.

    Use it as a context manager: it signs in on first use and always signs out.
    """

    endpoint_name = ENDPOINT
    endpoint_version = VERSION

    @cached_property
    def customer(self) -> CustomerApi:
        """Customers (AR303000)."""
        from .api.customer import CustomerApi

        return CustomerApi(self)

    @cached_property
    def payment(self) -> PaymentApi:
        """Payments and Applications (AR302000)."""
        from .api.payment import PaymentApi

        return PaymentApi(self)

    @cached_property
    def sales_invoice(self) -> SalesInvoiceApi:
        """Invoices (SO303000)."""
        from .api.sales_invoice import SalesInvoiceApi

        return SalesInvoiceApi(self)

    @cached_property
    def sales_order(self) -> SalesOrderApi:
        """Sales Orders (SO301000)."""
        from .api.sales_order import SalesOrderApi

        return SalesOrderApi(self)

    @cached_property
    def shipment(self) -> ShipmentApi:
        """Shipments (SO302000)."""
        from .api.shipment import ShipmentApi

        return ShipmentApi(self)

    @cached_property
    def stock_item(self) -> StockItemApi:
        """Stock Items (IN202500)."""
        from .api.stock_item import StockItemApi

        return StockItemApi(self)


class AsyncClient(AsyncBaseClient):
    """Asynchronous client for the Acumatica WebShop endpoint, version 24.200.001.

    Use it as an async context manager: it signs in on first use and always signs out.
    """

    endpoint_name = ENDPOINT
    endpoint_version = VERSION

    @cached_property
    def customer(self) -> AsyncCustomerApi:
        """Customers (AR303000)."""
        from .api.customer import AsyncCustomerApi

        return AsyncCustomerApi(self)

    @cached_property
    def payment(self) -> AsyncPaymentApi:
        """Payments and Applications (AR302000)."""
        from .api.payment import AsyncPaymentApi

        return AsyncPaymentApi(self)

    @cached_property
    def sales_invoice(self) -> AsyncSalesInvoiceApi:
        """Invoices (SO303000)."""
        from .api.sales_invoice import AsyncSalesInvoiceApi

        return AsyncSalesInvoiceApi(self)

    @cached_property
    def sales_order(self) -> AsyncSalesOrderApi:
        """Sales Orders (SO301000)."""
        from .api.sales_order import AsyncSalesOrderApi

        return AsyncSalesOrderApi(self)

    @cached_property
    def shipment(self) -> AsyncShipmentApi:
        """Shipments (SO302000)."""
        from .api.shipment import AsyncShipmentApi

        return AsyncShipmentApi(self)

    @cached_property
    def stock_item(self) -> AsyncStockItemApi:
        """Stock Items (IN202500)."""
        from .api.stock_item import AsyncStockItemApi

        return AsyncStockItemApi(self)
