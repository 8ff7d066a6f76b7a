"""A Jupyter kernel for the leadsim language.

The kernel keeps one `leadsim framed` process per notebook — one leadsim session, so a cell that
sets a parameter changes what the next cell runs — and hands it each cell as one JSON request. It
shows what comes back: prose as text, each table as an HTML table (and aligned text), and errors
with leadsim's own file:line:column messages. Completion asks the same session.

Install it into the current Python environment (the repository's .venv), then pick "leadsim" as a
notebook's kernel:

    .venv/bin/python notebooks/leadsim_kernel.py install          # or --user
"""

import html
import json
import pathlib
import subprocess
import sys
import tempfile

from ipykernel.kernelbase import Kernel

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import leadsim  # noqa: E402  (the helper beside this file finds the binary)


def text_table(table: dict) -> str:
    """A table as aligned text, numbers right-aligned."""
    columns = [column["key"] for column in table["columns"]]
    titles = [column["title"] or column["key"] for column in table["columns"]]

    def cell(value):
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
        return str(value)

    rows = [[cell(row.get(key)) for key in columns] for row in table["rows"]]
    widths = [max([len(title)] + [len(row[index]) for row in rows]) for index, title in enumerate(titles)]
    numeric = [all(isinstance(row.get(key), (int, float)) or row.get(key) is None for row in table["rows"]) for key in columns]

    def line(values):
        return "  ".join(value.rjust(width) if right else value.ljust(width) for value, width, right in zip(values, widths, numeric)).rstrip()

    return "\n".join([line(titles), "  ".join("-" * width for width in widths)] + [line(row) for row in rows])


def html_table(table: dict) -> str:
    """A table as HTML, with its units under the titles."""
    head = "".join(
        f"<th>{html.escape(column['title'] or column['key'])}"
        + (f"<br><small>{html.escape(column['unit'])}</small>" if column["unit"] else "")
        + "</th>"
        for column in table["columns"]
    )
    body = "".join(
        "<tr>" + "".join(f"<td>{'' if row.get(column['key']) is None else html.escape(str(row.get(column['key'])))}</td>"
                         for column in table["columns"]) + "</tr>"
        for row in table["rows"]
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class LeadsimKernel(Kernel):
    implementation = "leadsim"
    implementation_version = "1"
    banner = "leadsim: lead journeys from marketing to sales"
    language_info = {"name": "leadsim", "mimetype": "text/x-leadsim", "file_extension": ".leadsim"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.process = subprocess.Popen(
            [leadsim.binary(), "framed"], cwd=leadsim.REPOSITORY, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, bufsize=1,
        )
        self.requests = 0

    def ask(self, request: dict) -> list:
        """Sends one request; the answer's lines up to and including its `done` frame."""
        self.requests += 1
        request["id"] = self.requests
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = []
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("leadsim framed ended unexpectedly")
            answer.append(json.loads(line))
            if "done" in answer[-1]:
                return answer

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False):
        *records, done = self.ask({"execute": code})
        if not silent:
            for record in records:
                for message in record["messages"]:
                    self.send_response(self.iopub_socket, "stream", {"name": "stdout", "text": message + "\n"})
                for table in record["tables"]:
                    self.send_response(self.iopub_socket, "display_data", {
                        "data": {"text/plain": text_table(table), "text/html": html_table(table)},
                        "metadata": {},
                    })
            if done["stderr"] and done["status"] != 2:
                self.send_response(self.iopub_socket, "stream", {"name": "stderr", "text": done["stderr"]})
        if done["status"] == 2:
            lines = done["stderr"].rstrip("\n").split("\n")
            error = {"ename": "LeadsimError", "evalue": lines[0], "traceback": lines}
            if not silent:
                self.send_response(self.iopub_socket, "error", error)
            return {"status": "error", "execution_count": self.execution_count, **error}
        return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}

    def do_complete(self, code, cursor_pos):
        before = code[:cursor_pos].split("\n")[-1]
        _, _, partial = before.rpartition(" ")
        done = self.ask({"complete": before})[-1]
        return {
            "status": "ok", "matches": done["completions"], "cursor_start": cursor_pos - len(partial),
            "cursor_end": cursor_pos, "metadata": {},
        }

    def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        # The word under the cursor, as `help` explains it: a command, parameter or metric.
        line_start = code.rfind("\n", 0, cursor_pos) + 1
        line_end = code.find("\n", cursor_pos)
        line = code[line_start:line_end if line_end >= 0 else len(code)]
        at = cursor_pos - line_start
        words = [(start, start + len(word)) for start, word in self._words(line)]
        word = next((line[start:end] for start, end in words if start <= at <= end), "")
        if not word:
            return {"status": "ok", "found": False, "data": {}, "metadata": {}}
        *records, done = self.ask({"execute": f"help {word}"})
        text = "\n".join(message for record in records for message in record["messages"])
        found = done["status"] == 0 and bool(text)
        return {"status": "ok", "found": found, "data": {"text/plain": text} if found else {}, "metadata": {}}

    @staticmethod
    def _words(line):
        start = None
        for index, character in enumerate(line + " "):
            if character.isspace():
                if start is not None:
                    yield start, line[start:index]
                    start = None
            elif start is None:
                start = index

    def do_is_complete(self, code):
        # A line ending in a backslash continues on the next, as in scripts.
        return {"status": "incomplete", "indent": ""} if code.rstrip("\n").endswith("\\") else {"status": "complete"}

    def do_shutdown(self, restart):
        self.process.stdin.close()
        self.process.wait(timeout=10)
        return {"status": "ok", "restart": restart}


def install(user: bool) -> str:
    """Installs the kernel spec (into this Python's environment, or the user's); where it went."""
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as directory:
        spec = {
            "argv": [sys.executable, str(pathlib.Path(__file__).resolve()), "-f", "{connection_file}"],
            "display_name": "leadsim",
            "language": "leadsim",
        }
        (pathlib.Path(directory) / "kernel.json").write_text(json.dumps(spec, indent=2))
        return KernelSpecManager().install_kernel_spec(directory, "leadsim", user=user, prefix=None if user else sys.prefix)


if __name__ == "__main__":
    if sys.argv[1:2] == ["install"]:
        print("installed the leadsim kernel in", install(user="--user" in sys.argv))
    else:
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(kernel_class=LeadsimKernel)
