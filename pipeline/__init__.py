"""foi-nlp: read FOI responses, split them into answers, classify and compare them.

One subpackage per stage, in the order data flows, each importing only the stages
before it and the shared modules here (documents, labels, goldlabels, output,
runner, views), which import no stage:
read -> extract -> tag -> classify -> report; train and label build on classify.
"""
__version__ = "0.1.0"
