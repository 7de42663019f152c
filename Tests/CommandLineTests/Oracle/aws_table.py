"""The AWS CLI's own `--output table` of JSON documents: awscli's TableFormatter, as `aws`
runs it with standard output not a terminal (80 columns, no colour).

Input (stdin, JSON): [{"title": OPERATION, "document": ANSWER, "query": EXPRESSION?,
                       "terminalWidths": BOOL?}, ...]
(the whole answer, and the --query the AWS CLI applies to it before formatting; with
terminalWidths, characters are measured as a terminal draws them, East Asian "ambiguous"
ones such as u-umlaut as one cell and combining marks as none, where awscli counts two and one)
Output (stdout, JSON): [TABLE_TEXT, ...], each exactly what `aws` would print.
"""

import argparse
import io
import json
import sys

try:
    import unicodedata
    import jmespath
    import awscli.table
    from awscli.formatter import TableFormatter
except ImportError as error:  # The Swift side turns this into a failing test.
    print(f"awscli missing ({error}): pip install awscli", file=sys.stderr)
    sys.exit(3)


AWSCLI_TEXT_LENGTH = awscli.table.get_text_length


def terminal_text_length(text):
    return sum(0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
               for char in str(text))


def table(title, document, query, terminal_widths):
    awscli.table.get_text_length = terminal_text_length if terminal_widths else AWSCLI_TEXT_LENGTH
    stream = io.StringIO()
    compiled = jmespath.compile(query) if query is not None else None
    TableFormatter(argparse.Namespace(color="off", query=compiled))(title, document, stream)
    return stream.getvalue()


def main():
    print(json.dumps([table(case["title"], case["document"], case.get("query"), case.get("terminalWidths", False)) for case in json.load(sys.stdin)]))


if __name__ == "__main__":
    main()
