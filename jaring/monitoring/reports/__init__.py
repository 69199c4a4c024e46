"""Reports as .xlsx and PDF (issue #8, point 4): the village office's recipient list, a region's coverage
report, and the yearly report to the regent. ``documents`` lays them out (no Django), ``selectors`` reads their
figures, ``services`` checks who asks, renders and audits."""
