"""Licenses for sales made on the CS-Cart marketplace, from its order export; importing twice issues once."""

from __future__ import annotations

from helpdesk.commerce.model.catalogue import Plan
from helpdesk.commerce.model.marketplace import ImportReport, MarketplaceSale, RowProblem, read_export
from helpdesk.commerce.model.orders import CartInvalid
from helpdesk.commerce.ports import CustomerDirectory, ProductStore
from helpdesk.kernel.calendar import Term
from helpdesk.licensing.public import (
    License,
    LicenseNotFound,
    LicenseRepository,
    LicensingService,
    ShopDomainInvalid,
    normalise_domain,
)
from helpdesk.notices.public import Mailer, OutgoingMail


class MarketplaceImport:
    def __init__(
        self,
        products: ProductStore,
        customers: CustomerDirectory,
        licenses: LicenseRepository,
        licensing: LicensingService,
        mailer: Mailer,
    ) -> None:
        self._products, self._customers, self._licenses = products, customers, licenses
        self._licensing, self._mailer = licensing, mailer

    def import_export(self, csv_text: str) -> ImportReport:
        sales, problems = read_export(csv_text)
        issued, already = [], []
        for sale in sales:
            try:
                if self._exists(sale.license_id):
                    already.append(sale.license_id)
                    continue
                license, name = self._license(sale)
            except (CartInvalid, ShopDomainInvalid) as error:
                problems.append(RowProblem(0, f"order {sale.order_id}: {error}"))
                continue
            key = self._licensing.issue(license)
            self._mailer.send(_key_mail(sale, name, key))
            issued.append(license.id)
        return ImportReport(issued, already, problems)

    def _exists(self, license_id: str) -> bool:
        try:
            self._licenses.get(license_id)
        except LicenseNotFound:
            return False
        return True

    def _license(self, sale: MarketplaceSale) -> tuple[License, str]:
        """The sale's license and the product's name."""
        product = self._products.get(sale.product)
        if product is None:
            raise CartInvalid(f"no product {sale.product!r} in the catalogue")
        edition = product.edition(sale.edition) if sale.edition else product.editions[0]
        customer = self._customers.ensure_customer(sale.email, sale.name)
        license = License(
            id=sale.license_id,
            product=product.slug,
            edition=edition.id,
            customer_id=customer,
            domains=(normalise_domain(sale.domain),),
            issued=sale.paid_at,
            expires=None,
            updates_until=Term(edition.update_months).after(sale.paid_at),
            max_activations=edition.max_activations,
            order_id=f"cscart:{sale.order_id}",
            plan=Plan.LIFETIME.value,
        )
        return license, product.name


def _key_mail(sale: MarketplaceSale, product_name: str, key: str) -> OutgoingMail:
    text = (
        f"Thank you for buying {product_name} on the CS-Cart marketplace (order {sale.order_id}).\n\n"
        f"License key: {key}\n\nCreate an account with {sale.email} to find this license in your cabinet.\n"
    )
    subject = f"Your {product_name} license (CS-Cart marketplace order {sale.order_id})"
    return OutgoingMail(sale.email, subject, text, f"mp:{sale.license_id}")
