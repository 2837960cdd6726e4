"""The ESC/POS printer: Dummy, a real TCP listener on 127.0.0.1, and printers that are not there."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from app.devices.printers.escpos_printer import EscposPrinter, parse_target
from app.devices.printers.escpos_text import render_receipt
from app.documents.receipt import ReceiptData
from app.errors import UserFacingError
from app.settings import Settings


def test_dummy_printer_gets_receipt_and_drawer_kick(receipt: ReceiptData) -> None:
    printer = EscposPrinter("dummy", width_mm=80)
    printer.print_receipt(receipt, open_drawer=True)
    out = printer.output
    assert out.startswith(b"\x1bp\x00")  # the drawer opens while the receipt prints
    assert out[5:] == render_receipt(receipt, width_mm=80)
    printer.open_drawer()
    assert printer.output.endswith(b"\x1bp\x00\x32\x32")


class _Listener:
    """A one-connection TCP server standing in for a network printer on port 9100."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.sock.settimeout(10)
        conn, _ = self.sock.accept()
        with conn:
            conn.settimeout(10)
            while chunk := conn.recv(65536):
                self.received += chunk
        self.sock.close()


def test_network_printer_receives_the_bytes(receipt: ReceiptData) -> None:
    listener = _Listener()
    printer = EscposPrinter("escpos_network", f"127.0.0.1:{listener.port}")
    printer.print_receipt(receipt)
    listener.thread.join(10)
    assert listener.received == render_receipt(receipt, width_mm=58)
    assert "邻里站便利店".encode("gb18030") in listener.received


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_network_printer_switched_off_is_a_quick_clear_error(receipt: ReceiptData) -> None:
    printer = EscposPrinter("escpos_network", f"127.0.0.1:{_closed_port()}")
    started = time.monotonic()
    with pytest.raises(UserFacingError) as err:
        printer.print_receipt(receipt)
    assert time.monotonic() - started < 3.5
    assert err.value.code == "printer_offline"
    assert "打印机未连接" in err.value.message.zh
    assert "Printer not reachable" in err.value.message.en


def test_unanswering_network_printer_times_out(receipt: ReceiptData) -> None:
    # 192.0.2.0/24 is TEST-NET-1: nothing answers there (or the route is refused at once).
    printer = EscposPrinter("escpos_network", "192.0.2.1:9100", connect_timeout_s=0.5)
    started = time.monotonic()
    with pytest.raises(UserFacingError) as err:
        printer.open_drawer()
    assert time.monotonic() - started < 2.5
    assert err.value.code == "printer_offline"


def test_usb_and_serial_printers_that_are_not_there(receipt: ReceiptData) -> None:
    # Without pyusb/pyserial: a message about missing support; with them: printer offline.
    for kind, target in (("escpos_usb", "0416:5011"), ("escpos_serial", "/dev/ttyNOPE0")):
        with pytest.raises(UserFacingError) as err:
            EscposPrinter(kind, target).print_receipt(receipt)
        assert err.value.code in ("printer_offline", "printer_support_missing")


@pytest.mark.parametrize(("kind", "target", "expected"), [
    ("escpos_network", "192.168.1.50:9100", ("192.168.1.50", 9100)),
    ("escpos_network", "printer.local", ("printer.local", 9100)),
    ("network", "[::1]:9101", ("::1", 9101)),
    ("escpos_usb", "0416:5011", (0x0416, 0x5011)),
    ("escpos_usb", "0x04b8:0x0202", (0x04B8, 0x0202)),
    ("escpos_serial", "/dev/ttyUSB0@19200", ("/dev/ttyUSB0", 19200)),
    ("escpos_serial", "COM3", ("COM3", 9600)),
])
def test_parse_target(kind: str, target: str, expected: tuple[object, object]) -> None:
    t = parse_target(kind, target)
    got = {"escpos_network": (t.host, t.port), "escpos_usb": (t.vendor_id, t.product_id),
           "escpos_serial": (t.devfile, t.baudrate)}[t.kind]
    assert got == expected


@pytest.mark.parametrize(("kind", "target"), [
    ("escpos_network", "host:port"), ("escpos_network", ""), ("escpos_usb", "0416"),
    ("escpos_usb", "zz:11"), ("escpos_serial", ""), ("system", "PDF"),
])
def test_bad_target_is_a_settings_problem(kind: str, target: str) -> None:
    with pytest.raises(UserFacingError) as err:
        parse_target(kind, target)
    assert err.value.code == "printer_config"


def test_from_settings() -> None:
    settings = Settings(printer_kind="escpos_network", printer_target="10.0.0.9:9100",
                        receipt_width_mm=80)
    printer = EscposPrinter.from_settings(settings)
    assert printer.target.describe() == "10.0.0.9:9100"
    assert printer.width_mm == 80
