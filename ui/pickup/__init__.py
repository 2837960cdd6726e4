"""The Pickup screen's widgets (ui/screens/pickup_screen.py puts them together).

| module | what it is |
|---|---|
| `services.py` | `pickup_service(ctx)`: the PickupService, built once and kept in ctx.extras |
| `camera_bridge.py` | `CameraBridge`: runs app.devices.camera.CameraSource, re-emits onto the GUI thread |
| `camera_preview.py` | `CameraPreview`: the live picture, a flash on a read, the hint when there is no camera |
| `verdict_panel.py` | `VerdictPanel`: the big coloured answer to a scan |
| `line_editor.py` | `HandOutLineEditor`: the order's lines with a quantity box each (partial hand-outs) |
| `choice_list.py` | `ChoiceList`: orders matching a phone ending, arrow keys + Enter |
| `today_list.py`, `waiting_list.py`, `batch_panel.py` | the 今日提货, 滞留 and 批量 tabs |
| `dialogs.py` | the undo reason and proxy-pickup note dialogs |
| `formatting.py`, `style.py` | words, times and colours shared by the above |
"""
