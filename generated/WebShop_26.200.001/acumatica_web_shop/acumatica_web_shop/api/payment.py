"""Payments and Applications (AR302000): create, read, update and delete Payment records, and run
its actions.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal, overload

import httpx

from .._runtime._async_client import AsyncEntityApi
from .._runtime._sync_client import EntityApi
from .._runtime._wire import FieldSpec
from .._runtime.values import UNSET, Unset, wrap_parameters
from ..models.payment import Payment

__all__ = ["AsyncPaymentApi", "PaymentApi"]


class PaymentApi(EntityApi[Payment]):
    """Payments and Applications (AR302000). Keys: Type, ReferenceNbr."""

    entity_name = "Payment"
    model = Payment
    key_fields = ("Type", "ReferenceNbr")

    def get_by_keys(
        self,
        type: str,
        reference_nbr: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> Payment:
        """The Payment with this Type and ReferenceNbr (``NotFound`` if none)."""
        return self._get_by_keys(
            (type, reference_nbr), select=select, expand=expand, custom=custom, timeout=timeout
        )

    def delete_by_keys(
        self,
        type: str,
        reference_nbr: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the Payment with this Type and ReferenceNbr."""
        self._delete_by_keys((type, reference_nbr), timeout=timeout)

    @overload
    def card_operation(
        self,
        entity: Payment,
        *,
        amount: Decimal | int | None | Unset = UNSET,
        ext_profile_id: str | None | Unset = UNSET,
        orig_tran_nbr: str | None | Unset = UNSET,
        tran_date: datetime | None | Unset = UNSET,
        tran_nbr: str | None | Unset = UNSET,
        tran_type: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def card_operation(
        self,
        entity: Payment,
        *,
        amount: Decimal | int | None | Unset = UNSET,
        ext_profile_id: str | None | Unset = UNSET,
        orig_tran_nbr: str | None | Unset = UNSET,
        tran_date: datetime | None | Unset = UNSET,
        tran_nbr: str | None | Unset = UNSET,
        tran_type: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> Payment: ...

    def card_operation(
        self,
        entity: Payment,
        *,
        amount: Decimal | int | None | Unset = UNSET,
        ext_profile_id: str | None | Unset = UNSET,
        orig_tran_nbr: str | None | Unset = UNSET,
        tran_date: datetime | None | Unset = UNSET,
        tran_nbr: str | None | Unset = UNSET,
        tran_type: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: bool = False,
    ) -> Payment | None:
        """Run the CardOperation action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        parameters = wrap_parameters(
            ("Amount", "decimal", amount),
            ("ExtProfileId", "string", ext_profile_id),
            ("OrigTranNbr", "string", orig_tran_nbr),
            ("TranDate", "datetime", tran_date),
            ("TranNbr", "string", tran_nbr),
            ("TranType", "string", tran_type),
        )
        return self._invoke_action(
            "CardOperation", entity, parameters, timeout=timeout, reread=reread
        )

    @overload
    def release_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def release_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> Payment: ...

    def release_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> Payment | None:
        """Run the ReleasePayment action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action("ReleasePayment", entity, None, timeout=timeout, reread=reread)

    @overload
    def void_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    def void_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> Payment: ...

    def void_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> Payment | None:
        """Run the VoidPayment action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return self._invoke_action("VoidPayment", entity, None, timeout=timeout, reread=reread)


class AsyncPaymentApi(AsyncEntityApi[Payment]):
    """Payments and Applications (AR302000). Keys: Type, ReferenceNbr."""

    entity_name = "Payment"
    model = Payment
    key_fields = ("Type", "ReferenceNbr")

    async def get_by_keys(
        self,
        type: str,
        reference_nbr: str,
        *,
        select: FieldSpec | None = None,
        expand: FieldSpec | None = None,
        custom: FieldSpec | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> Payment:
        """The Payment with this Type and ReferenceNbr (``NotFound`` if none)."""
        return await self._get_by_keys(
            (type, reference_nbr), select=select, expand=expand, custom=custom, timeout=timeout
        )

    async def delete_by_keys(
        self,
        type: str,
        reference_nbr: str,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        """Delete the Payment with this Type and ReferenceNbr."""
        await self._delete_by_keys((type, reference_nbr), timeout=timeout)

    @overload
    async def card_operation(
        self,
        entity: Payment,
        *,
        amount: Decimal | int | None | Unset = UNSET,
        ext_profile_id: str | None | Unset = UNSET,
        orig_tran_nbr: str | None | Unset = UNSET,
        tran_date: datetime | None | Unset = UNSET,
        tran_nbr: str | None | Unset = UNSET,
        tran_type: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def card_operation(
        self,
        entity: Payment,
        *,
        amount: Decimal | int | None | Unset = UNSET,
        ext_profile_id: str | None | Unset = UNSET,
        orig_tran_nbr: str | None | Unset = UNSET,
        tran_date: datetime | None | Unset = UNSET,
        tran_nbr: str | None | Unset = UNSET,
        tran_type: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> Payment: ...

    async def card_operation(
        self,
        entity: Payment,
        *,
        amount: Decimal | int | None | Unset = UNSET,
        ext_profile_id: str | None | Unset = UNSET,
        orig_tran_nbr: str | None | Unset = UNSET,
        tran_date: datetime | None | Unset = UNSET,
        tran_nbr: str | None | Unset = UNSET,
        tran_type: str | None | Unset = UNSET,
        timeout: float | None = None,
        reread: bool = False,
    ) -> Payment | None:
        """Run the CardOperation action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        parameters = wrap_parameters(
            ("Amount", "decimal", amount),
            ("ExtProfileId", "string", ext_profile_id),
            ("OrigTranNbr", "string", orig_tran_nbr),
            ("TranDate", "datetime", tran_date),
            ("TranNbr", "string", tran_nbr),
            ("TranType", "string", tran_type),
        )
        return await self._invoke_action(
            "CardOperation", entity, parameters, timeout=timeout, reread=reread
        )

    @overload
    async def release_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def release_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> Payment: ...

    async def release_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> Payment | None:
        """Run the ReleasePayment action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "ReleasePayment", entity, None, timeout=timeout, reread=reread
        )

    @overload
    async def void_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: Literal[False] = False,
    ) -> None: ...

    @overload
    async def void_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: Literal[True],
    ) -> Payment: ...

    async def void_payment(
        self,
        entity: Payment,
        *,
        timeout: float | None = None,
        reread: bool = False,
    ) -> Payment | None:
        """Run the VoidPayment action and wait until it finishes.

        timeout: seconds to wait for the action (default: the client's action_timeout); each
        request gets at most the time left, then ActionTimeout.

        reread: True to return the record read again once the action finished (Acumatica
        answers an action without it); False returns None.
        """
        return await self._invoke_action(
            "VoidPayment", entity, None, timeout=timeout, reread=reread
        )
