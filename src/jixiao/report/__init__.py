"""Reports on the corpus: the self-contained HTML report and the Excel workbook."""
