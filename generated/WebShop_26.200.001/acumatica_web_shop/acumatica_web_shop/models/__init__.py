"""Entities of the WebShop 26.200.001 endpoint, one module per entity family.

Every class is imported on first access, so importing this package costs almost nothing however
large the endpoint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# class name → module of its family
_MODULES = {
    "Address": ".address",
    "AttributeValue": ".attribute_value",
    "Contact": ".contact",
    "Customer": ".customer",
    "CustomerCustomAction": ".customer",
    "DocAddress": ".doc_address",
    "DocContact": ".doc_contact",
    "Payment": ".payment",
    "PaymentApplicationHistoryDetail": ".payment",
    "PaymentCustomAction": ".payment",
    "PaymentDetail": ".payment",
    "PaymentOrderDetail": ".payment",
    "SalesInvoice": ".sales_invoice",
    "SalesInvoiceCustomAction": ".sales_invoice",
    "SalesInvoiceDetail": ".sales_invoice",
    "SalesOrder": ".sales_order",
    "SalesOrderCustomAction": ".sales_order",
    "SalesOrderDetail": ".sales_order",
    "Shipment": ".shipment",
    "ShipmentCustomAction": ".shipment",
    "ShipmentDetail": ".shipment",
    "StockItem": ".stock_item",
    "StockItemCustomAction": ".stock_item",
    "StockItemWarehouseDetail": ".stock_item",
}

if TYPE_CHECKING:
    from .address import (
        Address as Address,
    )
    from .attribute_value import (
        AttributeValue as AttributeValue,
    )
    from .contact import (
        Contact as Contact,
    )
    from .customer import (
        Customer as Customer,
        CustomerCustomAction as CustomerCustomAction,
    )
    from .doc_address import (
        DocAddress as DocAddress,
    )
    from .doc_contact import (
        DocContact as DocContact,
    )
    from .payment import (
        Payment as Payment,
        PaymentApplicationHistoryDetail as PaymentApplicationHistoryDetail,
        PaymentCustomAction as PaymentCustomAction,
        PaymentDetail as PaymentDetail,
        PaymentOrderDetail as PaymentOrderDetail,
    )
    from .sales_invoice import (
        SalesInvoice as SalesInvoice,
        SalesInvoiceCustomAction as SalesInvoiceCustomAction,
        SalesInvoiceDetail as SalesInvoiceDetail,
    )
    from .sales_order import (
        SalesOrder as SalesOrder,
        SalesOrderCustomAction as SalesOrderCustomAction,
        SalesOrderDetail as SalesOrderDetail,
    )
    from .shipment import (
        Shipment as Shipment,
        ShipmentCustomAction as ShipmentCustomAction,
        ShipmentDetail as ShipmentDetail,
    )
    from .stock_item import (
        StockItem as StockItem,
        StockItemCustomAction as StockItemCustomAction,
        StockItemWarehouseDetail as StockItemWarehouseDetail,
    )

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(_MODULES)
