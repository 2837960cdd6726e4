"""The Arrivals screen's widgets (到货分拣): delivery check sheet, shortage allocation,
sign-off result and the picking documents. The screen itself is ui/screens/arrivals_screen.py."""
