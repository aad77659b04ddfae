"""gradio_client against examples/download_gallery.rs: a file input swapped for another file."""

import os
import unittest

from gradio_client import handle_file

from common import REPO, client


class DownloadGallery(unittest.TestCase):
    def test_swap_takes_a_file_and_returns_the_other_one(self):
        c = client("download_gallery")
        self.assertIn("/swap", c.view_api(print_info=False, return_format="dict")["named_endpoints"])
        report = os.path.join(REPO, "examples", "assets", "report.csv")
        svg = os.path.join(REPO, "examples", "assets", "download.svg")
        swapped = c.predict(handle_file(report), api_name="/swap")
        self.assertEqual(os.path.basename(swapped), "download.svg")
        with open(swapped, "rb") as got, open(svg, "rb") as want:
            self.assertEqual(got.read(), want.read())
        back = c.predict(handle_file(svg), api_name="/swap")
        with open(back, "rb") as got, open(report, "rb") as want:
            self.assertEqual(got.read(), want.read())
        c.close()


if __name__ == "__main__":
    unittest.main()
