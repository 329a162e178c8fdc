"""Client for the WebShop 24.200.001 endpoint: one attribute per top-level entity.

``Client`` and ``AsyncClient`` come from one template, in two modules so that each imports only
its own transport. Each entity API module is imported the first time its attribute is used.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from . import CONTRACT, ENDPOINT, VERSION
from ._runtime._sync_client import SyncBaseClient

if TYPE_CHECKING:
    from .api.customer import CustomerApi
    from .api.payment import PaymentApi
    from .api.sales_invoice import SalesInvoiceApi
    from .api.sales_order import SalesOrderApi
    from .api.shipment import ShipmentApi
    from .api.stock_item import StockItemApi


class Client(SyncBaseClient):
    """Client for the Acumatica WebShop endpoint, version 24.200.001.

    Use it as a context manager: it signs in on first use and signs out when the
    block ends, errors included. ``url`` and ``auth`` default to the ``ACUMATICA_*`` environment
    variables; the other options (``timeout``, ``max_concurrency``, ``max_retries``,
    ``http_client``, ``log_file``, ``action_poll_interval``, ``action_timeout``, ``fleet``) are
    described on ``SyncBaseClient``.
    """

    endpoint_name = ENDPOINT
    endpoint_version = VERSION
    contract_version = CONTRACT

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
