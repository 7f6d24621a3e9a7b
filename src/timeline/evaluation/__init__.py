"""Evaluation against gold corpora (TimeML, SemEval-2015 Task 4). Each scorer is its own module."""
