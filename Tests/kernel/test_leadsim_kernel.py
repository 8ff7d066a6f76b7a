"""The leadsim Jupyter kernel under jupyter_kernel_test: kernel info, execution with text, tables
as display data, errors, standard error, completion from the live session, and is_complete.
Run by the Swift suite (NotebookTests) after installing the kernel into .venv."""

import unittest

import jupyter_kernel_test


class LeadsimKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "leadsim"
    language_name = "leadsim"
    file_extension = ".leadsim"

    code_hello_world = "echo hello, world"
    code_stderr = "population 1000\nrun\nexpect mql < 0"
    code_display_data = [{"code": "population 1000\nrun", "mime": "text/html"}]
    code_generate_error = "set mql.threshold lots"
    completion_samples = [
        {"text": "set mql.thr", "matches": {"mql.threshold"}},
        {"text": "show fun", "matches": {"funnel"}},
    ]
    code_inspect_sample = "set mql.threshold"
    complete_code_samples = ["run", "set mql.threshold 60"]
    incomplete_code_samples = ["sweep mql.threshold 40..80 \\"]

    def test_the_session_lives_across_cells(self):
        self.flush_channels()
        self.execute_helper("population 1000 seed 3\nset mql.threshold 65")
        reply, outputs = self.execute_helper("show changed")
        self.assertEqual(reply["content"]["status"], "ok")
        shown = "".join(output["content"]["data"]["text/plain"] for output in outputs if output["msg_type"] == "display_data")
        self.assertIn("mql.threshold", shown)
        self.assertIn("65", shown)

    def test_inspect_explains_the_word_under_the_cursor(self):
        self.flush_channels()
        msg_id = self.kc.inspect("set mql.threshold 60", 8)
        reply = self.get_non_kernel_info_reply(timeout=10)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("engagement score at which the MQL rule", reply["content"]["data"]["text/plain"])

    def test_errors_name_the_cell_line_and_column(self):
        self.flush_channels()
        reply, outputs = self.execute_helper("run\nset mql.threshold lots")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertTrue(reply["content"]["evalue"].startswith("cell["), reply["content"]["evalue"])
        self.assertIn(":2:", reply["content"]["evalue"])


if __name__ == "__main__":
    unittest.main()
