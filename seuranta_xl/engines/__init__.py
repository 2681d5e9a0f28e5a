"""Engines apply a :class:`~seuranta_xl.plan.Plan` to a workbook.

- :mod:`seuranta_xl.engines.openpyxl_engine`: to an ``openpyxl.Workbook`` (files, headless, for IT and
  the command line);
- :mod:`seuranta_xl.engines.xlwings_engine`: to a live workbook through xlwings (the ribbon).

Each engine also reads the :class:`~seuranta_xl.plan.WorkbookState` the planners need. Modules are
imported by name, not here, so that using one engine never imports the other's library.
"""
