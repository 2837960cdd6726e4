"""Devices at the counter: the camera and the QR decoder (printers live beside them).

Nothing here imports Qt, and nothing heavy happens at import: OpenCV and zxing-cpp are
imported inside the functions that need them.
"""
