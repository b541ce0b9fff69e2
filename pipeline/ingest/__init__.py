"""Read: article files into `Document`s — bytes decoded (`decode`), one reader per format (`readers`), folder
sidecars and the corpus listing (`corpus`), near-duplicates found (`duplicates`), uploads stored (`uploads`).

Reading never stops the corpus: a file that cannot be used becomes an `InputProblem` naming it and the problem.
"""
