"""Printable documents built with reportlab (receipts, picking lists, labels, reports).

Every document registers its font through `app.documents.pdf_fonts.register_cjk_font()`;
reportlab itself is imported inside the builders, so importing this package stays cheap.
"""
