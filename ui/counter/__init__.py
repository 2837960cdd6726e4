"""The Counter screen's (收银) widgets and dialogs: cart table, search, payment, refunds,
till, stock and printing. The screen itself is ui/screens/counter_screen.py."""
