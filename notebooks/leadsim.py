"""Drives the leadsim binary from Python and reads its results as data.

`run` hands commands of the leadsim language to `leadsim run --json` and returns its JSON Lines
records (one per command, see schemas/leadsim-results.schema.json); `table` turns a named table of
those records into a pandas DataFrame. Nothing here simulates: every figure comes from leadsim.
"""

import json
import os
import pathlib
import shutil
import subprocess

import pandas as pd

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent


def binary() -> str:
    """The leadsim binary: $LEADSIM, else the newest of this checkout's release and debug builds,
    else `leadsim` on the PATH."""
    if os.environ.get("LEADSIM"):
        given = os.environ["LEADSIM"]
        return str(pathlib.Path(given).resolve()) if os.sep in given else given
    built = [REPOSITORY / ".build" / kind / "leadsim" for kind in ("release", "debug")]
    built = [path for path in built if path.exists()]
    if built:
        return str(max(built, key=lambda path: path.stat().st_mtime))
    found = shutil.which("leadsim")
    if found:
        return found
    raise RuntimeError("no leadsim binary: run `swift build -c release` in the repository, or set LEADSIM")


class LeadsimError(RuntimeError):
    """A command leadsim refused, with its message (file, line and column)."""


def run(commands: str, cwd: pathlib.Path = REPOSITORY) -> list:
    """Runs `commands` (lines of the leadsim language) in one fresh session; the records of every
    command. Paths in the commands are relative to the repository."""
    process = subprocess.run(
        [binary(), "run", "--json", "-c", commands], cwd=cwd, capture_output=True, text=True, check=False
    )
    records = [json.loads(line) for line in process.stdout.splitlines() if line.strip()]
    failed = [record for record in records if record["status"] != "ok"]
    if process.returncode != 0 or failed:
        raise LeadsimError(process.stderr.strip() or json.dumps(failed[0]["error"]))
    return records


def tables(records: list, name: str) -> list:
    """Every table called `name` in the records, in order, as DataFrames (units in `.attrs`)."""
    found = []
    for record in records:
        for table in record["tables"]:
            if table["name"] == name:
                columns = [column["key"] for column in table["columns"]]
                frame = pd.DataFrame(table["rows"], columns=columns)
                frame.attrs["units"] = {column["key"]: column["unit"] for column in table["columns"]}
                found.append(frame)
    return found


def table(records: list, name: str) -> pd.DataFrame:
    """The last table called `name` in the records."""
    found = tables(records, name)
    if not found:
        raise KeyError(f"no table {name!r}: the records hold {sorted({t['name'] for r in records for t in r['tables']})}")
    return found[-1]


def messages(records: list) -> list:
    """Everything the commands said in prose, in order."""
    return [message for record in records for message in record["messages"]]
