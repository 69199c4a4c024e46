"""Report documents as plain data (``model``), laid out per report (``village_list``, ``coverage_report``,
``yearly_report``) and written as .xlsx (``xlsx``). No Django: ``reports.pdf`` prints them through a template."""
