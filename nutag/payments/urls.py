from django.urls import path

from nutag.payments import sandbox, views

app_name = "payments"
urlpatterns = [
    path("invoices/", views.invoice_list, name="invoices"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice"),
    path("invoices/<int:pk>/check/", views.invoice_check, name="invoice-check"),
    path("invoices/<int:pk>/cash/", views.invoice_cash, name="invoice-cash"),
    path("requests/<int:request_pk>/", views.request_invoice, name="request-invoice"),
    path("requests/<int:request_pk>/renew/", views.invoice_renew, name="invoice-renew"),
    path("receipts/<int:pk>.pdf", views.receipt, name="receipt"),
    path("cash/", views.cash_desk, name="cash-desk"),
    path("qpay/callback", views.qpay_callback, name="qpay-callback"),
    path("sandbox/v2/auth/token", sandbox.auth_token, name="sandbox-token"),
    path("sandbox/v2/auth/refresh", sandbox.auth_refresh, name="sandbox-refresh"),
    path("sandbox/v2/invoice", sandbox.invoice_create, name="sandbox-invoice"),
    path("sandbox/v2/invoice/<str:invoice_id>", sandbox.invoice_detail, name="sandbox-invoice-detail"),
    path("sandbox/v2/payment/check", sandbox.payment_check, name="sandbox-payment-check"),
    path("sandbox/pay/<str:invoice_id>/", sandbox.pay, name="sandbox-pay"),
]
