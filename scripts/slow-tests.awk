# Reads the test sources (Tests/*Tests/*.swift) and prints, one a line, a `swift test --skip`
# pattern for each suite or test tagged with a tier outside the fast one (`slow`, a regex over
# the tags, is given with -v): `Module\.Suite(/|$)` for a suite, `Module\.Suite/test\(` for a test.
# Swift 6.3's `swift test` cannot select by tag (`--skip tag:NAME` came later), so scripts/test
# --fast selects by these names, read from the tags themselves.
FNR == 1 { split(FILENAME, parts, "/"); module = parts[2]; pending = ""; type = "" }
/^(@Suite|(final )?(class|struct) )/ || pending == "suite" {
    if (match($0, /(class|struct) [A-Za-z0-9_]+/)) {
        split(substr($0, RSTART, RLENGTH), words, " "); type = words[2]
        if (pending == "suite" || $0 ~ slow) print module "\\." type "(/|$)"
        pending = ""
        next
    }
    if ($0 ~ slow) pending = "suite"
    next
}
/^    @Test/ || pending == "test" {
    if ($0 ~ /^    @Test/ && $0 ~ slow) pending = "test"
    if (pending == "test" && match($0, /func [A-Za-z0-9_]+/)) {
        split(substr($0, RSTART, RLENGTH), words, " ")
        print module "\\." type "/" words[2] "\\("
        pending = ""
    }
}
