"""The Reports screen's widgets: period chooser, figure tiles, charts whose numbers are a
click away, tables, exports, and the three tabs (sales, group-buy, stock)."""
