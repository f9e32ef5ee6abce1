"""Generators of evaluation corpora with gold annotations, built from real texts read at run time: reuse pairs in
the PAN layout (`reusecorpus`) and discrepancy pairs (`discrepancies`). Used by the benchmarks beside this folder
and by the tests (pytest puts benchmarks/ on the path); not part of the installed package.

    cd benchmarks && python -m generate.reusecorpus SOURCE_FOLDER OUT
    cd benchmarks && python -m generate.discrepancies TEXTS OUT.jsonl
"""
