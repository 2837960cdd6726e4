"""A thermal receipt printer spoken to directly in ESC/POS: USB, network (port 9100) or serial.

Each job renders its bytes first (escpos_text), then opens the device, writes them in one
go and closes it, so a half-built receipt never reaches the paper and a printer that was
switched off and on again between sales just works. A printer that cannot be reached raises
UserFacingError; the sale it belongs to is already done and stays done.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from app.devices.printers.escpos_text import columns_for, drawer_kick, render_receipt
from app.documents.receipt import ReceiptData
from app.errors import UserFacingError

log = logging.getLogger(__name__)

KINDS = ("escpos_usb", "escpos_network", "escpos_serial", "dummy")
DEFAULT_PORT = 9100
DEFAULT_BAUDRATE = 9600


@dataclass(frozen=True, slots=True)
class EscposTarget:
    """Where the printer is: kind plus parsed address."""

    kind: str
    host: str = ""
    port: int = DEFAULT_PORT
    vendor_id: int = 0
    product_id: int = 0
    devfile: str = ""
    baudrate: int = DEFAULT_BAUDRATE

    def describe(self) -> str:
        if self.kind == "escpos_network":
            return f"{self.host}:{self.port}"
        if self.kind == "escpos_usb":
            return f"USB {self.vendor_id:04x}:{self.product_id:04x}"
        if self.kind == "escpos_serial":
            return self.devfile
        return self.kind


def _bad_target(kind: str, target: str) -> UserFacingError:
    examples = {"escpos_network": "192.168.1.50:9100", "escpos_usb": "0416:5011",
                "escpos_serial": "/dev/ttyUSB0 或 COM3"}
    example = examples.get(kind, "")
    return UserFacingError(
        f"打印机地址“{target}”无法识别，请在设置中填写，例如 {example}。",
        f"The printer address “{target}” is not understood; set it in Settings, e.g. "
        f"{example.replace(' 或 ', ' or ')}.",
        code="printer_config",
    )


def parse_target(kind: str, target: str) -> EscposTarget:
    """Read settings.printer_target for a printer kind.

    escpos_network: "host" or "host:port" ("[::1]:9100" for IPv6); escpos_usb:
    "vendor:product" in hex ("0416:5011", "0x0416:0x5011"); escpos_serial: a device,
    optionally with "@baudrate" ("/dev/ttyUSB0@19200", "COM3").
    """
    if kind in ("usb", "network", "serial"):
        kind = f"escpos_{kind}"
    target = target.strip()
    if kind == "dummy":
        return EscposTarget("dummy")
    if kind == "escpos_network":
        host, port = target, DEFAULT_PORT
        if target.startswith("["):
            host, _, rest = target[1:].partition("]")
            if rest.startswith(":"):
                port = _int(rest[1:], kind, target)
        elif target.count(":") == 1:
            host, _, port_text = target.partition(":")
            port = _int(port_text, kind, target)
        if not host or not 0 < port < 65536:
            raise _bad_target(kind, target)
        return EscposTarget(kind, host=host, port=port)
    if kind == "escpos_usb":
        vendor, sep, product = target.partition(":")
        if not sep:
            raise _bad_target(kind, target)
        return EscposTarget(kind, vendor_id=_int(vendor, kind, target, 16),
                            product_id=_int(product, kind, target, 16))
    if kind == "escpos_serial":
        devfile, _, baud = target.partition("@")
        if not devfile:
            raise _bad_target(kind, target)
        return EscposTarget(kind, devfile=devfile,
                            baudrate=_int(baud, kind, target) if baud else DEFAULT_BAUDRATE)
    raise UserFacingError(
        f"不支持的打印机类型：{kind}",
        f"Unsupported printer kind: {kind}",
        code="printer_config",
    )


def _int(text: str, kind: str, target: str, base: int = 10) -> int:
    try:
        return int(text.strip(), base)  # int("0x0416", 16) works too
    except ValueError:
        raise _bad_target(kind, target) from None


def _unreachable(where: str, detail: object = "") -> UserFacingError:
    log.warning("receipt printer %s not reachable: %s", where, detail)
    return UserFacingError(
        f"打印机未连接（{where}）。请检查打印机是否开机、有纸、连接线或网络是否正常，然后重试。",
        f"Printer not reachable ({where}). Check that it is switched on, has paper and is "
        f"connected, then try again.",
        code="printer_offline",
    )


def _missing_support(what_zh: str, what_en: str, package: str) -> UserFacingError:
    return UserFacingError(
        f"这台电脑缺少{what_zh}打印组件（{package}），请联系维护人员安装。",
        f"{what_en} printing support ({package}) is not installed on this computer; please ask "
        f"your technician to install it.",
        code="printer_support_missing",
    )


class EscposPrinter:
    """A receipt printer from settings.printer_kind / printer_target (or a Dummy for tests).

    Thread-safe: one job at a time, so a drawer kick never lands inside a receipt.
    """

    def __init__(self, kind: str, target: str = "", *, width_mm: int = 58,
                 connect_timeout_s: float = 3.0, write_timeout_s: float = 10.0,
                 lang: str = "zh_CN") -> None:
        self.target = parse_target(kind, target)
        self.width_mm = width_mm
        columns_for(width_mm)  # refuse an unknown paper width now, not at the first sale
        self.connect_timeout_s = connect_timeout_s
        self.write_timeout_s = write_timeout_s
        self.lang = lang
        self._lock = threading.Lock()
        self._dummy: Any = None

    @classmethod
    def from_settings(cls, settings: Any, **kwargs: Any) -> EscposPrinter:
        """From app.settings.Settings (printer_kind, printer_target, receipt_width_mm, language)."""
        return cls(settings.printer_kind, settings.printer_target,
                   width_mm=settings.receipt_width_mm, lang=settings.language, **kwargs)

    @property
    def output(self) -> bytes:
        """Everything sent so far (the Dummy printer only, for tests)."""
        return bytes(self._dummy.output) if self._dummy is not None else b""

    def print_receipt(self, data: ReceiptData, *, qr: bool = True,
                      open_drawer: bool = False) -> None:
        """Print `data`; with open_drawer the cash drawer opens first (cash sales)."""
        payload = render_receipt(data, width_mm=self.width_mm, qr=qr, lang=self.lang)
        self.send((drawer_kick(2) if open_drawer else b"") + payload)

    def open_drawer(self, pin: int = 2) -> None:
        """Open the cash drawer plugged into the printer (钱箱), without printing anything."""
        self.send(drawer_kick(pin))

    def send(self, payload: bytes) -> None:
        """Write raw ESC/POS bytes to the printer in one piece."""
        with self._lock:
            device = self._open()
            try:
                device._raw(payload)
            except (OSError, RuntimeError) as exc:  # USBError, SerialException, socket errors
                raise _unreachable(self.target.describe(), exc) from exc
            except Exception as exc:
                if _is_escpos_error(exc):
                    raise _unreachable(self.target.describe(), exc) from exc
                raise
            finally:
                if device is not self._dummy:
                    _close_quietly(device)

    def _open(self) -> Any:
        t = self.target
        try:
            if t.kind == "dummy":
                if self._dummy is None:
                    from escpos.printer import Dummy

                    self._dummy = Dummy()
                return self._dummy
            if t.kind == "escpos_network":
                from escpos.printer import Network

                device = Network(t.host, t.port, timeout=self.connect_timeout_s)
                device.open()
                device.device.settimeout(self.write_timeout_s)
                return device
            if t.kind == "escpos_usb":
                from escpos.printer import Usb

                if not Usb.is_usable():
                    raise _missing_support("USB", "USB", "pyusb")
                device = Usb(t.vendor_id, t.product_id,
                             timeout=int(self.write_timeout_s * 1000))
                device.open()
                return device
            if t.kind == "escpos_serial":
                from escpos.printer import Serial

                if not Serial.is_usable():
                    raise _missing_support("串口", "Serial", "pyserial")
                device = Serial(t.devfile, baudrate=t.baudrate, timeout=self.write_timeout_s)
                device.open()
                return device
        except UserFacingError:
            raise
        except (OSError, RuntimeError) as exc:
            raise _unreachable(t.describe(), exc) from exc
        except Exception as exc:
            if _is_escpos_error(exc):
                raise _unreachable(t.describe(), exc) from exc
            raise
        raise AssertionError(t.kind)


def _is_escpos_error(exc: BaseException) -> bool:
    from escpos.exceptions import Error

    return isinstance(exc, Error)


def _close_quietly(device: Any) -> None:
    try:
        device.close()
    except Exception as exc:  # closing a printer that just vanished must not hide the result
        log.debug("closing the receipt printer failed: %s", exc)
