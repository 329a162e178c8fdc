"""AsyncClient for the WebShop 26.200.001 endpoint: one attribute per top-level entity.

``Client`` and ``AsyncClient`` come from one template, in two modules so that each imports only
its own transport. Each entity API module is imported the first time its attribute is used.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from . import CONTRACT, ENDPOINT, VERSION
from ._runtime._async_client import AsyncBaseClient

if TYPE_CHECKING:
    from .api.customer import AsyncCustomerApi
    from .api.payment import AsyncPaymentApi
    from .api.sales_invoice import AsyncSalesInvoiceApi
    from .api.sales_order import AsyncSalesOrderApi
    from .api.shipment import AsyncShipmentApi
    from .api.stock_item import AsyncStockItemApi


class AsyncClient(AsyncBaseClient):
    """Asynchronous client for the Acumatica WebShop endpoint, version 26.200.001.

    Use it as an async context manager: it signs in on first use and signs out when the
    block ends, errors included. ``url`` and ``auth`` default to the ``ACUMATICA_*`` environment
    variables; the other options (``timeout``, ``max_concurrency``, ``max_retries``,
    ``http_client``, ``log_file``, ``action_poll_interval``, ``action_timeout``, ``fleet``) are
    described on ``AsyncBaseClient``.
    """

    endpoint_name = ENDPOINT
    endpoint_version = VERSION
    contract_version = CONTRACT

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
