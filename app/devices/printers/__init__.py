"""Printers: PDFs to the system spooler (system_printer) and receipts straight to an ESC/POS
thermal printer (escpos_printer, escpos_text). python-escpos is imported only when used."""
