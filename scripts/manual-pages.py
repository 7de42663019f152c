"""Writes a man page per rootmail command from the binary's help: the command tree comes from
`rootmail --experimental-dump-help` on standard input, each page's text from `rootmail CMD --help`.
Usage: rootmail --experimental-dump-help | python3 manual-pages.py BINARY VERSION FOLDER"""
import json
import subprocess
import sys

binary, version, folder = sys.argv[1:4]


def roff(text):
    lines = []
    for line in text.splitlines():
        line = line.replace("\\", "\\e")
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def commands(command, path):
    yield path, command
    for sub in command.get("subcommands", []):
        if sub["commandName"] != "help":
            yield from commands(sub, path + [sub["commandName"]])


root = json.load(sys.stdin)["command"]
for path, command in commands(root, []):
    name = "-".join(["rootmail"] + path)
    help_text = subprocess.run([binary, *path, "--help"], capture_output=True, text=True, check=True).stdout
    abstract = command.get("abstract", "").replace("\\", "\\e")
    page = [
        f'.TH {name.upper()} 1 "" "rootmail {version}" "rootmail manual"',
        ".SH NAME",
        f"{name} \\- {abstract}",
        ".SH DESCRIPTION",
        ".nf",
        roff(help_text),
        ".fi",
    ]
    if not path:
        others = [ "-".join(["rootmail"] + p) for p, _ in commands(root, []) if p]
        page += [".SH SEE ALSO", ",\n".join(f".BR {o} (1)" for o in others)]
    with open(f"{folder}/{name}.1", "w") as out:
        out.write("\n".join(page) + "\n")
