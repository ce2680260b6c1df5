"""CommerceML 2 documents for the 1C exchange (type=sale): our paid orders and invoices out, 1C's payment
and shipment statuses in. Pure: XML text in, XML bytes out, in Windows-1251 or UTF-8.

Element names follow the CommerceML 2.08 orders schema as 1C:Enterprise's "exchange with a site" speaks it
(documented payloads: events/onec/, with their source)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from helpdesk.kernel.errors import Malformed

SCHEMA_VERSION = "2.08"
ENCODINGS = ("windows-1251", "utf-8")
ORDER = "Заказ товара"
INVOICE = "Счет на оплату"


class CommerceMlUnreadable(Malformed):
    """The posted file is not a CommerceML document we can read."""


@dataclass(frozen=True)
class DocumentLine:
    id: str
    name: str
    price: Decimal
    quantity: int
    amount: Decimal
    tax: Decimal = Decimal(0)


@dataclass(frozen=True)
class ExportDocument:
    id: str
    number: str
    at: datetime
    operation: str  # ORDER | INVOICE
    currency: str
    total: Decimal
    customer_id: str
    customer_name: str
    customer_email: str
    lines: tuple[DocumentLine, ...]
    basis: str = ""  # an invoice's order number
    requisites: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class AccountingStatus:
    """What 1C says about one of our documents (an order or an invoice, by its Ид)."""

    document_id: str
    number: str = ""
    status: str = ""
    paid: bool = False
    payment_ref: str = ""  # "Номер оплаты по 1С" / its date
    shipped: bool = False
    shipment_ref: str = ""
    cancelled: bool = False


def _sub(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, name)
    if text is not None:
        child.text = text
    return child


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def documents_xml(documents: list[ExportDocument], generated_at: datetime, encoding: str) -> bytes:
    if encoding not in ENCODINGS:
        raise ValueError(f"unsupported encoding {encoding}")
    root = ET.Element("КоммерческаяИнформация", {
        "ВерсияСхемы": SCHEMA_VERSION, "ДатаФормирования": generated_at.strftime("%Y-%m-%dT%H:%M:%S"),
    })  # fmt: skip
    for doc in documents:
        node = _sub(root, "Документ")
        for name, text in (("Ид", doc.id), ("Номер", doc.number), ("Дата", doc.at.strftime("%Y-%m-%d")),
                           ("Время", doc.at.strftime("%H:%M:%S")), ("ХозОперация", doc.operation),
                           ("Роль", "Продавец"), ("Валюта", doc.currency), ("Курс", "1"),
                           ("Сумма", _money(doc.total))):  # fmt: skip
            _sub(node, name, text)
        if doc.basis:
            _sub(node, "Основание", doc.basis)
        buyer = _sub(_sub(node, "Контрагенты"), "Контрагент")
        _sub(buyer, "Ид", doc.customer_id)
        _sub(buyer, "Наименование", doc.customer_name or doc.customer_email)
        _sub(buyer, "Роль", "Покупатель")
        _sub(buyer, "ПолноеНаименование", doc.customer_name or doc.customer_email)
        contact = _sub(_sub(buyer, "Контакты"), "Контакт")
        _sub(contact, "Тип", "Почта")
        _sub(contact, "Значение", doc.customer_email)
        goods = _sub(node, "Товары")
        for line in doc.lines:
            item = _sub(goods, "Товар")
            _sub(item, "Ид", line.id)
            _sub(item, "Наименование", line.name)
            _sub(item, "БазоваяЕдиница", "шт").attrib.update({"Код": "796", "НаименованиеПолное": "Штука"})
            _sub(item, "ЦенаЗаЕдиницу", _money(line.price))
            _sub(item, "Количество", str(line.quantity))
            _sub(item, "Сумма", _money(line.amount))
            if line.tax:
                tax = _sub(_sub(item, "Налоги"), "Налог")
                _sub(tax, "Наименование", "НДС")
                _sub(tax, "УчтеноВСумме", "false")
                _sub(tax, "Сумма", _money(line.tax))
        if doc.requisites:
            values = _sub(node, "ЗначенияРеквизитов")
            for name, value in doc.requisites:
                requisite = _sub(values, "ЗначениеРеквизита")
                _sub(requisite, "Наименование", name)
                _sub(requisite, "Значение", value)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="{encoding}"?>\n{body}'.encode(encoding)


def _yes(value: str) -> bool:
    return value.strip().lower() in ("true", "истина", "да", "1")


def parse_statuses(data: bytes) -> list[AccountingStatus]:
    """The documents of a file 1C posts (mode=file): their statuses, whatever the declared encoding."""
    try:
        root = ET.fromstring(data)
    except (ET.ParseError, LookupError, ValueError) as error:
        raise CommerceMlUnreadable("not a CommerceML document") from error
    if root.tag != "КоммерческаяИнформация":
        raise CommerceMlUnreadable("not a CommerceML document")
    found = []
    for doc in root.iter("Документ"):
        values = {
            (r.findtext("Наименование") or "").strip(): (r.findtext("Значение") or "").strip()
            for r in doc.iter("ЗначениеРеквизита")
        }
        pay_no, ship_no = values.get("Номер оплаты по 1С", ""), values.get("Номер отгрузки по 1С", "")
        pay_at, ship_at = values.get("Дата оплаты по 1С", ""), values.get("Дата отгрузки по 1С", "")
        found.append(
            AccountingStatus(
                document_id=(doc.findtext("Ид") or "").strip(),
                number=(doc.findtext("Номер") or "").strip(),
                status=values.get("Статус заказа", ""),
                paid=bool(pay_no or pay_at),
                payment_ref=" ".join(x for x in (pay_no, pay_at) if x),
                shipped=bool(ship_no or ship_at),
                shipment_ref=" ".join(x for x in (ship_no, ship_at) if x),
                cancelled=_yes(values.get("Отменен", "")),
            )
        )
    return [s for s in found if s.document_id]
