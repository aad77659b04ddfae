"""gradio_client against examples/upload_and_download.rs: a local file in, the same file out."""

import os
import subprocess
import sys
import tempfile
import unittest

from gradio_client import handle_file

from common import TOKEN_PATH, client, get, quote, url_of


class UploadAndDownload(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp()
        self.file = os.path.join(self.folder, "notes.txt")
        with open(self.file, "wb") as f:
            f.write(b"exact bytes \x00\xff\n")

    def test_view_api_lists_both_endpoints_with_file_types(self):
        c = client("upload_and_download")
        info = c.view_api(print_info=False, return_format="dict")
        self.assertEqual(sorted(info["named_endpoints"]), ["/download", "/upload"])
        upload = info["named_endpoints"]["/upload"]
        self.assertEqual(upload["parameters"][0]["component"], "UploadButton")
        self.assertEqual(upload["parameters"][0]["python_type"]["type"], "filepath")
        self.assertEqual(
            [r["component"] for r in upload["returns"]], ["UploadButton", "DownloadButton"]
        )
        text = c.view_api(print_info=False, return_format="str")
        self.assertIn('predict(upload_a_file, api_name="/upload")', text)
        c.close()

    def test_predict_with_a_local_file_returns_the_file_byte_for_byte(self):
        c = client("upload_and_download")
        uploaded, download = c.predict(handle_file(self.file), api_name="/upload")
        self.assertEqual(os.path.basename(download), "notes.txt")
        with open(download, "rb") as f:
            self.assertEqual(f.read(), b"exact bytes \x00\xff\n")
        with open(uploaded, "rb") as f:
            self.assertEqual(f.read(), b"exact bytes \x00\xff\n")
        # The other endpoint, by fn_index: hides the download button again.
        result = c.predict(fn_index=1)
        self.assertEqual(len(result), 2)
        c.close()

    def test_file_paths_are_tokens_and_file_route_refuses_everything_else(self):
        a = client("upload_and_download", download_files=False)
        _, file_a = a.predict(handle_file(self.file), api_name="/upload")
        path = file_a["path"]
        self.assertRegex(path, TOKEN_PATH)
        self.assertFalse(path.startswith("/"))
        ok = get("upload_and_download", "/gradio_api/file=" + quote(path))
        self.assertEqual(ok.status_code, 200)
        self.assertEqual(ok.content, b"exact bytes \x00\xff\n")

        b = client("upload_and_download", download_files=False)
        _, file_b = b.predict(handle_file(self.file), api_name="/upload")
        session_b = file_b["path"].split("/")[0]
        token_a = path.split("/", 1)[1]
        for bad in [
            "/etc/passwd",
            "etc/passwd",
            "../../../../../../etc/passwd",
            "..%2f..%2f..%2f..%2fetc%2fpasswd",
            "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "....//....//etc/passwd",
            quote(self.file),
            session_b + "/" + token_a,
            "app/" + token_a,
        ]:
            response = get("upload_and_download", "/gradio_api/file=" + bad)
            self.assertEqual(response.status_code, 404, bad)
            self.assertNotIn(b"root:", response.content)
        a.close()
        b.close()

    def test_the_api_pages_python_snippet_runs_as_shown(self):
        info = get("upload_and_download", "/gradio_api/info").json()
        snippet = info["named_endpoints"]["/upload"]["code_snippets"]["python"]
        self.assertIn('client = Client("%s")' % url_of("upload_and_download"), snippet)
        with open(os.path.join(self.folder, "file.txt"), "w") as f:
            f.write("from the snippet\n")
        done = subprocess.run(
            [sys.executable, "-c", snippet], cwd=self.folder, capture_output=True, text=True, timeout=60
        )
        self.assertEqual(done.returncode, 0, done.stderr)
        printed = eval(done.stdout.strip().splitlines()[-1])  # the tuple of the two downloaded paths
        with open(printed[1]) as f:
            self.assertEqual(f.read(), "from the snippet\n")


if __name__ == "__main__":
    unittest.main()
